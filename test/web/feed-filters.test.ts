import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { MarketEvent } from '@tickerwire/core';
import { apiHarness, type ApiHarness } from '../api/support.ts';
import { expectAccessible, launch, open, screenshotDir, shoot, signIn, type Watched } from './browser.ts';
import { rating, storeStories, target, type Spec } from './seed.ts';

// The feed's filters in real Chromium against the API on 127.0.0.1: each one, set in the form,
// narrows the feed to the stories that match it and nothing else, is kept in the URL, and
// comes back from that URL on a reload. Then the feed items (sources, first-report marker,
// badges of every event type, chips by each ticker's own sentiment) and the ticker page's
// chart marks and story counts.

const hour = 3_600_000;
const now = Date.now();
const midnight = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());
/** n days before today (UTC), at this hour: publication times that do not follow the fetch times. */
const published = (daysAgo: number, hourOfDay: number) => new Date(midnight - daysAgo * 24 * hour + hourOfDay * hour);
const isoDay = (daysAgo: number) => new Date(midnight - daysAgo * 24 * hour).toISOString().slice(0, 10);

const evidence = { text: '', start: 0, end: 0 };
const guidanceCut = (ticker: string) => (): MarketEvent => ({ type: 'guidance', ticker, company: null, confidence: 0.9, evidence, action: 'lower', metric: 'revenue', period: 'fiscal 2026', low: 300e6, high: 320e6, currency: 'USD' });
const revenueBeat = (ticker: string) => (): MarketEvent => ({
  type: 'financial_result',
  ticker,
  company: null,
  confidence: 0.9,
  evidence,
  metric: 'revenue',
  period: 'third quarter',
  value: { amount: 35.1e9, currency: 'USD' },
  prior: { amount: 30e9, currency: 'USD' },
  changePct: 17,
  direction: 'up',
  vsEstimates: 'beat',
});
const bigContract = (ticker: string) => (): MarketEvent => ({ type: 'contract', ticker, company: null, confidence: 0.9, evidence, counterparties: ['Hyperscale Cloud'], value: { amount: 19e9, currency: 'USD' }, capacityMw: null, termYears: 15 });

