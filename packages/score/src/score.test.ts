import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Analysis } from '@tickerwire/core';
import { createAnalyzer, decisionScore, eventSignal, labelOf, scoring } from './index.ts';

const analyzer = createAnalyzer();
const seedFile = fileURLToPath(new URL('../../../../shared/fixtures/seed-article.md', import.meta.url));
const expectedFile = fileURLToPath(new URL('../../../../shared/fixtures/seed-expected.json', import.meta.url));

describe.skipIf(!existsSync(seedFile))('seed article sentiment (../shared/fixtures)', () => {
  const raw = existsSync(seedFile) ? readFileSync(seedFile, 'utf8') : '';
  const [first = '', ...rest] = raw.split('\n');
  const analysis = analyzer.analyze({ title: first.replace(/^#\s*/, ''), body: rest.join('\n').trim() });
  const expected = existsSync(expectedFile) ? (JSON.parse(readFileSync(expectedFile, 'utf8')) as { sentiment: { label: string; byTicker: Record<string, string> } }) : null;

  it('is the full contract', () => {
    expect(Analysis.safeParse(analysis).error).toBeUndefined();
    expect(analysis.events.every((e) => e.sentiment !== undefined)).toBe(true);
  });

  it('is bullish overall, bullish for CIFR and CLSK, bearish for MARA and RIOT', () => {
    expect(analysis.sentiment.label).toBe(expected!.sentiment.label);
    const byTicker = Object.fromEntries(analysis.tickerSentiment.map((t) => [t.ticker, t.label]));
    expect(byTicker).toEqual(expected!.sentiment.byTicker);
  });

  it('says why: the upgrades and the target cuts are among the reasons, with their sentences', () => {
    const details = analysis.reasons.map((r) => `${r.ticker} ${r.detail}`);
    expect(details).toEqual(expect.arrayContaining(['CIFR upgrade by JPMorgan to overweight', 'MARA price target cut by JPMorgan', 'RIOT dilution']));
    const cut = analysis.reasons.find((r) => r.ticker === 'RIOT' && r.source === 'event')!;
    expect(cut.contribution).toBeLessThan(0);
    expect(cut.evidence).toMatch(/price targets for MARA Holdings \(MARA\) and Riot Platforms \(RIOT\) were cut/);
  });

  it('gives each ticker a relevance, the most covered at 1', () => {
    expect(Math.max(...analysis.tickerSentiment.map((t) => t.relevance))).toBe(1);
    for (const t of analysis.tickerSentiment) expect(t.relevance).toBeGreaterThan(0);
  });
});

describe('a rating kept beside a target moved', () => {
  it('reads the moved target as the news: the kept rating counts 0.4 of what it counts alone', () => {
    const keptIn = (body: string) => analyzer.analyze({ body }).reasons.find((r) => r.source === 'event' && r.detail.startsWith('rating kept'))!.contribution;
    const beside = keptIn('Raymond James lowered its price target on Delta Air Lines by $7 to $68, keeping its strong buy rating.');
    const alone = keptIn('Raymond James reiterated its strong buy rating on Delta Air Lines.');
    expect(beside).toBeCloseTo(alone * 0.4, 2);
  });
});

describe('an article that only states a figure', () => {
  it('is neutral, and the same figure judged by its words is not', () => {
    expect(analyzer.analyze({ body: 'Operating profit for the period was EUR 8.7 million.' }).sentiment.label).toBe('neutral');
    expect(analyzer.analyze({ body: 'Operating profit rose to EUR 8.7 million from EUR 6.2 million.' }).sentiment.label).toBe('bullish');
  });
});

describe("phrases a company's news is read by", () => {
  it.each([
    ['Inventory write-downs reduced the result by EUR 7.5 mn.', 'bearish'],
    ['The acquired company is profitable and will contribute to group earnings from the first month.', 'bullish'],
    ['The company did not manage to return to profit in the fourth quarter as it had promised.', 'bearish'],
    ['Costs for the new IT system overran the budget by EUR 6 mn.', 'bearish'],
    ["Valtera's largest customer has decided not to renew its supply agreement.", 'bearish'],
    ['The company will close three of its seven warehouses in Sweden and cut around 110 positions.', 'bearish'],
    ['Workday will be added to the S&P 500 index before the open on Monday.', 'bullish'],
    ['Super Micro Computer will be removed from the Nasdaq-100 later this month.', 'bearish'],
    ['Carnival welcomed its return to investment grade at S&P Global Ratings.', 'bullish'],
    ['Evercore ISI raised its Marriott EBITDA estimates on strong group bookings.', 'bullish'],
  ])('%j is %s', (body, label) => {
    expect(analyzer.analyze({ body }).sentiment.label).toBe(label);
  });
});

describe('event rules', () => {
  const base = { ticker: 'ACME', company: 'Acme', evidence: { text: 'x', start: 0, end: 1 }, confidence: 0.9 };
  it('upgrades are bullish, downgrades bearish, and a bigger target raise counts more', () => {
    const rating = { ...base, type: 'analyst_rating' as const, firm: 'UBS', analyst: null, ratingFrom: null, ratingTo: 'buy', ratingScore: 4 };
    expect(eventSignal({ ...rating, action: 'upgrade' }).value).toBeGreaterThan(0.5);
    expect(eventSignal({ ...rating, action: 'downgrade', ratingTo: 'sell', ratingScore: 1 }).value).toBeLessThan(-0.5);
    expect(eventSignal({ ...rating, action: 'initiate', ratingTo: 'underweight', ratingScore: 2 }).value).toBeLessThan(0);
    const target = { ...base, type: 'price_target' as const, firm: 'UBS', action: 'raise' as const, currency: 'USD' };
    const small = eventSignal({ ...target, from: 100, to: 102, changePct: 2 }).value;
    const big = eventSignal({ ...target, from: 100, to: 150, changePct: 50 }).value;
    expect(big).toBeGreaterThan(small);
    expect(small).toBeGreaterThan(0);
    expect(eventSignal({ ...target, action: 'lower', from: null, to: null, changePct: null }).value).toBeLessThan(0);
  });

  it('labels at the documented thresholds', () => {
    expect(labelOf(scoring.labelThreshold)).toBe('bullish');
    expect(labelOf(-scoring.labelThreshold)).toBe('bearish');
    expect(labelOf(0.1)).toBe('neutral');
  });
});

describe('articles in the round', () => {
  it('one article can be bullish for one company and bearish for another', () => {
    const a = analyzer.analyze({
      title: 'Citi Upgrades Alpha Grid (ALPG) to Buy, Downgrades Beta Power (BTPW) to Sell',
      body: 'Citi raised its price target on Alpha Grid to $40 from $25. Beta Power shares fell 9% after the company announced a share offering.',
    });
    const byTicker = Object.fromEntries(a.tickerSentiment.map((t) => [t.ticker, t.label]));
    expect(byTicker).toEqual({ ALPG: 'bullish', BTPW: 'bearish' });
  });

  it('labels an article the text model alone reads as the model labels it, even by a small margin', () => {
    // A model that calls the sentence bullish at 0.45 against 0.30 neutral: p(bullish) − p(bearish) is only 0.2.
    const unsure = { label: 'bullish' as const, score: 0.2, probabilities: [0.25, 0.45, 0.3] };
    const text = { ...analyzer.text, classifier: { classify: () => unsure } };
    // Our own sentence: no event or phrase rule reads it, so the text model alone decides.
    const a = createAnalyzer({ text }).analyze({ body: 'The mill ran at full capacity throughout the quarter.' });
    expect(a.reasons.every((r) => r.source === 'text')).toBe(true);
    expect(a.sentiment.label).toBe('bullish');
  });

  it("reads a sentence by its events, not also by a text model that misreads it", () => {
    // A model that misreads a company's results as bearish: the figures' event decides the sentence.
    const misread = { label: 'bearish' as const, score: -0.3, probabilities: [0.5, 0.2, 0.3] };
    const text = { ...analyzer.text, classifier: { classify: () => misread } };
    const a = createAnalyzer({ text }).analyze({ body: 'Operating profit rose to EUR 12.3 mn from EUR 9.8 mn a year earlier.' });
    expect(a.events.some((e) => e.type === 'financial_result')).toBe(true);
    expect(a.sentiment.label).toBe('bullish');
  });

  it('moves a text score out to where the model alone labels an article or ticker, and keeps neutral inside', () => {
    const articleAlone = (s: number) => labelOf(Math.tanh((scoring.articleTextWeight * s) / scoring.articleScale));
    const tickerAlone = (s: number) => labelOf(Math.round(Math.tanh((scoring.tickerTextWeight * s) / scoring.tickerScale) * 1000) / 1000);
    const bullish = decisionScore({ label: 'bullish', score: 0.2 });
    const bearish = decisionScore({ label: 'bearish', score: -0.1 });
    const neutral = decisionScore({ label: 'neutral', score: 0.6 });
    expect([articleAlone(bullish), tickerAlone(bullish)]).toEqual(['bullish', 'bullish']);
    expect([articleAlone(bearish), tickerAlone(bearish)]).toEqual(['bearish', 'bearish']);
    expect([articleAlone(neutral), tickerAlone(neutral)]).toEqual(['neutral', 'neutral']);
    expect(decisionScore({ label: 'bullish', score: 0.9 })).toBe(0.9);
  });

  it('an article without events still gets a text-based label, with low confidence', () => {
    const a = analyzer.analyze({ title: 'Markets drift ahead of the holiday', body: 'Trading was quiet across sectors.' });
    expect(a.events).toEqual([]);
    expect(a.sentiment.confidence).toBeLessThan(0.6);
    expect(['bullish', 'bearish', 'neutral']).toContain(a.sentiment.label);
  });
});

describe('per-ticker sentiment from the clause that names each company', () => {
  // Our own sentences: no event is extracted from them, so the text decides.
  it('reads a sentence naming two companies per company, not once for both', () => {
    const a = analyzer.analyze({
      title: 'Navy orders',
      body: 'Contoso Ltd (CTSO) won a record order from the navy, while rival Fabrikam Inc (FBKM) lost its biggest customer.',
    });
    const byTicker = Object.fromEntries(a.tickerSentiment.map((t) => [t.ticker, t.label]));
    expect(byTicker).toEqual({ CTSO: 'bullish', FBKM: 'bearish' });
    const reasons = a.reasons.filter((r) => r.source === 'text' && r.ticker !== null);
    expect(reasons.find((r) => r.ticker === 'CTSO')!.contribution).toBeGreaterThan(0);
    expect(reasons.find((r) => r.ticker === 'FBKM')!.contribution).toBeLessThan(0);
  });

  it('reads a sentence about one company whole', () => {
    const a = analyzer.analyze({ title: 'Orders', body: 'Contoso Ltd (CTSO) won a record order from the navy, and its shares rose in early trading.' });
    expect(a.tickerSentiment.find((t) => t.ticker === 'CTSO')!.label).toBe('bullish');
  });
});
