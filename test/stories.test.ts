import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalizeUrl, contentHash, storyFingerprint } from '@tickerwire/ingest';
import type { Repositories, StoryLookup } from '@tickerwire/store';
import { freshRepositories } from './support/services.ts';

let database: Awaited<ReturnType<typeof freshRepositories>>['database'];
let repos: Repositories;

beforeAll(async () => {
  ({ database, repos } = await freshRepositories('stories'));
});
afterAll(async () => database?.drop());

/** An article as the ingest stage would hand it over, from one source's copy of a story. */
function story(sourceId: string, url: string, title: string, body: string, seenAt: string) {
  const canonicalUrl = canonicalizeUrl(url)!;
  const lead = body.slice(0, 300);
  return {
    article: {
      id: contentHash(`${canonicalUrl}`).slice(0, 24),
      url,
      canonicalUrl,
      title,
      body,
      publishedAt: null,
      firstSeenAt: new Date(seenAt),
      contentHash: contentHash(`${title}\n${body}`),
      sources: [{ sourceId, url, firstSeenAt: new Date(seenAt) }],
    },
    fingerprint: storyFingerprint({ title, lead }),
  };
}

const body =
  'Harbor Lane Capital raised its rating on Kestrel Mining to buy from hold on Tuesday, citing new hosting contracts in Texas and a stronger balance sheet after the company repaid its convertible notes. The firm also lifted its price target to $14 from $9.';

describe('one story stored once, with every source (real MongoDB-compatible server)', () => {
  it('stores a new story, then recognises the same URL with trackers as the same story', async () => {
    const first = story('wire-a', 'https://news.example.com/kestrel-upgrade', 'Kestrel Mining upgraded to buy at Harbor Lane', body, '2026-11-20T10:00:00Z');
    expect(await repos.articles.recordStory(first.article, first.fingerprint)).toMatchObject({ status: 'stored' });
    const again = story('wire-a', 'https://News.Example.com/kestrel-upgrade?utm_source=x#top', 'Kestrel Mining upgraded to buy at Harbor Lane', body, '2026-11-20T10:05:00Z');
    expect(again.article.canonicalUrl).toBe(first.article.canonicalUrl);
    expect(await repos.articles.recordStory({ ...again.article, url: first.article.url, sources: [{ ...again.article.sources[0]!, url: first.article.url }] }, again.fingerprint)).toMatchObject({ status: 'already-stored' });
  });

  it('adds a syndicated copy under another URL as a source of the same story', async () => {
    const copy = story(
      'wire-b',
      'https://markets.example.org/2026/11/20/kestrel-mining-upgraded',
      'Kestrel Mining Upgraded to Buy at Harbor Lane',
      body.replace('on Tuesday', 'on Tuesday morning'),
      '2026-11-20T11:30:00Z',
    );
    const outcome = await repos.articles.recordStory(copy.article, copy.fingerprint);
    expect(outcome.status).toBe('added-source');
    expect(await repos.articles.count()).toBe(1);
    const stored = await repos.articles.get(outcome.articleId);
    expect(stored!.sources.map((s) => [s.sourceId, s.firstSeenAt.toISOString()])).toEqual([
      ['wire-a', '2026-11-20T10:00:00.000Z'],
      ['wire-b', '2026-11-20T11:30:00.000Z'],
    ]);
  });

  it('keeps the new source apart from the story: recording it never rewrites the story', async () => {
    const [raw] = await repos.articles.collection.find({}).toArray();
    expect(raw!.sources.map((s) => s.sourceId)).toEqual(['wire-a']);
    expect(await repos.articles.laterSightings.collection.find({ articleId: raw!._id }).toArray()).toMatchObject([{ sourceId: 'wire-b' }]);
  });

  it('a re-run whose lookup lost the new source (a crash before it was remembered) still lists it once', async () => {
    const copy = story('wire-b', 'https://markets.example.org/2026/11/20/kestrel-mining-upgraded', 'Kestrel Mining Upgraded to Buy at Harbor Lane', body.replace('on Tuesday', 'on Tuesday morning'), '2026-11-20T11:30:00Z');
    const forgetful: StoryLookup = {
      find: async (...args) => (await repos.articles.mongoLookup.find(...args)).map((c) => ({ ...c, sources: c.sources.filter((s) => s.sourceId !== 'wire-b') })),
      remember: async () => {},
    };
    const [outcome] = await repos.articles.recordStories([{ article: copy.article, fingerprint: copy.fingerprint }], forgetful);
    expect(outcome!.status).toBe('added-source');
    expect((await repos.articles.get(outcome!.articleId))!.sources.map((s) => s.sourceId)).toEqual(['wire-a', 'wire-b']);
  });

  it('keeps a different story about the same company apart', async () => {
    const other = story(
      'wire-b',
      'https://markets.example.org/2026/11/21/kestrel-offering',
      'Kestrel Mining prices $200 million share offering',
      'Kestrel Mining said on Friday it priced an offering of 20 million shares at $10 each, with proceeds earmarked for new rigs and the expansion of its Ohio site. Shares fell 8% in premarket trading.',
      '2026-11-21T09:00:00Z',
    );
    expect(await repos.articles.recordStory(other.article, other.fingerprint)).toMatchObject({ status: 'stored' });
    expect(await repos.articles.count()).toBe(2);
  });
});
