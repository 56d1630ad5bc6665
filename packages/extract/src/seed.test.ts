import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Analysis } from '@tickerwire/core';
import { documentText, extractAnalysis } from './index.ts';

// The reference case lives in ../shared, which is not part of the repo: read it, never copy it.
const fixtures = fileURLToPath(new URL('../../../../shared/fixtures/', import.meta.url));
const present = existsSync(`${fixtures}seed-article.md`);

interface Expected {
  tickers: string[];
  noOtherTypes: string[];
  events: Record<string, unknown>[];
}

function loadSeed() {
  const raw = readFileSync(`${fixtures}seed-article.md`, 'utf8');
  const [first = '', ...rest] = raw.split('\n');
  const input = { title: first.replace(/^#\s*/, ''), body: rest.join('\n').trim() };
  const expected = JSON.parse(readFileSync(`${fixtures}seed-expected.json`, 'utf8')) as Expected;
  return { input, expected };
}

function sameValue(want: unknown, got: unknown): boolean {
  if (typeof want === 'string' && typeof got === 'string') return want.toLowerCase() === got.toLowerCase();
  return JSON.stringify(want) === JSON.stringify(got);
}

describe.skipIf(!present)('seed article (../shared/fixtures)', () => {
  const { input, expected } = present ? loadSeed() : ({} as ReturnType<typeof loadSeed>);
  const analysis = present ? extractAnalysis(input) : ({} as Analysis);

  it('is a valid analysis of the contract', () => {
    expect(Analysis.safeParse(analysis).error).toBeUndefined();
    expect(analysis.tickers).toEqual(expected.tickers);
  });

  it('finds every expected event with every given field equal', () => {
    const missing = expected.events.filter(
      (want) => !analysis.events.some((got) => Object.entries(want).every(([k, v]) => sameValue(v, (got as Record<string, unknown>)[k]))),
    );
    expect(missing).toEqual([]);
  });

  it('emits no other rating or price-target events', () => {
    for (const type of expected.noOtherTypes) {
      const wanted = expected.events.filter((e) => e.type === type).length;
      expect(analysis.events.filter((e) => e.type === type)).toHaveLength(wanted);
    }
  });

  it('points each event at the sentence it came from', () => {
    const text = documentText(input);
    for (const event of analysis.events) {
      expect(text.slice(event.evidence.start, event.evidence.end)).toBe(event.evidence.text);
    }
    const evidenceOf = (type: string, ticker: string | null) => analysis.events.find((e) => e.type === type && e.ticker === ticker)!.evidence.text;
    expect(evidenceOf('price_target', 'CIFR')).toMatch(/^The bank lifted Cipher’s price target to \$18 from \$12/);
    expect(evidenceOf('price_target', 'RIOT')).toMatch(/price targets for MARA Holdings \(MARA\) and Riot Platforms \(RIOT\) were cut/);
    expect(evidenceOf('analyst_rating', 'CLSK')).toMatch(/^JPMorgan raised its ratings on two US bitcoin miners/);
    expect(evidenceOf('capacity', 'CLSK')).toMatch(/CleanSpark poised to add 200 MW at its new Texas site/);
  });

  it('tags the article with its event types and themes', () => {
    expect(analysis.tags).toEqual(expect.arrayContaining(['analyst-rating', 'price-target', 'contract', 'hpc', 'bitcoin-miners']));
  });
});
