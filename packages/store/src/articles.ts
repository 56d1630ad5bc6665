import type { Collection, Db } from 'mongodb';
import { Article, parseContract } from '@tickerwire/core';
import { ensureIndexes, isOnlyDuplicates, stampSkewMs, writeOnce, type IndexDeclaration, type WriteOutcome } from './indexes.ts';
import { fingerprintDistance, maxSameStoryDistance } from './fingerprints.ts';
import { minSharedKeys, sharedKeys, storyKeys } from './story-keys.ts';
import { ArticleSightingsRepository, mergeSightings } from './article-sightings.ts';
import { factKeyOf } from './events.ts';

function tickerSet(tickers: readonly string[] | null | undefined): string | null {
  return tickers ? [...new Set(tickers)].sort().join(',') : null;
}

/** The facts an analysed story reports, or null without an analysis. */
function factsOf(analysis: Pick<NonNullable<Article['analysis']>, 'events'> | undefined): string[] | null {
  return analysis?.events ? [...new Set(analysis.events.map(factKeyOf))].sort() : null;
}

/** Nothing in `facts` that the other story does not report (unknown on either side: no objection). */
function reportsNothingNew(facts: readonly string[] | null, theirs: readonly string[] | null | undefined): boolean {
  if (!facts || !theirs) return true;
  const known = new Set(theirs);
  return facts.every((f) => known.has(f));
}

/**
 * The nearest stored story sharing a story key, if its fingerprint is close enough to be the
 * same story. Templated news ("X lands hosting deal; Y raises target") can be that close
 * for two different companies, or for two firms' downgrades of one company, so analysed
 * stories must also name the same tickers, be published within a day and a half of each
 * other, and the newcomer must report no fact the stored story does not: a copy adds a
 * source, never news (its events would be dropped with it).
 */
