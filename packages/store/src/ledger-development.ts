import { createHash, randomUUID } from 'node:crypto';
import type { Collection, Db, Document } from 'mongodb';
import type { Article } from '@tickerwire/core';
import { ensureIndexes, insertOnce, stampSkewMs, type IndexDeclaration } from './indexes.ts';
import { ArticlesRepository, sameStoryWindowMs, storyCandidateOf, storyCandidateProjection, type ArticleDocument, type StoryCandidate } from './articles.ts';
import { EventsRepository, factCandidateOf, sameFactWindowMs, type EventReport, type FactCandidate, type StoredEvent } from './events.ts';
import { knownUrls } from './ledger-mongodb.ts';
import { minSharedKeys } from './story-keys.ts';
import { embeddedReportCondition, type LedgerBackend, type LedgerCoordination, type LedgerStamp, type LedgerView } from './ledger.ts';
import { StoryFeedOrder, type StoryPageRequest } from './ledger-development-feed.ts';
import type { FeedPage, StoredArticle } from './feed-queries.ts';

/**
 * The ledger on the development server, FerretDB 1.24, which uses no index for a query or an
 * update: every find scans its collection (156 ms by an indexed field at 5,000 documents on
 * SQLite) and every update rewrites a document after a lookup (14–25 ms each for our events
 * and stories even on its PostgreSQL back end), while an insert costs ~0.1 ms a document.
 * So, here and nowhere else:
 *
 * - Lookups are answered from the writer's memory: the stories and facts of the matching
 *   windows, loaded once (a few scans), then kept by the writer's own batches. Other writers'
 *   batches are heard of through the coordination's batch list in Redis, each entry carrying
 *   what the batch wrote (its stories' and facts' match data), kept only until every live
 *   reader has read it: no query at all. Too far behind (the list was trimmed past us), or
 *   the memory over its cap: load again.
 * - A later report of a fact, or a later source of a story, is an insert of its own into
 *   `event_reports` / `article_sightings` (an id that says what it is: a re-run's copy is a
 *   duplicate), never an update of the event or story.
 * - Readers see one shape through this view: `withReports` / `withSources` merge those in,
 *   and the feeds' sources and novelty conditions name the events and stories they hold by
 *   id (one query of the side collection first): still a query, so no page comes back short.
 * - A reader given the ledger's coordination (the API) keeps every story's place in the feed
 *   orders in memory, from the same batch list (ledger-development-feed.ts): a feed page under
 *   no filter but its order is then a walk of that list and a find by `_id` per story, not a
 *   sorted scan of the collection.
 *
 * The choice of this over MongoLookup is made once, in openLedger (ledger-open.ts).
 */
export class DevelopmentLookup implements LedgerBackend {
  readonly #articles: ArticlesRepository;
  readonly #events: EventsRepository;
  readonly #reports: Collection<StoredEventReport>;
  readonly #sightings: Collection<StoredSighting>;
  readonly #coordination: LedgerCoordination | null;
  readonly #writer = randomUUID();
  readonly #maxEntries: number;
  #loaded = false;
  #last: string | null = null;
  readonly #stories = new Map<string, StoryCandidate>();
  readonly #byUrl = new Map<string, string>();
  /** Every URL a story's sources carried: what the fetcher asks about. */
  readonly #bySourceUrl = new Map<string, string>();
  readonly #byKey = new Map<string, Set<string>>();
  readonly #facts = new Map<string, FactCandidate[]>();
  #syncing: Promise<void> = Promise.resolve();
  #newest = 0;
  readonly #feedOrder: StoryFeedOrder | null;

  /**
   * Without coordination: a read-only view (the API). `feedOrder`: the ledger's coordination,
   * for a reader that keeps the stories' feed order (the API's feeds).
   */
  constructor(db: Db, coordination: LedgerCoordination | null, options: { maxEntries?: number; feedOrder?: LedgerCoordination } = {}) {
    this.#feedOrder = options.feedOrder ? new StoryFeedOrder(db.collection<StoredArticle>('articles'), options.feedOrder) : null;
    this.#articles = new ArticlesRepository(db);
    this.#events = new EventsRepository(db);
    this.#reports = db.collection<StoredEventReport>('event_reports');
    this.#sightings = db.collection<StoredSighting>('article_sightings');
    this.#coordination = coordination;
    this.#maxEntries = options.maxEntries ?? 200_000;
  }

