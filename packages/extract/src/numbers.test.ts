import { describe, expect, it } from 'vitest';
import { findMoney, findPercents, findPower, findYears } from './numbers.ts';

const money = (text: string) => findMoney(text).map(({ low, high, currency }) => ({ low, high, currency }));

describe('money', () => {
  it.each([
    ['$19 billion', 19_000_000_000, 19_000_000_000, 'USD'],
    ['$18', 18, 18, 'USD'],
    ['$56.00', 56, 56, 'USD'],
    ['$1,250', 1250, 1250, 'USD'],
    ['C$54', 54, 54, 'CAD'],
    ['US$2.00', 2, 2, 'USD'],
    ['€1.2 billion', 1_200_000_000, 1_200_000_000, 'EUR'],
    ['£300m', 300_000_000, 300_000_000, 'GBP'],
    ['EUR 45', 45, 45, 'EUR'],
    ['40 CHF', 40, 40, 'CHF'],
    ['$8–17 million', 8_000_000, 17_000_000, 'USD'],
    ['$8—17 million', 8_000_000, 17_000_000, 'USD'],
    ['$8-17 million', 8_000_000, 17_000_000, 'USD'],
    ['$8 million to $17 million', 8_000_000, 17_000_000, 'USD'],
    ['$1.7bn', 1_700_000_000, 1_700_000_000, 'USD'],
    // European forms: a decimal comma only before a scale word; three digits after a comma are thousands.
    ['EUR 1,3 million', 1_300_000, 1_300_000, 'EUR'],
    ['EUR 1,48 bn', 1_480_000_000, 1_480_000_000, 'EUR'],
    ['EUR 2,786 million', 2_786_000_000, 2_786_000_000, 'EUR'],
    ['SEK 1,034 million', 1_034_000_000, 1_034_000_000, 'SEK'],
    ['SEK 120 million', 120_000_000, 120_000_000, 'SEK'],
    ['EUR 9.4 mn', 9_400_000, 9_400_000, 'EUR'],
    ['EUR 4.0 mln', 4_000_000, 4_000_000, 'EUR'],
    ['DKK 2.5 bln', 2_500_000_000, 2_500_000_000, 'DKK'],
    ['MEUR 59.3', 59_300_000, 59_300_000, 'EUR'],
    ['EUR 750–850 million', 750_000_000, 850_000_000, 'EUR'],
  ])('%s', (text, low, high, currency) => {
    expect(money(text)).toEqual([{ low, high, currency }]);
  });

  it('keeps offsets into the text', () => {
    const text = 'raised to $18 from $12';
    const found = findMoney(text);
    expect(found.map((m) => text.slice(m.start, m.end))).toEqual(['$18', '$12']);
  });

  it('finds nothing in plain numbers', () => {
    expect(findMoney('600 megawatts in 2026')).toEqual([]);
  });
});

describe('power, percent, years', () => {
  it.each([
    ['1.7 gigawatts', 1700],
    ['600 MW', 600],
    ['200 megawatts', 200],
    ['200MW', 200],
    ['a 300-megawatt campus', 300],
    ['2.2 GW', 2200],
  ])('%s is %d MW', (text, mw) => {
    expect(findPower(text).map((p) => p.mw)).toEqual([mw]);
  });

  it('reads percentages with their sign', () => {
    expect(findPercents('down 45% from highs').map((p) => p.value)).toEqual([45]);
    expect(findPercents('(-0.7% pre)').map((p) => p.value)).toEqual([-0.7]);
    expect(findPercents('up 12 percent').map((p) => p.value)).toEqual([12]);
  });

  it('reads contract terms', () => {
    expect(findYears('a 15-year lease')).toBe(15);
    expect(findYears('over ten years')).toBe(10);
    expect(findYears('no term')).toBeNull();
  });
});