function closestStory(candidates: readonly StoryCandidate[], article: Article, keys: readonly string[], fingerprint: string): StoryCandidate | undefined {
  const seenAt = article.firstSeenAt;
  const tickers = tickerSet(article.analysis?.tickers);
  const facts = factsOf(article.analysis);
  let best: StoryCandidate | undefined;
  let bestDistance = maxSameStoryDistance + 1;
  for (const candidate of candidates) {
    if (!candidate.fingerprint || sharedKeys(candidate.storyKeys ?? [], keys) < minSharedKeys) continue;
    const theirs = tickerSet(candidate.tickers);
    if (tickers !== null && theirs !== null && tickers !== theirs) continue;
    if (!reportsNothingNew(facts, candidate.factKeys)) continue;
    // Wire copies go out within hours of each other; the same headline days apart is news again.
    if (article.publishedAt && candidate.publishedAt && Math.abs(article.publishedAt.getTime() - candidate.publishedAt.getTime()) > samePublicationWindowMs) continue;
    if (Math.abs(candidate.firstSeenAt.getTime() - seenAt.getTime()) > sameStoryWindowMs) continue;
    const distance = fingerprintDistance(candidate.fingerprint, fingerprint);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}


interface ArticleDocument extends Omit<Article, 'id'> {
  _id: string;
  /** SimHash of title + lead (hex), and its bands for the near-duplicate lookup. */
  fingerprint?: string;
  /** MinHash keys of title and lead: the indexed lookup for syndicated copies (story-keys.ts). */
  storyKeys?: string[];
  /** Written by earlier versions (the guard of a sighting update); no longer kept. */
  sightingKeys?: string[];
}

/**
 * What same-story matching needs to know of a stored story. Kept small so a lookup index
 * (MongoDB itself, or the writer's Redis index) can hand it over cheaply.
 */
export interface StoryCandidate {
  _id: string;
  canonicalUrl: string;
  sources: { sourceId: string; url: string }[];
  fingerprint?: string | undefined;
  storyKeys?: string[] | undefined;
  tickers: string[] | null;
  /** Fact keys of the story's events; null when stored without analysis, absent in index entries older than the field. */
  factKeys?: string[] | null | undefined;
  publishedAt: Date | null;
  firstSeenAt: Date;
}

/**
 * Where recordStories looks stories up: by canonical URL and by story key. The default asks
 * MongoDB (indexed there); the writer passes an index kept in Redis, because FerretDB scans
 * the whole collection for anything but an insert (measured: 0.4 s per query at 3,000 stories).
 */
export interface StoryLookup {
  /**
   * Stories holding one of the URLs or story keys, or reporting one of the facts (fact keys):
   * a copy reports its story's facts, so they find it when templated look-alikes crowd its
   * story keys. A lookup may ignore the facts if its story keys miss nothing (MongoDB's).
   */
  find(canonicalUrls: readonly string[], keys: readonly string[], seenFrom: Date, seenTo: Date, factKeys: readonly string[]): Promise<StoryCandidate[]>;
  /** Called after the writes, with every story this batch stored or changed. */
  remember(stories: readonly StoryCandidate[]): Promise<void>;
}

export function storyCandidateOf(
  doc: Pick<ArticleDocument, '_id' | 'canonicalUrl' | 'sources' | 'fingerprint' | 'storyKeys' | 'publishedAt' | 'firstSeenAt'> & { analysis?: Pick<NonNullable<Article['analysis']>, 'tickers' | 'events'> | undefined },
): StoryCandidate {
  return {
    _id: doc._id,
    canonicalUrl: doc.canonicalUrl,
    sources: doc.sources.map((s) => ({ sourceId: s.sourceId, url: s.url })),
    fingerprint: doc.fingerprint,
    storyKeys: doc.storyKeys,
    tickers: doc.analysis ? [...doc.analysis.tickers] : null,
    factKeys: factsOf(doc.analysis),
    publishedAt: doc.publishedAt,
    firstSeenAt: doc.firstSeenAt,
  };
}

/** How a story was recorded: new, a new source for a story we had, or nothing new. */
export type StoryOutcome = { status: 'stored' | 'added-source' | 'already-stored'; articleId: string };

// Copies of one story are published this close to each other, when both carry a date.
const samePublicationWindowMs = 36 * 3600 * 1000;

// A syndicated copy is looked for among stories first seen this close to it.
export const sameStoryWindowMs = 7 * 24 * 3600 * 1000;

export const articleIndexes: readonly IndexDeclaration[] = [
  {
    key: { canonicalUrl: 1 },
    options: { name: 'canonicalUrl_unique', unique: true },
    serves: 'one story per canonical URL; looking a story up by URL before fetching it again',
  },
  {
    key: { contentHash: 1 },
    options: { name: 'contentHash' },
    serves: 'finding the same text published under another URL',
  },
  {
    key: { storyKeys: 1 },
    options: { name: 'storyKeys' },
    serves: 'finding syndicated copies of a story (copies share MinHash keys; SimHash confirms)',
  },
  {
    key: { firstSeenAt: -1, _id: -1 },
    options: { name: 'firstSeenAt_id' },
    serves: 'newest-first article listings and their cursor',
  },
];

function toArticle({ _id, fingerprint: _f, storyKeys: _k, sightingKeys: _s, ...rest }: ArticleDocument): Article {
  return parseContract(Article, { id: _id, ...rest }, `stored article ${_id}`);
}

export class ArticlesRepository {
  readonly collection: Collection<ArticleDocument>;
  /** Sources that carried a story after it was stored: inserts, so that no copy updates a story. */
  readonly laterSightings: ArticleSightingsRepository;

  constructor(db: Db) {
    this.collection = db.collection<ArticleDocument>('articles');
    this.laterSightings = new ArticleSightingsRepository(db);
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.collection, articleIndexes);
    await this.laterSightings.ensureIndexes();
  }

  /** These stories with every source, the later ones included. */
  async withSightings<T extends Pick<ArticleDocument, '_id' | 'sources'>>(docs: readonly T[], later?: Map<string, Article['sources']>): Promise<T[]> {
    later ??= await this.laterSightings.ofArticles(docs.map((d) => d._id));
    return docs.map((doc) => ({ ...doc, sources: mergeSightings(doc.sources, later.get(doc._id) ?? []) }));
  }

  /** Stores a new story once: the same id or canonical URL again is "already-stored". */
  async insert(input: unknown): Promise<WriteOutcome> {
    const { id, ...rest } = parseContract(Article, input, 'article');
    return writeOnce(() => this.collection.insertOne({ _id: id, ...rest }));
  }

  /**
   * Stores a story once. The same canonical URL, or a near-identical title and lead (a
   * syndicated copy under another URL), adds the new source with its first-seen time to the
   * story we have; the same source and URL again changes nothing.
   */
  async recordStory(input: unknown, fingerprint: string): Promise<StoryOutcome> {
    const [outcome] = await this.recordStories([{ article: input, fingerprint }]);
    return outcome!;
  }

  /**
   * recordStory for a batch in a handful of round trips: one lookup by URL, one by story
   * keys, one insert of new stories, one insert of the new sources of stories we had (never an
   * update: see article-sightings.ts). Copies within the batch are matched to each other too.
   * Concurrent writers of the same story can race between lookup and insert; the URL's
   * unique index stops a second copy of one URL, and the writer stage serialises batches so
   * near-duplicates under different URLs do not race.
   */
  async recordStories(items: readonly { article: unknown; fingerprint: string }[], lookup: StoryLookup = this.mongoLookup): Promise<StoryOutcome[]> {
    const stories = items.map(({ article: input, fingerprint }) => {
      const article = parseContract(Article, input, 'article');
      return { article, fingerprint, keys: storyKeys(article.title, article.body), facts: factsOf(article.analysis) ?? [] };
    });
    if (stories.length === 0) return [];
    const seen = stories.map((s) => s.article.firstSeenAt.getTime());
    const found = await lookup.find(
      stories.map((s) => s.article.canonicalUrl),
      [...new Set(stories.flatMap((s) => s.keys))],
      new Date(Math.min(...seen) - sameStoryWindowMs),
      new Date(Math.max(...seen) + sameStoryWindowMs),
      [...new Set(stories.flatMap((s) => s.facts))],
    );
    const byUrl = new Map(found.map((c) => [c.canonicalUrl, c]));
    const nearby = [...found];

    const inserts: ArticleDocument[] = [];
    const insertedIds = new Set<string>();
    const later: { articleId: string; sighting: Article['sources'][number] }[] = [];
    const changed = new Map<string, StoryCandidate>();
    const outcomes: StoryOutcome[] = [];
    for (const { article, fingerprint, keys: ownKeys } of stories) {
      const sighting = article.sources[0]!;
      const existing = byUrl.get(article.canonicalUrl) ?? closestStory(nearby, article, ownKeys, fingerprint);
      if (!existing) {
        const { id, ...rest } = article;
        const doc: ArticleDocument = { _id: id, ...rest, fingerprint, storyKeys: ownKeys };
        const candidate = storyCandidateOf(doc);
        inserts.push(doc);
        insertedIds.add(id);
        byUrl.set(doc.canonicalUrl, candidate);
        nearby.push(candidate);
        changed.set(id, candidate);
        outcomes.push({ status: 'stored', articleId: id });
        continue;
      }
      if (existing.sources.some((s) => s.sourceId === sighting.sourceId && s.url === sighting.url)) {
        outcomes.push({ status: 'already-stored', articleId: existing._id });
        continue;
      }
      existing.sources.push({ sourceId: sighting.sourceId, url: sighting.url });
      changed.set(existing._id, existing);
      const inserted = insertedIds.has(existing._id) ? inserts.find((d) => d._id === existing._id)! : undefined;
      if (inserted) inserted.sources.push(sighting);
      else later.push({ articleId: existing._id, sighting });
      outcomes.push({ status: 'added-source', articleId: existing._id });
    }

    if (inserts.length > 0) {
      try {
        await this.collection.insertMany(inserts, { ordered: false });
      } catch (error) {
        if (!isOnlyDuplicates(error)) throw error;
        // An earlier run of this batch, or another writer, stored some first: find whose they are.
        await this.#resolveTaken(inserts, outcomes);
      }
    }
    // One id per story, source and URL: a re-run's copy (after a crash before the lookup
    // remembered it) is a duplicate, left alone.
    await this.laterSightings.insertMany(later);
    await lookup.remember([...changed.values()]);
    return outcomes;
  }

  /**
   * The default lookup: MongoDB's own indexes (fine on MongoDB; a scan per query on FerretDB).
   * It finds every story sharing a story key, so it needs no facts.
   */
  readonly mongoLookup: StoryLookup = {
    find: async (canonicalUrls, keys, seenFrom, seenTo) => {
      const projection = { canonicalUrl: 1, sources: 1, fingerprint: 1, storyKeys: 1, 'analysis.tickers': 1, 'analysis.events': 1, publishedAt: 1, firstSeenAt: 1 };
      const byUrl = await this.collection.find({ canonicalUrl: { $in: [...canonicalUrls] } }, { projection }).toArray();
      const byKey = keys.length === 0 ? [] : await this.collection.find({ storyKeys: { $in: [...keys] }, firstSeenAt: { $gte: seenFrom, $lte: seenTo } }, { projection }).toArray();
      const unique = new Map([...byUrl, ...byKey].map((d) => [d._id, d as ArticleDocument]));
      return (await this.withSightings([...unique.values()])).map(storyCandidateOf);
    },
    remember: async () => {},
  };

  /** Every story first seen since this moment, as candidates: to rebuild a lookup index. */
  async storiesSince(since: Date): Promise<StoryCandidate[]> {
    const projection = { canonicalUrl: 1, sources: 1, fingerprint: 1, storyKeys: 1, 'analysis.tickers': 1, 'analysis.events': 1, publishedAt: 1, firstSeenAt: 1 };
    const [docs, later] = await Promise.all([
      this.collection.find({ firstSeenAt: { $gte: since } }, { projection }).toArray(),
      // A later source is seen after its story was first seen (give or take the fetches of one
      // poll, which stamp in any order), so no list of ids needs sending.
      this.laterSightings.seenSince(new Date(since.getTime() - stampSkewMs)),
    ]);
    return (await this.withSightings(docs as ArticleDocument[], later)).map(storyCandidateOf);
  }

  async #resolveTaken(inserts: readonly ArticleDocument[], outcomes: StoryOutcome[]): Promise<void> {
    const urls = inserts.map((d) => d.canonicalUrl);
    const holders = new Map((await this.collection.find({ canonicalUrl: { $in: urls } }, { projection: { canonicalUrl: 1 } }).toArray()).map((d) => [d.canonicalUrl, d._id]));
    for (const doc of inserts) {
      const holder = holders.get(doc.canonicalUrl);
      const outcome = outcomes.find((o) => o.status === 'stored' && o.articleId === doc._id);
      if (outcome && holder !== undefined && holder !== doc._id) Object.assign(outcome, { status: 'already-stored', articleId: holder });
    }
  }

  async get(id: string): Promise<Article | null> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? toArticle((await this.withSightings([doc]))[0]!) : null;
  }

  async findByCanonicalUrl(canonicalUrl: string): Promise<Article | null> {
    const doc = await this.collection.findOne({ canonicalUrl });
    return doc ? toArticle((await this.withSightings([doc]))[0]!) : null;
  }

  async count(): Promise<number> {
    return this.collection.countDocuments();
  }
}
