import type { Collection, Db } from 'mongodb';
import { Article, parseContract } from '@tickerwire/core';
import { ensureIndexes, writeOnce, type IndexDeclaration, type WriteOutcome } from './indexes.ts';
import { fingerprintDistance, maxSameStoryDistance } from './fingerprints.ts';
import { minSharedKeys, sharedKeys } from './story-keys.ts';
import { factKeyOf } from './events.ts';
import type { LedgerView } from './ledger.ts';

export function tickerSet(tickers: readonly string[] | null | undefined): string | null {
  return tickers ? [...new Set(tickers)].sort().join(',') : null;
}

/** The facts an analysed story reports, or null without an analysis. */
export function factsOf(analysis: Pick<NonNullable<Article['analysis']>, 'events'> | undefined): string[] | null {
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
export function closestStory(candidates: readonly StoryCandidate[], article: Article, keys: readonly string[], fingerprint: string): StoryCandidate | undefined {
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


export interface ArticleDocument extends Omit<Article, 'id'> {
  _id: string;
  /** SimHash of title + lead (hex), and its bands for the near-duplicate lookup. */
  fingerprint?: string;
  /** MinHash keys of title and lead: the indexed lookup for syndicated copies (story-keys.ts). */
  storyKeys?: string[];
  /** Written by earlier versions (the guard of a sighting update); no longer kept. */
  sightingKeys?: string[];
  /** How many of its reports were the first of their fact, and how many repeated one (the feeds' `novel`). */
  novelReports?: number;
  repeatReports?: number;
  /** When the ledger last wrote the story, and in which batch (the development ledger's catch-up). */
  recordedAt?: Date;
  recordedBy?: string;
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

/**
 * How a story was recorded: new, a new source for a story we had, or nothing new. `enriched`:
 * the article was a richer copy of a story stored at its URL (a full page after the feed's
 * summary), whose text and analysis the story now holds.
 */
export type StoryOutcome = { status: 'stored' | 'added-source' | 'already-stored'; articleId: string; enriched?: true };

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
  {
    key: { 'sources.url': 1 },
    options: { name: 'sources_url' },
    serves: 'which URLs a source already brought, before the fetcher sends them to analysis',
  },
];

/** What an article page leaves out: the ledger's own fields (novelReports stays: it says whether the story was a first report). */
export const articlePageProjection = { fingerprint: 0, fingerprintBands: 0, storyKeys: 0, sightingKeys: 0, repeatReports: 0, recordedAt: 0, recordedBy: 0 } as const;

function toArticle({ _id, fingerprint: _f, storyKeys: _k, sightingKeys: _s, novelReports: _n, repeatReports: _r, recordedAt: _a, recordedBy: _b, ...rest }: ArticleDocument): Article {
  return parseContract(Article, { id: _id, ...rest }, `stored article ${_id}`);
}

/** The stories: written by the ledger (ledger.ts), read here and by the feeds. Each holds every source that carried it. */
export class ArticlesRepository {
  readonly collection: Collection<ArticleDocument>;
  readonly #view: Pick<LedgerView, 'withSources'>;

  constructor(db: Db, view: Pick<LedgerView, 'withSources'> = { withSources: async (docs) => [...docs] }) {
    this.collection = db.collection<ArticleDocument>('articles');
    this.#view = view;
  }

  /** These stories with every source (what the ledger keeps apart on some servers merged in). */
  withSources<T extends Pick<ArticleDocument, '_id' | 'sources'>>(docs: readonly T[]): Promise<T[]> {
    return this.#view.withSources(docs);
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.collection, articleIndexes);
  }

  /** Stores a new story once, outside the ledger (tests, fixtures): the same id or canonical URL again is "already-stored". */
  async insert(input: unknown): Promise<WriteOutcome> {
    const { id, ...rest } = parseContract(Article, input, 'article');
    return writeOnce(() => this.collection.insertOne({ _id: id, ...rest }));
  }

  async get(id: string): Promise<Article | null> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? toArticle((await this.withSources([doc]))[0]!) : null;
  }

  async findByCanonicalUrl(canonicalUrl: string): Promise<Article | null> {
    const doc = await this.collection.findOne({ canonicalUrl });
    return doc ? toArticle((await this.withSources([doc]))[0]!) : null;
  }

  async count(): Promise<number> {
    return this.collection.countDocuments();
  }
}

/** What a story lookup reads of a story document. */
export const storyCandidateProjection = { canonicalUrl: 1, sources: 1, fingerprint: 1, storyKeys: 1, 'analysis.tickers': 1, 'analysis.events': 1, publishedAt: 1, firstSeenAt: 1 } as const;
