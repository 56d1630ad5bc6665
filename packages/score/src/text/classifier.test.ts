import { describe, expect, it } from 'vitest';
import { softmaxInPlace, textVector } from './classifier.ts';
import { readFileSync } from 'node:fs';
import { evalFiles, evalFilesPresent } from './eval-files.ts';
import { featureTokens, featureTokensByPattern, ngramFeatures } from './features.ts';
import { createTextSentimentScorer, loadTextModel, serializeTextModel, textLabels } from './index.ts';

// Our own sentences, written for this test.
const obvious = [
  ['Northwind Robotics upgraded to Buy at Example Securities, price target raised to $80', 'bullish'],
  ['Contoso shares surge 18% after record quarterly profit beats estimates', 'bullish'],
  ['Fabrikam stock plunges after it cuts full-year guidance and misses revenue estimates', 'bearish'],
  ['Litware downgraded to Sell as losses widen', 'bearish'],
  ['Tailspin Toys to hold annual shareholder meeting on May 14', 'neutral'],
  ['What to watch in markets this week', 'neutral'],
] as const;

describe('the shipped text model', () => {
  const model = loadTextModel();
  const scorer = createTextSentimentScorer(model);

  it('loads, with weights per label in the fixed order', () => {
    expect(model.labels).toEqual(textLabels);
    expect(Object.keys(model.weights).length).toBeGreaterThan(1000);
  });

  it('is byte-stable through parse and serialize', () => {
    expect(serializeTextModel(model)).toBe(serializeTextModel(loadTextModel()));
  });

  it.each(obvious)('reads %j as %s', (text, label) => {
    const result = scorer.classifier.classify(text);
    expect(result.label).toBe(label);
    expect(result.score).toBeGreaterThanOrEqual(-1);
    expect(result.score).toBeLessThanOrEqual(1);
    expect(result.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('handles empty and symbol-only text as neutral', () => {
    expect(scorer.classifier.classify('').label).toBe('neutral');
    expect(scorer.classifier.classify('$$$ ... ---').label).toBe('neutral');
  });
});

describe('features', () => {
  it('are Porter stems as unigrams, then bigrams of the unstemmed tokens', () => {
    expect(ngramFeatures(featureTokens('Contoso downgraded; downgrades $ACME +5% ?'))).toEqual([
      'contoso', 'downgrad', 'downgrad', '<ticker>', '<+pct>', '?',
      'contoso downgraded', 'downgraded downgrades', 'downgrades <ticker>', '<ticker> <+pct>', '<+pct> ?',
    ]);
  });
});

describe('the token scanner', () => {
  // Shapes, possessives, signs, cash-tags, punctuation, non-ASCII case folding, URLs; and random strings of those characters.
  const alphabet = "ab's$-+%.,:?!&'1 9İ\u00e9/";
  let state = 7;
  const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const texts = [
    "a's 's x's -5% +5 $ $a.b.c 1,2.3% -a a- a' ?!: İstanbul's +-3 --4 $1 a&b&- q4'2019 it's",
    'See https://t.co/abc now! $ACME +4.3% (pre)',
    ...Array.from({ length: 2000 }, () => Array.from({ length: 1 + Math.floor(random() * 30) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')),
  ];

  it('gives the tokens of the regular expression that defines them', () => {
    for (const text of texts) expect(featureTokens(text), text).toEqual(featureTokensByPattern(text));
  });

  it.skipIf(!evalFilesPresent())('on every tweet the model learns from', () => {
    const lines = readFileSync(evalFiles.tweetTrain, 'utf8').split('\n');
    expect(lines.filter((line) => JSON.stringify(featureTokens(line)) !== JSON.stringify(featureTokensByPattern(line)))).toEqual([]);
  });
});

describe('classify', () => {
  const model = loadTextModel();
  const scorer = createTextSentimentScorer(model);
  const weights = new Map(Object.entries(model.weights));
  // The plain reading: the training vector, then a dot product in the vector's order.
  const reference = (text: string) => {
    const vector = textVector(text, scorer.afinn);
    const logits = model.bias.slice();
    vector.names.forEach((name, i) => {
      const row = weights.get(name);
      if (row) for (let k = 0; k < logits.length; k++) logits[k] = logits[k]! + row[k]! * vector.values[i]!;
    });
    return softmaxInPlace(logits);
  };

  // Repeated words, stems and bigrams, shapes, lexicon words, negations, nothing at all.
  const texts = [
    ...obvious.map(([text]) => text),
    // Inflections no training text has, whose stems the model knows; unknown words of one stem.
    'Contoso outperformances and reboundings; Zyxwvuts zyxwvutsing zyxwvutsed zyxwvutsing',
    'Upgrade upgrade upgraded upgrades: upgrade upgrade, downgrade downgraded downgrades',
    '$ACME $ACME +4.3% -2% 12% 1,200 shares jump jump jump; not bad, not good at all!',
    "Contoso's Contoso's shares fell fell 5% after the the the miss?",
    'Analysts slash targets as losses widen and guidance is cut https://t.co/abc then rebound',
    'a', '', '   ', '???', 'Q4 net profit at Rs 5 crore vs Rs 4 crore',
  ];

  it.each(texts)('gives exactly the probabilities of the training vector for %j', (text) => {
    expect(scorer.classifier.classify(text).probabilities).toEqual(reference(text));
  });
});
