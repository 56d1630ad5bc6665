import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots of each browser test (git-ignored; kept as CI output). */
export const screenshotDir = fileURLToPath(new URL('../../test-results/web/', import.meta.url));

export async function launch(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  await mkdir(screenshotDir, { recursive: true });
  // Without these flags Chromium opens background connections to Google's hosts.
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  /** CSP violations and page errors seen so far. */
  problems: string[];
  /** Requests to any host other than the API's. */
  foreign: string[];
}

/** A fresh browser context (its own sessionStorage) watching for CSP errors and foreign requests. */
export async function open(browser: Browser, baseUrl: string, viewport = { width: 1280, height: 900 }): Promise<Watched> {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const problems: string[] = [];
  const foreign: string[] = [];
  const origin = new URL(baseUrl).origin;
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:')) foreign.push(url);
  });
  return { context, page, problems, foreign };
}

export async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
}

let axeSource: Promise<string> | undefined;

/** No serious or critical axe-core violation on the page as it stands; `name` labels a failure. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // evaluate() is not subject to the page's CSP; an injected <script> would be.
  await page.evaluate(await (axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')));
  const result = (await page.evaluate(
    "axe.run().then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))",
  )) as string[];
  expect(result, name).toEqual([]);
}

/** Signs in on the page's sign-in form with `key` (the caller waits for what a good or bad key shows). */
export async function signIn(page: Page, baseUrl: string, key: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
