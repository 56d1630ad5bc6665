import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError } from './errors.ts';
import { Fetcher } from './fetcher.ts';
import { PrivateNetworkAllowlist } from './private-network.ts';
import { isPathAllowed, parseRobots } from './robots.ts';
import { startTestServer, type TestServer } from './test-server.ts';

describe('parseRobots / isPathAllowed', () => {
  const text = `
# comment
User-agent: *
Disallow: /private
Allow: /private/open
Disallow: /*.pdf$

User-agent: OtherBot
Disallow: /

Sitemap: https://example.com/sitemap.xml
`;
  const anyone = parseRobots(text, 'tickerwire');

  it.each([
    ['/', true], ['/news/1', true], ['/private', false], ['/private/x', false], ['/private/open/doc', true],
    ['/files/a.pdf', false], ['/files/a.pdf?x=1', true], ['/robots.txt', true],
  ])('%s allowed: %s', (path, allowed) => {
    expect(isPathAllowed(anyone, path)).toBe(allowed);
  });

  it('uses our own group, matched case-insensitively, instead of *', () => {
    const ours = parseRobots('User-agent: *\nDisallow: /\n\nUser-agent: Tickerwire/0.1\nDisallow: /drafts\n', 'tickerwire');
    expect(isPathAllowed(ours, '/news')).toBe(true);
    expect(isPathAllowed(ours, '/drafts/1')).toBe(false);
  });

  it('lets Allow win a tie of equal length, and treats an empty Disallow as no rule', () => {
    expect(isPathAllowed(parseRobots('User-agent: *\nDisallow: /a\nAllow: /a\n', 'tickerwire'), '/a')).toBe(true);
    expect(isPathAllowed(parseRobots('User-agent: *\nDisallow:\n', 'tickerwire'), '/anything')).toBe(true);
  });
});

describe('robots.txt through the fetcher', () => {
  let server: TestServer;
  let robotsStatus = 200;
  beforeAll(async () => {
    server = await startTestServer((request, response) => {
      if (request.url === '/robots.txt') {
        response.writeHead(robotsStatus).end(robotsStatus === 200 ? 'User-agent: *\nDisallow: /private\n' : '');
      } else {
        response.end('page');
      }
    });
  });
  afterAll(() => server.close());

  it('refuses disallowed page paths, allows the rest, and fetches robots.txt once per origin', async () => {
    const fetcher = new Fetcher({ politenessDelayMs: 0, privateNetwork: PrivateNetworkAllowlist.parse('127.0.0.1') });
    const page = (path: string) => fetcher.fetch({ url: `${server.origin}${path}`, checkRobots: true });
    await expect(page('/news/1')).resolves.toMatchObject({ status: 200 });
    const error = await page('/private/2').then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect(error).toMatchObject({ kind: 'robots-disallowed', permanent: true });
    await page('/news/3');
    expect(server.requests.filter((r) => r.path === '/robots.txt')).toHaveLength(1);
    expect(server.requests.some((r) => r.path === '/private/2')).toBe(false);
    // Feeds do not ask robots.txt.
    await expect(fetcher.fetch({ url: `${server.origin}/private/feed` })).resolves.toMatchObject({ status: 200 });
    await fetcher.close();
  });

  it('allows everything when robots.txt is missing, and refuses (transiently) when it errors', async () => {
    robotsStatus = 404;
    const missing = new Fetcher({ politenessDelayMs: 0, privateNetwork: PrivateNetworkAllowlist.parse('127.0.0.1') });
    await expect(missing.fetch({ url: `${server.origin}/private/x`, checkRobots: true })).resolves.toMatchObject({ status: 200 });
    await missing.close();
    robotsStatus = 503;
    const failing = new Fetcher({ politenessDelayMs: 0, privateNetwork: PrivateNetworkAllowlist.parse('127.0.0.1') });
    const error = await failing.fetch({ url: `${server.origin}/news/x`, checkRobots: true }).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ kind: 'robots-disallowed', permanent: false });
    await failing.close();
  });
});
