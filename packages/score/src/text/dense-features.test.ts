import { describe, expect, it } from 'vitest';
import { createAfinnScorer } from './afinn.ts';
import { denseFeatures } from './dense-features.ts';
import { featureTokens } from './features.ts';

const afinn = createAfinnScorer();
const features = (text: string) => Object.fromEntries(denseFeatures(featureTokens(text), afinn));

// Our own sentences. `<fin±>` says whether a reported figure moved the good way for the company.
describe('direction words crossed with the metric they govern', () => {
  it.each([
    ['Operating profit rose to EUR 9.4 mn', '<fin+>'],
    ['Net sales increased 12% in the quarter', '<fin+>'],
    ['The net loss narrowed to EUR 1.1 mn', '<fin+>'],
    ['Operating costs fell 8%', '<fin+>'],
    ['an increase in net sales', '<fin+>'],
    ['The firm swung to a profit', '<fin+>'],
    ['Operating profit fell to EUR 4.1 mn', '<fin->'],
    ['The pretax loss widened to EUR 5.6 million', '<fin->'],
    ['Operating expenses increased by 25%', '<fin->'],
    ['Net debt rose to EUR 900 mn', '<fin->'],
    ['Revenue did not grow in the quarter', '<fin->'],
  ])('%j gives %s', (text, feature) => {
    const found = features(text);
    expect(found[feature]).toBeGreaterThan(0);
    expect(found[feature === '<fin+>' ? '<fin->' : '<fin+>']).toBeUndefined();
  });

  it('says nothing of a figure without a direction, or a move without a metric', () => {
    expect(features('Net sales totalled EUR 45.2 million')['<fin+>']).toBeUndefined();
    expect(features('Net sales totalled EUR 45.2 million')['<fin->']).toBeUndefined();
    expect(features('Shares rose 4% in early trading')['<fin+>']).toBeUndefined();
  });

  it('counts a crossed direction word for <fin±> only, not as a price move too', () => {
    // "fell" here is good news (costs), so it must not also count as a down move.
    expect(features('Operating costs fell 8%')['<lex:down>']).toBeUndefined();
    expect(features('Shares fell 8%')['<lex:down>']).toBeGreaterThan(0);
  });
});

describe('negation', () => {
  it('turns the lexicon groups of the next few words around', () => {
    expect(features('The results were not strong')).toMatchObject({ '<lex:bad>': expect.any(Number) });
    expect(features('The results were not strong')['<lex:good>']).toBeUndefined();
    expect(features("Contoso didn't miss estimates")['<lex:good>']).toBeGreaterThan(0);
  });
});
