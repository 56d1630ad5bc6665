import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Redis } from 'ioredis';
import type { Notifier } from '@tickerwire/alerts';
import { generateArticles, startSampleSite, type SampleSite } from '@tickerwire/sample-site';
import type { RunningPipeline } from '@tickerwire/pipeline';
import { apiHarness, auth, type ApiHarness } from '../api/support.ts';
import { Receiver } from '../alerts/receiver.ts';
import { testRedis } from '../support/services.ts';
import { testPipeline } from '../support/pipeline.ts';
import { waitFor } from '../support/wait.ts';
import { expectAccessible, launch, open, shoot, signIn as signInAs, type Watched } from './browser.ts';
import { startTestNotifier } from '../support/notifier.ts';

// The admin half of the research page (Alerts, Sources) in real Chromium against the real API,
// pipeline and notifier, with a webhook receiver, a sample feed and a failing feed on 127.0.0.1.

let h: ApiHarness;
let base: string;
let browser: Browser;
let worker: Redis;
let notifier: Notifier;
let pipeline: RunningPipeline;
let site: SampleSite;
let broken: Server;
const receiver = new Receiver();
const opened: Watched[] = [];
const log: string[] = [];

beforeAll(async () => {
  h = await apiHarness('webadmin', { streamBlockMs: 2000 });
  await receiver.start();
  worker = testRedis('worker');
  notifier = await startTestNotifier({
    redis: worker,
    prefix: h.prefix,
    repos: h.repos,
    // The Standard Webhooks schedule × 1/20,000, so a failing receiver is a dead letter in seconds.
    options: { claimIntervalMs: 100, retryScheduleScale: 0.00005, retryJitter: 0 },
    log: () => {},
  });
  site = await startSampleSite({ articles: generateArticles(6, 23) });
  broken = createServer((_request, response) => response.writeHead(500, { 'content-type': 'text/plain' }).end('upstream exploded'));
  await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
  const feed = site.sources.find((s) => s.kind === 'feed')!;
  await h.repos.sources.seed([
    { ...feed, id: 'working' },
    { id: 'failing', kind: 'feed', url: `http://127.0.0.1:${(broken.address() as AddressInfo).port}/feed.xml`, interval: 3600 },
  ]);
  pipeline = await testPipeline(h.db, h.prefix, log);
  await waitFor(async () => {
    const [working, failing] = await Promise.all([h.repos.sources.health('working'), h.repos.sources.health('failing')]);
    return working!.itemsStored > 0 && failing!.polls > 0;
  }, 'both sources polled and the working one stored', 60_000);
  base = await h.api.listen({ host: '127.0.0.1', port: 0 });
  browser = await launch();
}, 120_000);

afterAll(async () => {
  for (const w of opened) await w.context.close();
  await browser?.close();
  await pipeline?.close();
  await notifier?.close();
  await receiver.close();
  await site?.close();
  broken?.close();
  worker?.disconnect();
  await h?.close();
});

async function session(viewport?: { width: number; height: number }): Promise<Watched> {
  const watched = await open(browser, base, viewport);
  opened.push(watched);
  return watched;
}