// Fetched in one order (hoursAgo), published in another: the feed follows publication.
const stories: Spec[] = [
  {
    id: 'cifr-guidance',
    hoursAgo: 0.5,
    publishedAt: published(1, 18),
    title: 'Cipher Mining cuts its revenue guidance for fiscal 2026',
    body: 'Cipher Mining (CIFR) lowered its fiscal 2026 revenue guidance to $300 million to $320 million, citing a slower ramp at its Texas site.',
    sources: ['wire'],
    tags: ['miners'],
    tickers: [{ ticker: 'CIFR', label: 'bearish', score: -0.55 }],
    events: [{ make: guidanceCut('CIFR'), phrase: 'lowered its fiscal 2026 revenue guidance to $300 million to $320 million' }],
  },
  {
    id: 'nvda-results',
    hoursAgo: 0.6,
    publishedAt: published(1, 15),
    title: 'Nvidia third-quarter revenue of $35.1 billion beats estimates',
    body: 'Nvidia (NVDA) reported third-quarter revenue of $35.1 billion, up 17% and ahead of what analysts expected.',
    sources: ['blog'],
    tags: ['chips'],
    tickers: [{ ticker: 'NVDA', label: 'bullish', score: 0.7 }],
    events: [{ make: revenueBeat('NVDA'), phrase: 'reported third-quarter revenue of $35.1 billion, up 17%' }],
  },
  {
    id: 'cifr-repeat',
    hoursAgo: 0.1,
    publishedAt: published(1, 10),
    title: 'Cipher Mining outlook lowered, aggregator recap',
    body: 'A recap: Cipher Mining (CIFR) has lowered its fiscal 2026 revenue guidance, as first reported elsewhere.',
    sources: ['aggregator'],
    tags: ['miners'],
    novel: false,
    tickers: [{ ticker: 'CIFR', label: 'bearish', score: -0.3 }],
    events: [{ make: guidanceCut('CIFR'), phrase: 'has lowered its fiscal 2026 revenue guidance' }],
  },
  {
    id: 'mixed',
    hoursAgo: 0.7,
    publishedAt: published(2, 16),
    title: 'JPMorgan upgrades Cipher Mining while Barclays downgrades Apple',
    body: 'JPMorgan upgraded Cipher Mining (CIFR) to overweight. Separately, Barclays downgraded Apple (AAPL) to underweight.',
    sources: ['wire'],
    tickers: [
      { ticker: 'CIFR', label: 'bullish', score: 0.6 },
      { ticker: 'AAPL', label: 'bearish', score: -0.6 },
    ],
    events: [
      { make: rating('CIFR', 'JPMorgan', 'upgrade', 'Overweight'), phrase: 'JPMorgan upgraded Cipher Mining (CIFR) to overweight' },
      { make: rating('AAPL', 'Barclays', 'downgrade', 'Underweight'), phrase: 'Barclays downgraded Apple (AAPL) to underweight' },
    ],
  },
  {
    id: 'mara-contract',
    hoursAgo: 0.8,
    publishedAt: published(2, 9),
    title: 'MARA signs $19 billion hosting contract',
    body: 'MARA Holdings (MARA) signed a $19 billion, 15-year hosting contract with Hyperscale Cloud.',
    sources: ['wire', 'blog'],
    tags: ['miners'],
    tickers: [{ ticker: 'MARA', label: 'bullish', score: 0.5 }],
    events: [{ make: bigContract('MARA'), phrase: 'signed a $19 billion, 15-year hosting contract with Hyperscale Cloud' }],
  },
  {
    id: 'aapl-quiet',
    hoursAgo: 0.9,
    publishedAt: published(3, 14),
    title: 'Apple shares steady ahead of its product event',
    body: 'Apple (AAPL) shares were little changed before the company presents new devices next week.',
    sources: ['wire'],
    tickers: [{ ticker: 'AAPL', label: 'neutral', score: 0.05 }],
    events: [],
  },
  {
    id: 'msft-pt',
    hoursAgo: 0.05,
    publishedAt: published(3, 8),
    title: 'Morgan Stanley lifts Microsoft price target to $600',
    body: 'Morgan Stanley raised its Microsoft (MSFT) price target to $600 from $550.',
    sources: ['wire'],
    tickers: [{ ticker: 'MSFT', label: 'bullish', score: 0.2 }],
    events: [{ make: target('MSFT', 'Morgan Stanley', 'raise', 600, 550), phrase: 'raised its Microsoft (MSFT) price target to $600 from $550' }],
  },
];
const byPublication = ['cifr-guidance', 'nvda-results', 'cifr-repeat', 'mixed', 'mara-contract', 'aapl-quiet', 'msft-pt'];

let h: ApiHarness;
let base: string;
let browser: Browser;

beforeAll(async () => {
  h = await apiHarness('webfilters', { streamBlockMs: 2000 });
  await storeStories(h.repos, stories, now);
  base = await h.api.listen({ host: '127.0.0.1', port: 0 });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

// Each open feed holds a live stream, and the API allows a key 5 at once: close every test's.
const opened: Watched[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((w) => w.context.close()));
});

async function signedIn(): Promise<Watched> {
  const watched = await open(browser, base);
  opened.push(watched);
  await signIn(watched.page, base, h.readKey);
  await loaded(watched.page);
  return watched;
}

/** Waits for the feed's first page to be in (the list is aria-busy while it loads). */
async function loaded(page: Page): Promise<void> {
  // attached, not visible: an empty list has no size. A list marked stale is the last view's.
  await page.locator('ol.feed:not([data-stale])[aria-busy="false"]').waitFor({ state: 'attached' });
}

const markStale = (page: Page) => page.evaluate("document.querySelector('ol.feed')?.setAttribute('data-stale', '')");

