import { describe, expect, it } from 'vitest';
import { splitClauses, splitSentences } from './sentences.ts';

describe('sentences', () => {
  it('splits at sentence ends and keeps offsets', () => {
    const text = 'JPMorgan raised its ratings. The bank lifted Cipher’s price target to $18.50 from $12.\nNext line';
    const spans = splitSentences(text);
    expect(spans.map((s) => s.text)).toEqual([
      'JPMorgan raised its ratings.',
      'The bank lifted Cipher’s price target to $18.50 from $12.',
      'Next line',
    ]);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('does not split after abbreviations and initials', () => {
    const text = 'J.P. Morgan Increases PT To $12.50 On American Capital Inc. And More. Acme Corp. rose.';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'J.P. Morgan Increases PT To $12.50 On American Capital Inc. And More.',
      'Acme Corp. rose.',
    ]);
  });

  it('splits after a unit written on a figure ("420p.", "$5m."), which is no abbreviation', () => {
    expect(splitSentences('Peel Hunt lifted its target to 470p from 420p. Paris: Oddo cut Renault. Sales were $5m. Costs fell.').map((s) => s.text)).toEqual([
      'Peel Hunt lifted its target to 470p from 420p.',
      'Paris: Oddo cut Renault.',
      'Sales were $5m.',
      'Costs fell.',
    ]);
  });

  it('splits clauses at "while" and at a new verb after a comma', () => {
    const [sentence] = splitSentences('The bank lifted the target, while CleanSpark jumped in premarket trading.');
    expect(splitClauses(sentence!).map((c) => c.text)).toEqual(['The bank lifted the target', 'CleanSpark jumped in premarket trading.']);
    const [headline] = splitSentences('UBS Maintains Buy on Apple, Raises Price Target to $80');
    expect(splitClauses(headline!).map((c) => c.text)).toEqual(['UBS Maintains Buy on Apple', 'Raises Price Target to $80']);
  });
  it('keeps a numbered list item whole: "1." opens the item, it ends no sentence', () => {
    expect(splitSentences('Five calls\n1. Etsy was lifted to neutral.\n2. Airbnb was cut.\nRevenue rose 5. Sales fell.').map((s) => s.text)).toEqual(['Five calls', '1. Etsy was lifted to neutral.', '2. Airbnb was cut.', 'Revenue rose 5.', 'Sales fell.']);
  });
});
