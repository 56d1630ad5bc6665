import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Parser from 'rss-parser';
import { apiHarness, articleDoc, at, auth, eventDoc, ratingEvent, targetEvent, type ApiHarness } from './support.ts';

// Issue #16, item 9 a and b, on the real API and store.
let h: ApiHarness;

beforeAll(async () => {
  h = await apiHarness('apiops');
});

afterAll(async () => {
  await h?.close();
});

const ids = (body: { data: { id: string }[] }) => body.data.map((d) => d.id).sort();

describe('item 9b: feed links keep api_key= only when the request authenticated with it', () => {
  const parser = new Parser<{ atomLinks?: { $: { rel: string; href: string } }[]; links?: { $: { rel: string; href: string } }[] }>({
    // rss-parser copies [from, to, options] feed fields too; its types only declare names.
    customFields: { feed: [['atom:link', 'atomLinks', { keepArray: true }], ['link', 'links', { keepArray: true }]] as unknown as ('atomLinks' | 'links')[] },
  });
  const linkOf = (feed: { atomLinks?: { $: { rel: string; href: string } }[]; links?: { $: { rel: string; href: string } }[] }, rel: string) =>
    [...(feed.atomLinks ?? []), ...(feed.links ?? [])].find((l) => l.$?.rel === rel)?.$.href;

  beforeAll(async () => {
    await h.repos.events.collection.insertMany(
      [1, 2, 3].map((i) => eventDoc({ id: `key-${i}`, event: targetEvent('KEYL', `Firm ${i}`, 'raise', 10 + i, 10), firstSeenAt: at(100 + i), tags: ['keyl'] })),
    );
  });

  for (const format of ['rss', 'atom'] as const) {
    it(`${format}: rel=next carries the query key, and following it reads the next page without headers`, async () => {
      const key = encodeURIComponent(h.readKey);
      const response = await h.api.inject({ url: `/v1/events?format=${format}&tags=keyl&limit=1&api_key=${key}` });
      expect(response.statusCode, response.body).toBe(200);
      const feed = await parser.parseString(response.body);
      const next = linkOf(feed, 'next');
      expect(next).toBeDefined();
      expect(new URL(next!).searchParams.get('api_key')).toBe(h.readKey);
      expect(new URL(linkOf(feed, 'self')!).searchParams.get('api_key')).toBe(h.readKey);
      expect(response.headers.link).toContain(`api_key=${key}`);
      // A feed reader follows it as it is.
      const { pathname, search } = new URL(next!);
      const following = await h.api.inject({ url: `${pathname}${search}` });
      expect(following.statusCode, following.body).toBe(200);
      expect((await parser.parseString(following.body)).items[0]!.title).toContain('Firm 2');
    });
  }

  it('a key sent in a header never goes into a link, even beside an api_key= parameter', async () => {
    for (const headers of [auth(h.readKey), { 'x-api-key': h.readKey }]) {
      for (const query of ['', `&api_key=${encodeURIComponent(h.adminKey)}`]) {
        const response = await h.api.inject({ url: `/v1/events?format=rss&tags=keyl&limit=1${query}`, headers });
        expect(response.statusCode, response.body).toBe(200);
        const feed = await parser.parseString(response.body);
        const next = linkOf(feed, 'next')!;
        expect(next).toMatch(/cursor=/);
        expect(response.body).not.toContain(h.readKey);
        expect(response.body).not.toContain('api_key');
        expect(String(response.headers.link)).not.toContain('api_key');
      }
    }
  });
});