/** Goes to a feed URL (a hash change: the page re-renders) and waits for its new list. */
async function visit(page: Page, hash: string): Promise<void> {
  await markStale(page);
  await page.goto(`${base}/${hash}`);
  await loaded(page);
}

const shownIds = (page: Page) => page.locator('.feed .story').evaluateAll((items) => items.map((i) => i.getAttribute('data-id')));

function clean(watched: Watched): void {
  expect(watched.problems).toEqual([]);
  expect(watched.foreign).toEqual([]);
}

/** The feed's stories in publication order that satisfy the predicate. */
const expected = (keep: (spec: Spec) => boolean) => byPublication.filter((id) => keep(stories.find((s) => s.id === id)!));
const articleScore = (s: Spec) => s.tickers.reduce((sum, t) => sum + t.score, 0) / s.tickers.length;

interface Case {
  name: string;
  /** Fills in the form. */
  set: (page: Page) => Promise<unknown>;
  /** What the URL then says. */
  url: RegExp;
  ids: string[];
  /** After the reload: the form control that must show the filter again, and its state. */
  restored: (page: Page) => Promise<void>;
}

const checkbox = (page: Page, name: string) => page.getByRole('checkbox', { name, exact: true });

const cases: Case[] = [
  {
    name: 'tickers',
    set: (p) => p.getByRole('textbox', { name: 'Tickers' }).fill('cifr'),
    url: /tickers=CIFR/,
    ids: expected((s) => s.tickers.some((t) => t.ticker === 'CIFR')),
    restored: async (p) => expect(await p.getByRole('textbox', { name: 'Tickers' }).inputValue()).toBe('CIFR'),
  },
  {
    name: 'event type guidance',
    set: (p) => checkbox(p, 'Guidance').check(),
    url: /types=guidance/,
    ids: ['cifr-guidance', 'cifr-repeat'],
    restored: async (p) => expect(await checkbox(p, 'Guidance').isChecked()).toBe(true),
  },
  {
    name: 'event type financial_result',
    set: (p) => checkbox(p, 'Results').check(),
    url: /types=financial_result/,
    ids: ['nvda-results'],
    restored: async (p) => expect(await checkbox(p, 'Results').isChecked()).toBe(true),
  },
  {
    name: 'sentiment (the article’s, without tickers)',
    set: (p) => checkbox(p, 'Bearish').check(),
    url: /sentiment=bearish/,
    ids: expected((s) => articleScore(s) < -0.1),
    restored: async (p) => expect(await checkbox(p, 'Bearish').isChecked()).toBe(true),
  },
  {
    name: "sentiment with a ticker (that ticker's own)",
    set: async (p) => {
      await p.getByRole('textbox', { name: 'Tickers' }).fill('AAPL');
      await checkbox(p, 'Bearish').check();
    },
    url: /tickers=AAPL&sentiment=bearish/,
    // The mixed story is bullish for CIFR, neutral overall, and bearish for Apple.
    ids: ['mixed'],
    restored: async (p) => expect(await checkbox(p, 'Bearish').isChecked()).toBe(true),
  },
  {
    name: 'minimum score',
    set: (p) => p.getByRole('spinbutton', { name: 'Minimum |score|' }).fill('0.5'),
    url: /minAbsScore=0\.5/,
    ids: expected((s) => Math.abs(articleScore(s)) >= 0.5),
    restored: async (p) => expect(await p.getByRole('spinbutton', { name: 'Minimum |score|' }).inputValue()).toBe('0.5'),
  },
  {
    name: 'novelty: first reports only',
    set: (p) => p.getByRole('combobox', { name: 'Novelty' }).selectOption('true'),
    url: /novel=true/,
    // The API's partition: novel=false is a story that only repeats facts; every other story,
    // one with no facts included, is novel=true (services/api README, "Novelty").
    ids: expected((s) => s.novel !== false),
    restored: async (p) => expect(await p.getByRole('combobox', { name: 'Novelty' }).inputValue()).toBe('true'),
  },
  {
    name: 'novelty: repeats only',
    set: (p) => p.getByRole('combobox', { name: 'Novelty' }).selectOption('false'),
    url: /novel=false/,
    ids: ['cifr-repeat'],
    restored: async (p) => expect(await p.getByRole('combobox', { name: 'Novelty' }).inputValue()).toBe('false'),
  },
  {
    name: 'sources',
    set: (p) => p.getByRole('textbox', { name: 'Sources' }).fill('blog'),
    url: /sources=blog/,
    ids: expected((s) => (s.sources ?? []).includes('blog')),
    restored: async (p) => expect(await p.getByRole('textbox', { name: 'Sources' }).inputValue()).toBe('blog'),
  },
  {
    name: 'tags',
    set: (p) => p.getByRole('textbox', { name: 'Tags' }).fill('miners'),
    url: /tags=miners/,
    ids: expected((s) => (s.tags ?? []).includes('miners')),
    restored: async (p) => expect(await p.getByRole('textbox', { name: 'Tags' }).inputValue()).toBe('miners'),
  },
  {
    name: 'time range (publication day, both ends inclusive)',
    set: async (p) => {
      await p.getByLabel('From', { exact: true }).fill(isoDay(2));
      await p.getByLabel('To', { exact: true }).fill(isoDay(2));
    },
    url: new RegExp(`since=${isoDay(2)}&until=${isoDay(1)}`),
    // Published two days ago, though every story was fetched within the hour.
    ids: ['mixed', 'mara-contract'],
    restored: async (p) => {
      expect(await p.getByLabel('From', { exact: true }).inputValue()).toBe(isoDay(2));
      expect(await p.getByLabel('To', { exact: true }).inputValue()).toBe(isoDay(2));
    },
  },
  {
    name: 'text search',
    set: (p) => p.getByRole('searchbox', { name: 'Search words' }).fill('revenue guidance'),
    url: /q=revenue\+guidance/,
    ids: expected((s) => ['revenue', 'guidance'].every((w) => `${s.title} ${s.body}`.toLowerCase().includes(w))),
    restored: async (p) => expect(await p.getByRole('searchbox', { name: 'Search words' }).inputValue()).toBe('revenue guidance'),
  },
];

