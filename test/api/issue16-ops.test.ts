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

describe('item 9a: novel=true and novel=false split the results', () => {
  beforeAll(async () => {
    // e1: broken by the wire (a1), repeated by the blog (a2) and by a7; e2: broken by the blog (a3);
    // e3: broken by the wire (a4), repeated by the wire (a5); e4: broken by a7.
    const report = (articleId: string, source: string, novel: boolean, minutes: number) => ({ articleId, sourceIds: [source], novel, seenAt: at(minutes) });
    await h.repos.events.collection.insertMany([
      eventDoc({ id: 'e1', event: ratingEvent('NOVA', 'Citi', 'upgrade', 'buy'), firstSeenAt: at(1), tags: ['nov'], reports: [report('a1', 'wire', true, 1), report('a2', 'blog', false, 2), report('a7', 'wire', false, 7)] }),
      eventDoc({ id: 'e2', event: targetEvent('NOVA', 'UBS', 'raise', 30, 20), firstSeenAt: at(3), tags: ['nov'], reports: [report('a3', 'blog', true, 3)] }),
      eventDoc({ id: 'e3', event: ratingEvent('NOVB', 'Jefferies', 'downgrade', 'hold'), firstSeenAt: at(4), tags: ['nov'], reports: [report('a4', 'wire', true, 4), report('a5', 'wire', false, 5)] }),
      eventDoc({ id: 'e4', event: targetEvent('NOVB', 'Mizuho', 'lower', 10, 12), firstSeenAt: at(7), tags: ['nov'], reports: [report('a7', 'wire', true, 7)] }),
    ]);
    const article = (id: string, minutes: number, source: string) => articleDoc({ id, firstSeenAt: at(minutes), tags: ['nov'], sources: [source] });
    await h.repos.articles.collection.insertMany([
      article('a1', 1, 'wire'), article('a2', 2, 'blog'), article('a3', 3, 'blog'), article('a4', 4, 'wire'),
      article('a5', 5, 'wire'), article('a6', 6, 'blog'), article('a7', 7, 'wire'),
    ] as never[]);
  });

  const page = async (url: string) => {
    const response = await h.api.inject({ url, headers: auth(h.readKey) });
    expect(response.statusCode, response.body).toBe(200);
    return ids(response.json());
  };

  /** Both halves, checked to be disjoint and to make up the unfiltered answer. */
  async function halves(path: string): Promise<{ novel: string[]; repeats: string[] }> {
    const join = path.includes('?') ? '&' : '?';
    const [all, novel, repeats] = await Promise.all([page(path), page(`${path}${join}novel=true`), page(`${path}${join}novel=false`)]);
    expect(novel.filter((id) => repeats.includes(id))).toEqual([]);
    expect([...novel, ...repeats].sort()).toEqual(all);
    return { novel, repeats };
  }

  it('events: a fact is novel where its first report matches; without sources every fact is novel', async () => {
    expect(await halves('/v1/events?tags=nov')).toEqual({ novel: ['e1', 'e2', 'e3', 'e4'], repeats: [] });
    expect(await halves('/v1/events?tags=nov&sources=blog')).toEqual({ novel: ['e2'], repeats: ['e1'] });
    expect(await halves('/v1/events?tags=nov&sources=wire')).toEqual({ novel: ['e1', 'e3', 'e4'], repeats: [] });
    expect(await halves('/v1/events?tags=nov&sources=blog,wire')).toEqual({ novel: ['e1', 'e2', 'e3', 'e4'], repeats: [] });
  });

  it('articles: a story that only repeats facts first reported elsewhere is novel=false, every other one novel=true', async () => {
    // a2 and a5 only repeat; a7 repeats e1 but breaks e4; a6 reports no fact (the story itself is new).
    expect(await halves('/v1/articles?tags=nov')).toEqual({ novel: ['a1', 'a3', 'a4', 'a6', 'a7'], repeats: ['a2', 'a5'] });
    expect(await halves('/v1/articles?tags=nov&sources=blog')).toEqual({ novel: ['a3', 'a6'], repeats: ['a2'] });
    // Pages of one half hold only that half.
    const first = await h.api.inject({ url: '/v1/articles?tags=nov&novel=false&limit=1', headers: auth(h.readKey) });
    const second = await h.api.inject({ url: `/v1/articles?tags=nov&novel=false&limit=1&cursor=${first.json().nextCursor}`, headers: auth(h.readKey) });
    expect([...ids(first.json()), ...ids(second.json())]).toEqual(['a5', 'a2']);
  });
});

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