async function signIn(page: Page, key: string): Promise<void> {
  await signInAs(page, base, key);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

function clean(watched: Watched): void {
  expect(watched.problems).toEqual([]);
  expect(watched.foreign).toEqual([]);
}

const navLinks = (page: Page) => page.locator('#nav a').allTextContents();

describe('admin pages', () => {
  it('creates a subscription with the filter builder, shows its secret once, sends a test event the receiver verifies and logs it', async () => {
    const w = await session();
    await signIn(w.page, h.adminKey);
    await w.page.getByRole('link', { name: 'Alerts' }).waitFor();
    expect(await navLinks(w.page)).toEqual(['Feed', 'Alerts', 'Sources']);
    await w.page.getByRole('link', { name: 'Alerts' }).click();
    await w.page.getByRole('heading', { name: 'New subscription' }).waitFor();

    const hook = `http://127.0.0.1:${receiver.port}/hook`;
    await w.page.getByLabel('Webhook URL').fill(hook);
    await w.page.getByLabel('Tickers').fill('exmpl, cifr');
    await w.page.getByRole('checkbox', { name: 'Price target' }).check();
    await w.page.getByRole('checkbox', { name: 'raise', exact: true }).check();
    await w.page.getByRole('checkbox', { name: 'bullish' }).check();
    await w.page.getByLabel('Minimum score (|sentiment|, 0–1)').fill('0.2');
    await w.page.getByRole('checkbox', { name: 'working' }).check();
    await w.page.getByLabel('Tags', { exact: true }).fill('miners');
    await w.page.getByRole('button', { name: 'Create subscription' }).click();

    const panel = w.page.locator('#secret-panel');
    await panel.waitFor();
    const secret = (await w.page.locator('#secret-value').textContent())!;
    expect(secret).toMatch(/^whsec_/);
    expect(await w.page.evaluate('document.activeElement?.id')).toBe('secret-panel');
    receiver.route('/hook', secret);

    // The filter the API stored is the one the builder showed.
    const stored = ((await h.api.inject({ url: '/v1/subscriptions', headers: auth(h.adminKey) })).json() as { data: { id: string; url: string; filter: unknown }[] }).data.find((s) => s.url === hook)!;
    expect(stored.filter).toEqual({ tickers: ['EXMPL', 'CIFR'], types: ['price_target'], actions: ['raise'], sentiment: ['bullish'], minAbsScore: 0.2, sources: ['working'], tags: ['miners'], novelOnly: false });
    const card = w.page.locator(`.card[data-id="${stored.id}"]`);
    expect(await card.locator('.filter').textContent()).toBe('tickers EXMPL, CIFR · Price target · action raise · bullish · |score| ≥ 0.2 · from working · tagged miners');
    await shoot(w.page, 'alerts-secret-once');

    // Hidden, then nowhere on the page again, even after a reload.
    await w.page.getByRole('button', { name: 'I have copied it, hide it' }).click();
    await panel.waitFor({ state: 'detached' });
    // Focus goes on from the subscription the secret belongs to, not back to the top.
    expect(await w.page.evaluate('document.activeElement?.closest(".card")?.dataset.id + " / " + document.activeElement?.textContent')).toBe(`${stored.id} / Send test event`);
    await w.page.reload();
    await card.waitFor();
    expect(await w.page.content()).not.toContain(secret);
    expect(await card.textContent()).toContain(`whsec_…${secret.slice(-4)}`);

    // The test event: signed with that secret, marked test, in the log as delivered.
    await card.getByRole('button', { name: 'Send test event' }).click();
    await card.locator('.result', { hasText: 'Test event delivered' }).waitFor({ timeout: 25_000 });
    expect(await card.locator('.result').textContent()).toMatch(/the receiver answered 204/);
    const [received] = receiver.on('/hook');
    expect(received!.verifyError).toBeNull();
    expect(JSON.parse(received!.body)).toMatchObject({ type: 'event.stored', test: true, data: { ticker: 'EXMPL' } });
    const row = w.page.locator(`#delivery-log tr[data-id="${received!.headers['webhook-id']}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('delivered');
    expect(await row.locator('.tag').textContent()).toBe('test');
    expect(w.page.url()).toContain(`#/alerts?subscription=${stored.id}`);
    await shoot(w.page, 'alerts-test-delivered');

    // Rotation: a new secret, shown once; both sign until the rotation is finished.
    await card.getByRole('button', { name: 'Rotate secret' }).click();
    await panel.waitFor();
    const rotated = (await w.page.locator('#secret-value').textContent())!;
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await card.locator('dd', { hasText: `whsec_…${rotated.slice(-4)}` }).waitFor();
    await w.page.getByRole('button', { name: 'Finish the rotation: keep only this secret' }).click();
    await w.page.getByText('Rotation finished').waitFor();
    expect(await card.locator('dd', { hasText: 'whsec_' }).textContent()).toBe(`whsec_…${rotated.slice(-4)}`);
    clean(w);
  }, 60_000);

  it('lists dead letters and re-drives one to a receiver that recovered', async () => {
    let recovered = false;
    const created = (await h.api.inject({ method: 'POST', url: '/v1/subscriptions', headers: auth(h.adminKey), payload: { url: `http://127.0.0.1:${receiver.port}/flaky`, filter: {} } })).json() as { id: string; secrets: string[] };
    receiver.route('/flaky', created.secrets[0]!, () => ({ status: recovered ? 200 : 503, body: recovered ? 'ok' : 'down for maintenance' }));
    const { deliveryId } = (await h.api.inject({ method: 'POST', url: `/v1/subscriptions/${created.id}/test`, headers: auth(h.adminKey) })).json() as { deliveryId: string };
    await waitFor(async () => (await h.repos.deliveries.statusOf(deliveryId)) === 'dead', 'the test event to die', 30_000);

    const w = await session();
    await signIn(w.page, h.adminKey);
    await w.page.goto(`${base}/#/alerts`);
    const row = w.page.locator(`#dead-letters tr[data-id="${deliveryId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('down for maintenance');
    await shoot(w.page, 'alerts-dead-letters');
    recovered = true;
    await row.getByRole('button', { name: 'Re-drive' }).click();
    await row.getByText('Re-driven').waitFor();
    await waitFor(async () => (await h.repos.deliveries.statusOf(deliveryId)) === 'delivered', 'the re-driven delivery to arrive', 20_000);
    const last = receiver.on('/flaky').at(-1)!;
    expect(last.verified).toBe(true);
    expect(last.headers['webhook-id']).toBe(deliveryId);
    clean(w);
  }, 60_000);

  it('shows each source’s health, edits one, pauses one (keyboard only) and adds one', async () => {
    const w = await session();
    await signIn(w.page, h.adminKey);
    await w.page.getByRole('link', { name: 'Sources' }).click();
    const working = w.page.locator('.card[data-id="working"]');
    const failing = w.page.locator('.card[data-id="failing"]');
    await working.waitFor();
    const health = (await h.repos.sources.health('working'))!;
    expect(await working.getAttribute('data-state')).toBe('ok');
    expect(await working.locator('.last-error').textContent()).toBe('none');
    expect(await working.locator('.last-success time').getAttribute('datetime')).toBe(health.lastSuccessAt!.toISOString());
    expect(await working.locator('.stored').textContent()).toBe(`${health.itemsStored} items, ${health.eventsStored} events`.replace(/^1 items/, '1 item'));
    expect(await failing.getAttribute('data-state')).toBe('failing');
    expect(await failing.locator('.last-success').textContent()).toBe('never');
    expect(await failing.locator('.last-error').textContent()).toMatch(/500/);
    expect(await failing.locator('.stored').textContent()).toBe('0 items, 0 events');
    await shoot(w.page, 'sources-health');

    // Edit: the poll interval of the failing source.
    await failing.getByRole('button', { name: 'Edit' }).click();
    await w.page.getByRole('heading', { name: 'Edit failing' }).waitFor();
    await w.page.getByLabel('Poll every (seconds)').fill('7200');
    await w.page.getByRole('button', { name: 'Save' }).click();
    await failing.locator('dd', { hasText: 'every 7200 s' }).waitFor();
    expect((await h.repos.sources.get('failing'))!.interval).toBe(7200);

    // Pause with the keyboard: focus the button, press Enter.
    await working.getByRole('button', { name: 'Pause' }).focus();
    await w.page.keyboard.press('Enter');
    await w.page.locator('.card[data-id="working"][data-state="paused"]').waitFor();
    expect((await h.repos.sources.get('working'))!.enabled).toBe(false);
    await working.getByRole('button', { name: 'Resume' }).waitFor();
    // The redrawn card keeps the keyboard user's place: Enter again resumes.
    expect(await w.page.evaluate('document.activeElement?.textContent')).toBe('Resume');

    // Add: a second feed of the sample site.
    const other = site.sources.filter((s) => s.kind === 'feed')[1] ?? site.sources[0]!;
    await w.page.getByLabel('Id', { exact: true }).fill('added-feed');
    await w.page.getByLabel('URL', { exact: true }).fill(other.url);
    await w.page.getByLabel('Tags').fill('sample site, added');
    await w.page.getByRole('button', { name: 'Add source' }).click();
    await w.page.locator('.card[data-id="added-feed"]').waitFor();
    expect(await h.repos.sources.get('added-feed')).toMatchObject({ url: other.url, tags: ['sample site', 'added'], enabled: true });
    // A bad id is named next to its field, not sent.
    await w.page.getByLabel('Id', { exact: true }).fill('Not An Id');
    await w.page.getByRole('button', { name: 'Add source' }).click();
    expect(await w.page.locator('#src-id-error').textContent()).toMatch(/lower-case/);
    expect(await w.page.getByLabel('Id', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    clean(w);
  }, 60_000);

  it('a read key sees no admin navigation, and an admin URL says an admin key is needed', async () => {
    const w = await session();
    // The page asks the API once whether the key is an admin key; the links are decided when it answers.
    const scopeCheck = w.page.waitForResponse((response) => response.url().includes('/v1/subscriptions?limit=1'));
    await signIn(w.page, h.readKey);
    expect((await scopeCheck).status()).toBe(403);
    await w.page.locator('.feed, .message').first().waitFor();
    expect(await navLinks(w.page)).toEqual(['Feed']);
    for (const [path, title] of [['alerts', 'Alerts'], ['sources', 'Sources']] as const) {
      await w.page.goto(`${base}/#/${path}`);
      const alert = w.page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain(`The ${title} page needs an admin API key`);
      expect(await w.page.locator('.card').count()).toBe(0);
    }
    await shoot(w.page, 'admin-read-key');
    clean(w);
  });

  it('reads on a phone: no sideways scrolling on Alerts and Sources', async () => {
    const w = await session({ width: 390, height: 844 });
    await signIn(w.page, h.adminKey);
    for (const path of ['alerts', 'sources']) {
      await w.page.goto(`${base}/#/${path}`);
      await w.page.locator('.card').first().waitFor();
      expect(await w.page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1'), path).toBe(true);
      await shoot(w.page, `${path}-phone`);
    }
    clean(w);
  });

  it('has no serious or critical axe-core violations on the Alerts and Sources pages', async () => {
    const w = await session();
    await signIn(w.page, h.adminKey);
    const check = (name: string) => expectAccessible(w.page, name);
    await w.page.goto(`${base}/#/alerts`);
    await w.page.locator('#dead-letters h2').waitFor();
    await w.page.locator('.card').first().waitFor();
    await check('alerts');
    await w.page.goto(`${base}/#/sources`);
    await w.page.locator('.card').first().waitFor();
    await check('sources');
    clean(w);
  });
});