describe('feed filters', () => {
  it('shows every story newest first by publication time, not by when it was fetched', async () => {
    const w = await signedIn();
    expect(await shownIds(w.page)).toEqual(byPublication);
    clean(w);
  });

  it.each(cases)('$name: narrows the feed to matching stories, kept in the URL and restored on reload', async (c) => {
    expect(c.ids.length).toBeGreaterThan(0);
    expect(c.ids.length).toBeLessThan(byPublication.length);
    const w = await signedIn();
    await c.set(w.page);
    await markStale(w.page);
    await w.page.getByRole('button', { name: 'Apply' }).click();
    await w.page.waitForFunction(`new RegExp(${JSON.stringify(c.url.source)}).test(location.hash)`);
    await loaded(w.page);
    expect(await shownIds(w.page)).toEqual(c.ids);
    expect(await w.page.locator('.summary').textContent()).toMatch(/^Filtered: /);
    const url = w.page.url();
    await w.page.reload();
    await loaded(w.page);
    expect(w.page.url()).toBe(url);
    expect(await shownIds(w.page)).toEqual(c.ids);
    await c.restored(w.page);
    clean(w);
  });

  it('combines filters, and keyset "load more" continues with them', async () => {
    const w = await signedIn();
    // tags=miners matches three stories; two per page.
    await visit(w.page, `#/?tags=miners&limit=2`);
    expect(await shownIds(w.page)).toEqual(['cifr-guidance', 'cifr-repeat']);
    await w.page.getByRole('button', { name: 'Load more' }).click();
    await w.page.locator('.feed .story').nth(2).waitFor();
    await w.page.getByRole('button', { name: 'Load more' }).waitFor({ state: 'hidden' });
    expect(await shownIds(w.page)).toEqual(['cifr-guidance', 'cifr-repeat', 'mara-contract']);
    // Two filters at once: both must hold.
    await visit(w.page, `#/?tags=miners&novel=true`);
    expect(await shownIds(w.page)).toEqual(['cifr-guidance', 'mara-contract']);
    await visit(w.page, `#/?tickers=NVDA&types=guidance`);
    expect(await shownIds(w.page)).toEqual([]);
    expect(await w.page.getByRole('status').filter({ hasText: 'No stories match' }).count()).toBe(1);
    clean(w);
  });

  it('a value the API refuses shows its message naming the field', async () => {
    const w = await signedIn();
    await w.page.goto(`${base}/#/?minAbsScore=7`);
    const alert = w.page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/400.*minAbsScore/);
    clean(w);
  });

  it('keeps a watchlist of tickers and opens its feed', async () => {
    const w = await signedIn();
    await w.page.getByRole('textbox', { name: 'Tickers' }).fill('mara, nvda');
    await w.page.getByRole('button', { name: 'Save these tickers as my watchlist' }).click();
    await w.page.getByRole('link', { name: 'My watchlist: MARA, NVDA' }).click();
    await w.page.waitForFunction("location.hash.includes('tickers=MARA%2CNVDA') || location.hash.includes('tickers=MARA,NVDA')");
    await loaded(w.page);
    expect(await shownIds(w.page)).toEqual(['nvda-results', 'mara-contract']);
    clean(w);
  });
});

