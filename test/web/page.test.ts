import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { publishStoredEvent } from '@tickerwire/queue';
import { apiHarness, type ApiHarness } from '../api/support.ts';
import { expectAccessible, launch, open, shoot, signIn as signInAs, type Watched } from './browser.ts';
import { rating, specs, storeStories, storyDocs } from './seed.ts';

// The research page (packages/web) in real Chromium against the API on 127.0.0.1 with sample
// stories: what a research team does with it, each step screenshotted.

let h: ApiHarness;
let base: string;
let browser: Browser;
const opened: Watched[] = [];
const now = Date.now();

beforeAll(async () => {
  h = await apiHarness('web', { streamBlockMs: 2000 });
  await storeStories(h.repos, specs, now);
  base = await h.api.listen({ host: '127.0.0.1', port: 0 });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function session(viewport?: { width: number; height: number }): Promise<Watched> {
  const watched = await open(browser, base, viewport);
  opened.push(watched);
  return watched;
}

const signIn = (page: Page, key: string) => signInAs(page, base, key);

const storyTitles = (page: Page) => page.locator('.feed .story h2').allTextContents();

function clean(watched: Watched): void {
  expect(watched.problems).toEqual([]);
  expect(watched.foreign).toEqual([]);
}

describe('research page', () => {
  it('serves / as public static files under a CSP allowing only its own origin', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await response.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${base}${script}`);
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    for (const path of ['/assets/..%2Fpackage.json', '/assets/%2e%2e%2fpackage.json', '/assets/.vite', '/assets/nothing.js']) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    }
  });

  it('signs in with a read key and shows the stories newest first, with chips and badges', async () => {
    const w = await session();
    await signIn(w.page, h.readKey);
    await w.page.locator('.feed .story').first().waitFor();
    const titles = await storyTitles(w.page);
    expect(titles.slice(0, 3)).toEqual([specs[0]!.title, specs[1]!.title, specs[2]!.title]);
    const first = w.page.locator('.feed .story').first();
    await expect(first.locator('.chip').first().getAttribute('class')).resolves.toContain('bullish');
    expect(await first.locator('.badge').allTextContents()).toEqual(['JPMorgan ↑ overweight', 'JPMorgan PT $12 → $18']);
    expect(await first.locator('.meta').textContent()).toContain('2 sources');
    // The key is in sessionStorage, nowhere else.
    expect(await w.page.evaluate(() => sessionStorage.getItem('tickerwire.apiKey'))).toBe(h.readKey);
    expect(await w.page.evaluate(() => localStorage.length)).toBe(0);
    await shoot(w.page, 'feed');
    clean(w);
  });

  it('loads more on the API cursor, continuing the order without repeats', async () => {
    const w = await session();
    await signIn(w.page, h.readKey);
    await w.page.goto(`${base}/#/?limit=5`);
    await w.page.locator('.feed .story').nth(4).waitFor();
    expect(await w.page.locator('.feed .story').count()).toBe(5);
    const more = w.page.getByRole('button', { name: 'Load more' });
    await more.click();
    await w.page.locator('.feed .story').nth(9).waitFor();
    await more.click();
    await w.page.locator('.feed .story').nth(11).waitFor();
    await more.waitFor({ state: 'hidden' });
    const titles = await storyTitles(w.page);
    expect(titles).toEqual(specs.map((s) => s.title));
    clean(w);
  });

  it('a wrong key shows a clear message and stores nothing', async () => {
    const w = await session();
    await signIn(w.page, 'tw_not-a-real-key');
    const alert = w.page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/not accepted: it is wrong, revoked or expired/);
    expect(await w.page.evaluate(() => sessionStorage.length)).toBe(0);
    await shoot(w.page, 'wrong-key');
    clean(w);
  });

  it('a key revoked during the session sends the reader back to sign-in with a message', async () => {
    const key = await h.repos.apiKeys.create({ name: 'short-lived', scopes: ['read'] });
    const w = await session();
    await signIn(w.page, key.key);
    await w.page.locator('.feed .story').first().waitFor();
    await h.repos.apiKeys.revoke(key.apiKey.id);
    await w.page.locator('.feed .story h2 a').first().click();
    await w.page.getByRole('alert').waitFor();
    expect(await w.page.getByRole('alert').textContent()).toMatch(/no longer accepted/);
    await w.page.getByLabel('API key').waitFor();
    clean(w);
  });

  it('filters by a ticker and an event type, kept in the URL', async () => {
    const w = await session();
    await signIn(w.page, h.readKey);
    await w.page.locator('.feed .story').first().waitFor();
    await w.page.getByRole('textbox', { name: 'Tickers' }).fill('cifr');
    await w.page.getByRole('checkbox', { name: 'Price target' }).check();
    await w.page.getByRole('button', { name: 'Apply' }).click();
    await w.page.waitForFunction("location.hash.includes('tickers=CIFR')");
    await w.page.locator('.summary', { hasText: 'CIFR' }).waitFor();
    await w.page.locator('.feed .story').first().waitFor();
    expect(w.page.url()).toContain('types=price_target');
    const titles = await storyTitles(w.page);
    expect(titles).toEqual([specs[0]!.title]);
    // Ticker only: every story carries the CIFR chip, and there are several.
    await w.page.goto(`${base}/#/?tickers=CIFR`);
    await w.page.locator('.summary', { hasText: 'tickers CIFR' }).waitFor();
    await w.page.locator('.feed .story').first().waitFor();
    const stories = w.page.locator('.feed .story');
    expect(await stories.count()).toBe(4);
    for (const story of await stories.all()) expect(await story.locator('.chip').allTextContents()).toEqual([expect.stringContaining('CIFR')]);
    expect(await w.page.getByRole('textbox', { name: 'Tickers' }).inputValue()).toBe('CIFR');
    await shoot(w.page, 'feed-filtered');
    clean(w);
  });

  it('opens a story with the evidence of each event highlighted, the events table and the reasons', async () => {
    const w = await session();
    await signIn(w.page, h.readKey);
    await w.page.getByRole('link', { name: specs[0]!.title }).click();
    await w.page.locator('#article-text').waitFor();
    const marks = await w.page.locator('#article-text mark.evidence').allTextContents();
    expect(marks).toEqual(['JPMorgan upgraded Cipher Mining (CIFR) to overweight from neutral', 'raised its price target to $18 from $12']);
    expect(await w.page.locator('table.events tbody tr').count()).toBe(2);
    const contributions = await w.page.locator('.reasons .contribution').allTextContents();
    expect(contributions.length).toBe(2);
    // Keyboard: the evidence button of event 2 takes focus to its mark.
    await w.page.locator('table.events tbody tr').nth(1).getByRole('button').focus();
    await w.page.keyboard.press('Enter');
    expect(await w.page.evaluate('document.activeElement?.textContent')).toBe('raised its price target to $18 from $12');
    await shoot(w.page, 'story');
    clean(w);
  });

  it('draws the ticker page chart with data points', async () => {
    const w = await session();
    await signIn(w.page, h.readKey);
    await w.page.goto(`${base}/#/ticker/CIFR`);
    await w.page.locator('.chart canvas').waitFor();
    expect(Number(await w.page.locator('.chart').getAttribute('data-points'))).toBeGreaterThanOrEqual(4);
    expect(await w.page.locator('section', { hasText: 'Latest rating per firm' }).locator('tbody tr').count()).toBe(2);
    expect(await w.page.locator('.targets').textContent()).toContain('median $18');
    await shoot(w.page, 'ticker');
    clean(w);
  });

  it('receives a new story live without moving the reader, on a phone-sized screen', async () => {
    const w = await session({ width: 390, height: 844 });
    await signIn(w.page, h.readKey);
    await w.page.locator('.live[data-state="live"]').waitFor();
    // The reader has scrolled to the fifth story.
    const fifthId = await w.page.locator('.feed .story').nth(4).getAttribute('data-id');
    const fifth = w.page.locator(`.feed .story[data-id="${fifthId}"]`);
    await fifth.scrollIntoViewIfNeeded();
    await w.page.evaluate('window.scrollBy(0, 40)');
    const before = (await fifth.boundingBox())!.y;

    const live = storyDocs({ id: 'live-nvda', hoursAgo: 0, title: 'Citi initiates Nvidia at Buy', body: 'Citi initiated coverage of Nvidia (NVDA) with a buy rating.', tickers: [{ ticker: 'NVDA', label: 'bullish', score: 0.5 }], events: [{ make: rating('NVDA', 'Citi', 'initiate', 'Buy'), phrase: 'Citi initiated coverage of Nvidia (NVDA) with a buy rating' }] }, Date.now());
    await h.repos.articles.collection.insertOne(live.article as never);
    await h.repos.events.collection.insertMany(live.events);
    const e = live.events[0]!;
    await publishStoredEvent(h.redis, h.prefix, { eventId: e._id, articleId: 'live-nvda', sourceIds: ['wire'], novel: true, type: e.type, ticker: e.ticker, action: e.action, sentimentLabel: null, sentimentScore: null, tags: [], publishedAt: e.publishedAt, firstSeenAt: e.firstSeenAt, reportedAt: new Date(), event: e.event });

    await w.page.locator('.feed .story').first().filter({ hasText: 'Citi initiates Nvidia at Buy' }).waitFor({ timeout: 10_000 });
    const after = (await fifth.boundingBox())!.y;
    expect(Math.abs(after - before)).toBeLessThanOrEqual(1);
    expect(await w.page.locator('.feed .story').nth(5).getAttribute('data-id')).toBe(fifthId);
    await w.page.evaluate('window.scrollTo(0, 0)');
    await shoot(w.page, 'feed-live-phone');
    clean(w);
  });

  it('has no serious or critical axe-core violations on the sign-in, feed, story and ticker pages', async () => {
    const w = await session();
    const check = (name: string) => expectAccessible(w.page, name);
    await w.page.goto(`${base}/`);
    await w.page.getByLabel('API key').waitFor();
    await check('sign-in');
    await w.page.getByLabel('API key').fill(h.readKey);
    await w.page.getByRole('button', { name: 'Sign in' }).click();
    await w.page.locator('.feed .story').first().waitFor();
    await check('feed');
    await w.page.goto(`${base}/#/story/cifr-upgrade`);
    await w.page.locator('#article-text').waitFor();
    await check('story');
    await w.page.goto(`${base}/#/ticker/CIFR`);
    await w.page.locator('.chart canvas').waitFor();
    await check('ticker');
    clean(w);
  });
});