  async ensureIndexes(): Promise<void> {
    const byBatch: IndexDeclaration = { key: { recordedBy: 1 }, options: { name: 'recordedBy' }, serves: "the development ledger catching up on other writers' batches" };
    const declared: [Collection<never>, IndexDeclaration][] = [
      [this.#articles.collection as never, byBatch],
      [this.#events.collection as never, byBatch],
      [this.#reports as never, byBatch],
      [this.#reports as never, { key: { eventId: 1 }, options: { name: 'eventId' }, serves: 'the later reports of the events on a feed page' }],
      [this.#reports as never, { key: { sourceIds: 1 }, options: { name: 'sourceIds' }, serves: 'events reported again by a source (feeds: sources, novel)' }],
      [this.#reports as never, { key: { seenAt: 1 }, options: { name: 'seenAt' }, serves: 'loading the recent facts into the writer' }],
      [this.#sightings as never, byBatch],
      [this.#sightings as never, { key: { articleId: 1 }, options: { name: 'articleId' }, serves: 'the later sources of the stories on a feed page' }],
      [this.#sightings as never, { key: { sourceId: 1 }, options: { name: 'sourceId' }, serves: 'stories carried later by a source (feeds: sources)' }],
      [this.#sightings as never, { key: { firstSeenAt: 1 }, options: { name: 'firstSeenAt' }, serves: 'loading the recent stories into the writer' }],
    ];
    // One at a time: FerretDB panics (dropping the connection) when one createIndexes names an
    // index that exists beside new ones, which two writers starting together would do.
    for (const [collection, index] of declared) await ensureIndexes(collection, [index]);
  }

  // ---- the view: one shape for readers ----

  async withReports<T extends Pick<StoredEvent, '_id' | 'reports'>>(events: readonly T[]): Promise<T[]> {
    if (events.length === 0) return [];
    const later = groupBy(await this.#reports.find({ eventId: { $in: events.map((e) => e._id) } }).toArray(), (r) => r.eventId);
    return events.map((event) => {
      const extra = later.get(event._id);
      return extra ? { ...event, reports: mergeReports(event.reports, extra.map(({ articleId, sourceIds, seenAt, novel }) => ({ articleId, sourceIds, seenAt, novel }))) } : event;
    });
  }

  async withSources<T extends Pick<ArticleDocument, '_id' | 'sources'>>(stories: readonly T[]): Promise<T[]> {
    if (stories.length === 0) return [];
    const later = groupBy(await this.#sightings.find({ articleId: { $in: stories.map((s) => s._id) } }).toArray(), (s) => s.articleId);
    return stories.map((story) => {
      const extra = later.get(story._id);
      return extra ? { ...story, sources: mergeSightings(story.sources, extra.map(({ sourceId, url, firstSeenAt }) => ({ sourceId, url, firstSeenAt }))) } : story;
    });
  }

  async eventReportCondition(sources: readonly string[] | null, novel: boolean | undefined): Promise<Document | null> {
    const embedded = embeddedReportCondition(sources, novel);
    // The novel report is always on the event; later ones may be in event_reports (never novel).
    if (novel === true || embedded === null || !sources) return embedded;
    const later = await this.#reports.distinct('eventId', { sourceIds: { $in: [...sources] } });
    if (later.length === 0) return embedded;
    if (novel === undefined) return { $or: [embedded, { _id: { $in: later } }] };
    return embeddedReportCondition(sources, false, { $or: [{ repeatSourceIds: { $in: [...sources] } }, { _id: { $in: later } }] });
  }

  async storySourceCondition(sources: readonly string[]): Promise<Document> {
    const embedded = { 'sources.sourceId': { $in: [...sources] } };
    const later = await this.#sightings.distinct('articleId', { sourceId: { $in: [...sources] } });
    return later.length === 0 ? embedded : { $or: [embedded, { _id: { $in: later } }] };
  }

  async storyPage(request: StoryPageRequest, limit: number): Promise<FeedPage<StoredArticle> | null> {
    return this.#feedOrder ? this.#feedOrder.page(request, limit) : null;
  }

  async prepare(): Promise<void> {
    await this.#feedOrder?.prepare();
  }

  close(): void {
    this.#feedOrder?.close();
  }

  /** The feed order this view keeps, if any (tests). */
  get feedOrder(): StoryFeedOrder | null {
    return this.#feedOrder;
  }

  // ---- the writer's side ----

  async addReports(added: ReadonlyMap<string, EventReport[]>, stamp: LedgerStamp): Promise<void> {
    await insertOnce(this.#reports, [...added].flatMap(([eventId, reports]) => reports.map((r) => ({ _id: eventReportId(eventId, r.articleId), eventId, ...r, recordedBy: stamp.recordedBy }))));
  }

  async addSources(added: readonly { storyId: string; sighting: Article['sources'][number] }[], stamp: LedgerStamp): Promise<void> {
    await insertOnce(this.#sightings, added.map(({ storyId, sighting }) => ({ _id: sightingId(storyId, sighting), articleId: storyId, ...sighting, recordedBy: stamp.recordedBy })));
  }

  /** Catches up with what other writers stored (one at a time: record and the fetcher both ask). */
  sync(): Promise<void> {
    const next = this.#syncing.then(() => this.#sync());
    this.#syncing = next.catch(() => {});
    return next;
  }

  async #sync(): Promise<void> {
    if (!this.#loaded || this.#stories.size > this.#maxEntries || !this.#coordination) return this.#load();
    const { batches, last, gap } = await this.#coordination.batchesSince(this.#writer, this.#last);
    if (gap) return this.#load();
    this.#last = last;
    const others = batches.filter((b) => b.writer !== this.#writer);
    // What another writer wrote comes with its batch: no query (FerretDB would scan for it).
    for (const b of others) {
      if (b.data === null) continue;
      const written = JSON.parse(b.data) as { stories: StoryCandidate[]; facts: FactCandidate[] };
      this.#keepStories(written.stories.map((c) => ({ ...c, firstSeenAt: new Date(c.firstSeenAt), publishedAt: c.publishedAt ? new Date(c.publishedAt) : null })));
      this.#keepFacts(written.facts.map((f) => ({ ...f, firstSeenAt: new Date(f.firstSeenAt) })));
    }
    const theirs = [...new Set(others.filter((b) => b.data === null).map((b) => b.batch))];
    if (theirs.length === 0) return;
    const inBatches = { recordedBy: { $in: theirs } };
    const [stories, facts, sightings, reports] = await Promise.all([
      this.#articles.collection.find(inBatches, { projection: storyCandidateProjection }).toArray(),
      this.#events.collection.find(inBatches, { projection: { factKey: 1, firstSeenAt: 1, reports: 1 } }).toArray(),
      this.#sightings.find(inBatches).toArray(),
      this.#reports.find(inBatches).toArray(),
    ]);
    this.#keepStories(stories.map((d) => storyCandidateOf(d as ArticleDocument)));
    this.#keepFacts(facts.map(factCandidateOf));
    this.#keepLater(sightings, reports);
  }

  async #load(): Promise<void> {
    // Where the batch list stands before reading, so nothing written meanwhile is missed.
    const last = this.#coordination ? (await this.#coordination.batchesSince(this.#writer, null)).last : null;
    for (const map of [this.#stories, this.#byUrl, this.#bySourceUrl, this.#byKey, this.#facts]) map.clear();
    const now = Date.now();
    const storiesFrom = new Date(now - sameStoryWindowMs);
    const factsFrom = new Date(now - sameFactWindowMs);
    const [stories, facts, sightings, reports] = await Promise.all([
      this.#articles.collection.find({ firstSeenAt: { $gte: storiesFrom } }, { projection: storyCandidateProjection }).toArray(),
      this.#events.collection.find({ firstSeenAt: { $gte: factsFrom } }, { projection: { factKey: 1, firstSeenAt: 1, reports: 1 } }).toArray(),
      // A later source or report comes after its story or fact was first seen (give or take the fetches of one poll).
      this.#sightings.find({ firstSeenAt: { $gte: new Date(storiesFrom.getTime() - stampSkewMs) } }).toArray(),
      this.#reports.find({ seenAt: { $gte: new Date(factsFrom.getTime() - stampSkewMs) } }).toArray(),
    ]);
    this.#keepStories(stories.map((d) => storyCandidateOf(d as ArticleDocument)));
    this.#keepFacts(facts.map(factCandidateOf));
    this.#keepLater(sightings, reports);
    this.#last = last;
    this.#loaded = true;
  }

  #keepStories(stories: readonly StoryCandidate[]): void {
    for (const story of stories) {
      const held = this.#stories.get(story._id);
      // Sources added apart (article_sightings) are not on the document: keep those already held.
      const sources = held ? mergeCandidateSources(held.sources, story.sources) : story.sources.map((s) => ({ ...s }));
      this.#stories.set(story._id, { ...story, sources });
      this.#byUrl.set(story.canonicalUrl, story._id);
      for (const url of [story.canonicalUrl, ...sources.map((s) => s.url)]) if (!this.#bySourceUrl.has(url)) this.#bySourceUrl.set(url, story._id);
      for (const key of story.storyKeys ?? []) {
        const ids = this.#byKey.get(key) ?? new Set();
        ids.add(story._id);
        this.#byKey.set(key, ids);
      }
      this.#newest = Math.max(this.#newest, story.firstSeenAt.getTime());
    }
    this.#evict();
  }

  #keepFacts(facts: readonly FactCandidate[]): void {
    for (const fact of facts) {
      const list = this.#facts.get(fact.factKey) ?? [];
      const held = list.find((f) => f._id === fact._id);
      const reports = held ? [...held.reports, ...fact.reports.filter((r) => !held.reports.some((h) => h.articleId === r.articleId))] : fact.reports.map((r) => ({ ...r }));
      this.#facts.set(fact.factKey, [...list.filter((f) => f._id !== fact._id), { ...fact, reports }]);
    }
  }

  #keepLater(sightings: readonly StoredSighting[], reports: readonly StoredEventReport[]): void {
    for (const s of sightings) {
      const story = this.#stories.get(s.articleId);
      if (!story || story.sources.some((x) => x.sourceId === s.sourceId && x.url === s.url)) continue;
      story.sources.push({ sourceId: s.sourceId, url: s.url });
      if (!this.#bySourceUrl.has(s.url)) this.#bySourceUrl.set(s.url, story._id);
    }
    const facts = new Map([...this.#facts.values()].flat().map((f) => [f._id, f]));
    for (const r of reports) {
      const fact = facts.get(r.eventId);
      if (fact && !fact.reports.some((x) => x.articleId === r.articleId)) fact.reports.push({ articleId: r.articleId, novel: r.novel });
    }
  }

  /** Stories and facts past their matching window (against the newest story held) leave memory. */
  #evict(): void {
    if (this.#stories.size < 1000 || this.#stories.size % 1000 !== 0) return;
    const storyCut = this.#newest - 2 * sameStoryWindowMs;
    for (const [id, story] of this.#stories) {
      if (story.firstSeenAt.getTime() >= storyCut) continue;
      this.#stories.delete(id);
      if (this.#byUrl.get(story.canonicalUrl) === id) this.#byUrl.delete(story.canonicalUrl);
      for (const url of [story.canonicalUrl, ...story.sources.map((s) => s.url)]) if (this.#bySourceUrl.get(url) === id) this.#bySourceUrl.delete(url);
      for (const key of story.storyKeys ?? []) this.#byKey.get(key)?.delete(id);
    }
    const factCut = this.#newest - 2 * sameFactWindowMs;
    for (const [key, list] of this.#facts) {
      const kept = list.filter((f) => f.firstSeenAt.getTime() >= factCut);
      if (kept.length === 0) this.#facts.delete(key);
      else this.#facts.set(key, kept);
    }
  }

  async stories(canonicalUrls: readonly string[], keysOfStories: readonly (readonly string[])[], seenFrom: Date, seenTo: Date): Promise<StoryCandidate[]> {
    const ids = new Set<string>();
    for (const url of canonicalUrls) {
      const id = this.#byUrl.get(url);
      if (id) ids.add(id);
    }
    // Only stories sharing enough keys with one of the batch's to be a copy: templated news
    // shares boilerplate keys with thousands of stories that could never match.
    for (const keys of keysOfStories) {
      const shared = new Map<string, number>();
      for (const key of keys) for (const id of this.#byKey.get(key) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
      for (const [id, n] of shared) {
        if (n < minSharedKeys) continue;
        const seen = this.#stories.get(id)?.firstSeenAt.getTime() ?? 0;
        if (seen >= seenFrom.getTime() && seen <= seenTo.getTime()) ids.add(id);
      }
    }
    // Copies: the ledger changes what it is given, and memory changes only once written.
    return [...ids].flatMap((id) => {
      const story = this.#stories.get(id);
      return story ? [{ ...story, sources: story.sources.map((s) => ({ ...s })) }] : [];
    });
  }

  async facts(factKeys: readonly string[], seenFrom: Date, seenTo: Date): Promise<FactCandidate[]> {
    return factKeys.flatMap((key) =>
      (this.#facts.get(key) ?? []).filter((f) => f.firstSeenAt >= seenFrom && f.firstSeenAt <= seenTo).map((f) => ({ ...f, reports: f.reports.map((r) => ({ ...r })) })),
    );
  }

  invalidate(): void {
    this.#loaded = false;
  }

  async remember(written: { stories: StoryCandidate[]; facts: FactCandidate[] }, batch: string): Promise<void> {
    this.#keepStories(written.stories);
    this.#keepFacts(written.facts);
    await this.#coordination?.announceBatch(this.#writer, batch, JSON.stringify(written));
  }

  async knownFromSource(sourceId: string, urls: readonly string[]): Promise<Set<string>> {
    if (urls.length === 0) return new Set();
    await this.sync();
    const ids = new Set(urls.map((u) => this.#bySourceUrl.get(u)).filter((id): id is string => id !== undefined));
    return knownUrls([...ids].flatMap((id) => this.#stories.get(id) ?? []), sourceId, urls);
  }
}

/** A later report of a fact, apart from its event (development server only). */
interface StoredEventReport extends EventReport {
  /** The event and the article: a second insert of the same report is a duplicate key. */
  _id: string;
  eventId: string;
  recordedBy: string;
}

/** A later source of a story, apart from it (development server only). */
interface StoredSighting {
  /** The story, source and URL: a second insert of the same sighting is a duplicate key. */
  _id: string;
  articleId: string;
  sourceId: string;
  url: string;
  firstSeenAt: Date;
  recordedBy: string;
}

function eventReportId(eventId: string, articleId: string): string {
  return `${eventId}:${createHash('sha256').update(articleId).digest('hex').slice(0, 16)}`;
}

function sightingId(articleId: string, sighting: { sourceId: string; url: string }): string {
  return `${articleId}:${createHash('sha256').update(`${sighting.sourceId} ${sighting.url}`).digest('hex').slice(0, 16)}`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** Every report of an event, oldest first, one per article. */
function mergeReports(embedded: readonly EventReport[], later: readonly EventReport[]): EventReport[] {
  const byArticle = new Map<string, EventReport>();
  for (const report of [...embedded, ...later]) if (!byArticle.has(report.articleId)) byArticle.set(report.articleId, report);
  return [...byArticle.values()].sort((a, b) => a.seenAt.getTime() - b.seenAt.getTime() || Number(b.novel) - Number(a.novel));
}

type Sighting = Article['sources'][number];

/** Every source of a story, first seen first, each source and URL once. */
function mergeSightings(embedded: readonly Sighting[], later: readonly Sighting[]): Sighting[] {
  const unique = new Map<string, Sighting>();
  for (const s of [...embedded, ...later]) if (!unique.has(`${s.sourceId} ${s.url}`)) unique.set(`${s.sourceId} ${s.url}`, s);
  return [...unique.values()].sort((a, b) => a.firstSeenAt.getTime() - b.firstSeenAt.getTime());
}

function mergeCandidateSources(a: readonly { sourceId: string; url: string }[], b: readonly { sourceId: string; url: string }[]): { sourceId: string; url: string }[] {
  const unique = new Map<string, { sourceId: string; url: string }>();
  for (const s of [...a, ...b]) if (!unique.has(`${s.sourceId} ${s.url}`)) unique.set(`${s.sourceId} ${s.url}`, { ...s });
  return [...unique.values()];
}

/** How readers see the stored shape on this database, chosen once from what the server is. */
export type { LedgerView };