describe('feed items', () => {
  it('show the sources that carried each story, a first-report marker, every kind of badge and chips by each ticker’s own sentiment', async () => {
    const w = await signedIn();
    const item = (id: string) => w.page.locator(`.feed .story[data-id="${id}"]`);
    expect(await item('mara-contract').locator('.meta').textContent()).toContain('2 sources');
    expect(await item('mara-contract').locator('.badge').allTextContents()).toEqual(['$19B contract']);
    expect(await item('cifr-guidance').locator('.badge').allTextContents()).toEqual(['revenue guidance cut $300M–$320M']);
    expect(await item('nvda-results').locator('.badge').allTextContents()).toEqual(['revenue $35.1B ↑ 17% beat']);
    expect(await item('msft-pt').locator('.badge').allTextContents()).toEqual(['Morgan Stanley PT $550 → $600']);
    expect(await item('mixed').locator('.badge').allTextContents()).toEqual(['JPMorgan ↑ overweight', 'Barclays ↓ underweight']);
    // First reports are marked; the recap that repeats them and the story without facts are not.
    const marked = await w.page.locator('.feed .story:has(.first-report)').evaluateAll((items) => items.map((i) => i.getAttribute('data-id')));
    expect(marked).toEqual(['cifr-guidance', 'nvda-results', 'mixed', 'mara-contract', 'msft-pt']);
    // The marker is the API's firstReport: this story first reported one of its facts.
    const firstReport = async (id: string) => ((await (await fetch(`${base}/v1/articles/${id}`, { headers: { authorization: `Bearer ${h.readKey}` } })).json()) as { firstReport: boolean | null }).firstReport;
    expect([await firstReport('cifr-guidance'), await firstReport('cifr-repeat'), await firstReport('aapl-quiet')]).toEqual([true, false, false]);
    // One story, two tickers, each coloured by its own sentiment.
    const chips = item('mixed').locator('.chip');
    expect(await chips.evaluateAll((c) => c.map((e) => `${e.getAttribute('data-ticker')} ${e.classList.contains('bullish') ? 'bullish' : e.classList.contains('bearish') ? 'bearish' : 'other'}`))).toEqual([
      'CIFR bullish',
      'AAPL bearish',
    ]);
    await shoot(w.page, 'feed-items');
    clean(w);
  });

  it('the story page lists its sources with first-seen times, earliest first, and its reasons largest first', async () => {
    const w = await signedIn();
    await w.page.goto(`${base}/#/story/mara-contract`);
    await w.page.locator('#article-text').waitFor();
    expect(await w.page.locator('#sources-title').textContent()).toBe('Carried by 2 sources');
    expect(await w.page.locator('.carriers li').count()).toBe(2);
    expect(await w.page.locator('.carriers li time').count()).toBe(2);
    expect(await w.page.locator('.story-view .first-report').count()).toBe(1);
    await w.page.goto(`${base}/#/story/mixed`);
    await w.page.locator('#article-text').waitFor();
    const contributions = await w.page.locator('.reasons .contribution').allTextContents();
    // The seed gives a downgrade −0.80 and an upgrade +0.60: signed, largest first.
    expect(contributions).toEqual(['−0.80', '+0.60']);
    clean(w);
  });
});

