import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { ensureIndexes, type IndexDeclaration } from './indexes.ts';
import { ArticlesRepository, sameStoryWindowMs, storyCandidateOf, storyCandidateProjection, type ArticleDocument, type StoryCandidate } from './articles.ts';
import { EventsRepository, factCandidateOf, sameFactWindowMs, type FactCandidate } from './events.ts';
import { knownUrls } from './ledger-mongodb.ts';
import type { LedgerCoordination, LedgerLookup } from './ledger.ts';

/**
 * The ledger's lookups on the development server, FerretDB 1.24, which uses no index for a
 * query: every find scans its collection (measured: 156 ms by an indexed field at 5,000
 * documents on SQLite), so three lookups per batch would make each batch slower than the last.
 *
 * Instead the writer keeps the stories and facts of the matching windows in memory: loaded
 * from the database once (two scans), then kept by the writer's own batches. Other writers'
 * batches are heard of through the coordination's short batch list (ids only, in Redis); the
 * documents a batch wrote carry its id (`recordedBy`), so catching up is one query for those
 * ids, and none while this writer is the only one. Too far behind (the list was trimmed
 * past us), or the memory over its cap: load again. The database stays the record.
 *
 * Nothing else in the code base knows about FerretDB's scans: this file and the choice in
 * openLedger (ledger-open.ts).
 */
export class DevelopmentLookup implements LedgerLookup {
  readonly #articles: ArticlesRepository;
  readonly #events: EventsRepository;
  readonly #coordination: LedgerCoordination;
  readonly #writer = randomUUID();
  readonly #maxEntries: number;
  #loaded = false;
  #last: string | null = null;
  readonly #stories = new Map<string, StoryCandidate>();
  readonly #byUrl = new Map<string, string>();
  /** Every URL a story's sources carried: what the fetcher asks about. */
  readonly #bySourceUrl = new Map<string, string>();
  #syncing: Promise<void> = Promise.resolve();
  readonly #byKey = new Map<string, Set<string>>();
  readonly #facts = new Map<string, FactCandidate[]>();
  #newest = 0;

  constructor(db: Db, coordination: LedgerCoordination, options: { maxEntries?: number } = {}) {
    this.#articles = new ArticlesRepository(db);
    this.#events = new EventsRepository(db);
    this.#coordination = coordination;
    this.#maxEntries = options.maxEntries ?? 200_000;
  }

  /** The index that serves catching up on other writers' batches. */
  static readonly indexes: readonly IndexDeclaration[] = [{ key: { recordedBy: 1 }, options: { name: 'recordedBy' }, serves: "the development ledger catching up on other writers' batches" }];

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.#articles.collection, DevelopmentLookup.indexes);
    await ensureIndexes(this.#events.collection, DevelopmentLookup.indexes);
  }

  /** Catches up with what other writers stored (one at a time: record and the fetcher both ask). */
  sync(): Promise<void> {
    const next = this.#syncing.then(() => this.#sync());
    this.#syncing = next.catch(() => {});
    return next;
  }

  async #sync(): Promise<void> {
    if (!this.#loaded || this.#stories.size > this.#maxEntries) return this.#load();
    const { batches, last, gap } = await this.#coordination.batchesSince(this.#last);
    if (gap) return this.#load();
    this.#last = last;
    const theirs = [...new Set(batches.filter((b) => b.writer !== this.#writer).map((b) => b.batch))];
    if (theirs.length === 0) return;
    const [stories, facts] = await Promise.all([
      this.#articles.collection.find({ recordedBy: { $in: theirs } }, { projection: storyCandidateProjection }).toArray(),
      this.#events.collection.find({ recordedBy: { $in: theirs } }, { projection: { factKey: 1, firstSeenAt: 1, reports: 1 } }).toArray(),
    ]);
    this.#keepStories(stories.map((d) => storyCandidateOf(d as ArticleDocument)));
    this.#keepFacts(facts.map(factCandidateOf));
  }

  async #load(): Promise<void> {
    // Where the batch list stands before reading, so nothing written meanwhile is missed.
    const { last } = await this.#coordination.batchesSince(null);
    this.#stories.clear();
    this.#byUrl.clear();
    this.#bySourceUrl.clear();
    this.#byKey.clear();
    this.#facts.clear();
    const now = Date.now();
    const [stories, facts] = await Promise.all([
      this.#articles.collection.find({ firstSeenAt: { $gte: new Date(now - sameStoryWindowMs) } }, { projection: storyCandidateProjection }).toArray(),
      this.#events.collection.find({ firstSeenAt: { $gte: new Date(now - sameFactWindowMs) } }, { projection: { factKey: 1, firstSeenAt: 1, reports: 1 } }).toArray(),
    ]);
    this.#keepStories(stories.map((d) => storyCandidateOf(d as ArticleDocument)));
    this.#keepFacts(facts.map(factCandidateOf));
    this.#last = last;
    this.#loaded = true;
  }

  #keepStories(stories: readonly StoryCandidate[]): void {
    for (const story of stories) {
      const copy: StoryCandidate = { ...story, sources: story.sources.map((s) => ({ ...s })) };
      this.#stories.set(story._id, copy);
      this.#byUrl.set(story.canonicalUrl, story._id);
      this.#bySourceUrl.set(story.canonicalUrl, story._id);
      for (const s of story.sources) if (!this.#bySourceUrl.has(s.url)) this.#bySourceUrl.set(s.url, story._id);
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
      const copy: FactCandidate = { ...fact, reports: fact.reports.map((r) => ({ ...r })) };
      const list = (this.#facts.get(fact.factKey) ?? []).filter((f) => f._id !== fact._id);
      list.push(copy);
      this.#facts.set(fact.factKey, list);
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

  async stories(canonicalUrls: readonly string[], keys: readonly string[], seenFrom: Date, seenTo: Date): Promise<StoryCandidate[]> {
    const ids = new Set<string>();
    for (const url of canonicalUrls) {
      const id = this.#byUrl.get(url);
      if (id) ids.add(id);
    }
    for (const key of keys) {
      for (const id of this.#byKey.get(key) ?? []) {
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
      (this.#facts.get(key) ?? [])
        .filter((f) => f.firstSeenAt >= seenFrom && f.firstSeenAt <= seenTo)
        .map((f) => ({ ...f, reports: f.reports.map((r) => ({ ...r })) })),
    );
  }

  invalidate(): void {
    this.#loaded = false;
  }

  async remember(written: { stories: StoryCandidate[]; facts: FactCandidate[] }, batch: string): Promise<void> {
    this.#keepStories(written.stories);
    this.#keepFacts(written.facts);
    await this.#coordination.announceBatch(this.#writer, batch);
  }

  async knownFromSource(sourceId: string, urls: readonly string[]): Promise<Set<string>> {
    if (urls.length === 0) return new Set();
    await this.sync();
    const ids = new Set(urls.map((u) => this.#bySourceUrl.get(u)).filter((id): id is string => id !== undefined));
    return knownUrls([...ids].flatMap((id) => this.#stories.get(id) ?? []), sourceId, urls);
  }
}