describe('ticker page', () => {
  it('draws the sentiment chart by publication day with its events marked, and counts the stories per day', async () => {
    const w = await signedIn();
    await w.page.goto(`${base}/#/ticker/CIFR`);
    await w.page.locator('.chart canvas').waitFor();
    const chart = w.page.locator('.chart');
    // CIFR stories were published on two days (yesterday: two; the day before: one).
    expect(Number(await chart.getAttribute('data-points'))).toBe(2);
    // Three CIFR events in the window, each a mark drawn over the plot area.
    expect(Number(await chart.getAttribute('data-marks'))).toBe(3);
    const marks = chart.locator('.event-mark');
    expect(await marks.count()).toBe(3);
    const plot = (await chart.locator('.u-over').boundingBox())!;
    for (const mark of await marks.all()) {
      const box = (await mark.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(plot.x - 2);
      expect(box.x).toBeLessThanOrEqual(plot.x + plot.width + 2);
    }
    expect(await marks.evaluateAll((m) => m.map((e) => e.getAttribute('title')!.split(' · ')[0]))).toEqual(['JPMorgan ↑ overweight', 'revenue guidance cut $300M–$320M', 'revenue guidance cut $300M–$320M']);
    // Stories per day, by publication day.
    const rows = w.page.locator('table.per-day tbody tr');
    expect(await rows.evaluateAll((r) => r.map((e) => `${e.getAttribute('data-day')} ${e.querySelector('.count')!.textContent}`))).toEqual([`${isoDay(1)} 2`, `${isoDay(2)} 1`]);
    // The event timeline, newest first by publication.
    expect(await w.page.locator('.timeline li .badge').allTextContents()).toEqual(['revenue guidance cut $300M–$320M', 'revenue guidance cut $300M–$320M', 'JPMorgan ↑ overweight']);
    await shoot(w.page, 'ticker-marks');
    clean(w);
  });

  it('has no serious or critical axe-core violations on the filtered feed and the ticker page', async () => {
    const w = await signedIn();
    const check = (name: string) => expectAccessible(w.page, name);
    await visit(w.page, `#/?tickers=CIFR&types=guidance&novel=true&minAbsScore=0.1&since=${isoDay(5)}`);
    await check('filtered feed');
    await w.page.goto(`${base}/#/ticker/CIFR`);
    await w.page.locator('.chart canvas').waitFor();
    await w.page.locator('details.daily summary').click();
    await check('ticker page with the per-day table open');
    clean(w);
  });
});

describe('README screenshot', () => {
  // The README's picture of the feed is this page, drawn from the sample stories above:
  // `UPDATE_SCREENSHOTS=1 pnpm vitest run test/web/feed-filters.test.ts -t README` rewrites it.
  it('draws the feed with its filters, markers, badges and chips for packages/web/docs/feed.png', async () => {
    const w = await signedIn();
    await w.page.locator('.live[data-state="live"]').waitFor();
    expect(await shownIds(w.page)).toEqual(byPublication);
    const target = process.env.UPDATE_SCREENSHOTS === '1' ? fileURLToPath(new URL('../../packages/web/docs/feed.png', import.meta.url)) : `${screenshotDir}readme-feed.png`;
    await mkdir(dirname(target), { recursive: true });
    await w.page.screenshot({ path: target });
    clean(w);
  });
});
