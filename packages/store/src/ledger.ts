import { createHash, randomUUID } from 'node:crypto';
import type { Collection, Db, Document, OptionalUnlessRequiredId } from 'mongodb';
import { Article, parseContract, relevanceOfEvent, type MarketEvent } from '@tickerwire/core';
import { isOnlyDuplicates } from './indexes.ts';
import { ArticlesRepository, closestStory, sameStoryWindowMs, storyCandidateOf, factsOf, tickerSet, type ArticleDocument, type StoryCandidate, type StoryOutcome } from './articles.ts';
import { EventsRepository, factKeyOf, sameFactWindowMs, storedEventOf, type EventReport, type EventWriteOutcome, type FactCandidate, type StoredEvent } from './events.ts';
import { minSharedKeys, storyKeyCount, storyKeys } from './story-keys.ts';
import type { FeedPage, StoredArticle } from './feed-queries.ts';
import type { StoryPageRequest } from './ledger-development-feed.ts';

/**
 * The story-and-fact ledger: the one owner of "is this story, or this fact, already stored?".
 *
 * A batch of analysed articles goes in; each article comes out as a new story, a new source of
 * a story we had (a syndicated copy, or the same URL from another feed: when that copy is the
 * richer one, a full page after a feed's summary, the story takes its text and analysis and its
 * new facts are reported under the story) or nothing new, and
 * each fact it reports as a new event (novel), a new report of an event we had, or nothing
 * new. The documents it writes are the ones every reader reads: a story holds all its
 * sources, an event all its reports, and the fields the feeds filter on (sources, novelty)
 * are on the documents, so every feed filter is a query.
 *
 * Two implementations share the decisions and the writes here and differ only in how they
 * find the stored stories and facts a batch may match (`LedgerLookup`), chosen once when the
 * store is opened (`openLedger`, from what the server is):
 *  - MongoDB (ledger-mongodb.ts): its indexes: one query by URL, one by story key, one by fact.
 *  - The development server, FerretDB (ledger-development.ts): FerretDB scans the whole
 *    collection for every query, so it keeps the recent stories and facts in the writer's
 *    memory (capped), hearing of other writers' batches through a short list in Redis.
 *
 * Writers scale out: a batch holds leases on the keys it could collide on (its URLs, its
 * stories' lock keys, its facts) for the lookup and the writes, so two writers never decide
 * about the same story or fact at once; unrelated batches run side by side. Every write is
 * idempotent (ids that say what they are, `$addToSet`), so a re-run after a crash is harmless.
 */
export interface StoryLedger {
  /** Which implementation: 'mongodb' (indexed lookups) or 'development' (FerretDB). */
  readonly kind: LedgerKind;
  /** Records a batch: its stories once, each fact once with one report per article. */
  record(items: readonly LedgerItem[], signal?: AbortSignal): Promise<LedgerOutcome>;
  /** Which of these URLs this source already brought (as a story's canonical URL or a source's URL). */
  knownFromSource(sourceId: string, urls: readonly string[]): Promise<Set<string>>;
  close?(): Promise<void>;
}

export type LedgerKind = 'mongodb' | 'development';

export interface LedgerItem {
  /** An analysed article (the contract's Article, with `analysis`). */
  article: unknown;
  /** SimHash of title and lead (hex). */
  fingerprint: string;
}

/** One report of one fact by one article of the batch. */
export interface RecordedReport extends EventWriteOutcome {
  /** The index of the article in the batch. */
  item: number;
  /** The story it is recorded under: the article's id, or the story it made richer. */
  articleId: string;
  event: MarketEvent;
  /** What the event document holds for the feeds (the first report's). */
  relevance: number | null;
}

export interface LedgerOutcome {
  /** Per article, in the order given. */
  stories: StoryOutcome[];
  /** The reports of the articles that are stories of their own (a copy's facts are its story's). */
  reports: RecordedReport[];
}

/**
 * What writers share: leases on keys, and (for the development ledger) a short list of the
 * batches written, so a writer can tell what others stored. Redis in production
 * (packages/pipeline key-leases.ts); `localCoordination()` within one process.
 */
export interface LedgerCoordination {
  /**
   * Takes, for each group of keys none of whose keys another holds, a lease on all of that
   * group's keys (renewed while `work` runs), and runs `work` with the indexes of the groups
   * taken; waits while it can take none. Groups are taken whole or not at all, so holders
   * never wait on each other in a circle.
   */
  holdSome<T>(groups: readonly (readonly string[])[], work: (taken: number[]) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Tells the other writers a batch was written: its id, under this writer's id, with what it wrote (`data`). */
  announceBatch(writer: string, batch: string, data: string): Promise<void>;
  /**
   * The batches announced after `after` (null: none, only where the list ends now), and where
   * it now ends; `gap` when some were dropped unread. `reader` says who read up to where: an
   * entry every reader has read may go.
   */
  batchesSince(reader: string, after: string | null): Promise<{ batches: { writer: string; batch: string; data: string | null }[]; last: string | null; gap: boolean }>;
}

/**
 * What differs between servers: how a ledger finds what a batch may match, how it adds a
 * report to an event or a source to a story it had, and how readers see them (LedgerView).
 */
export interface LedgerBackend extends LedgerView {
  /**
   * Stories holding one of the URLs, or sharing story keys with one of the batch's stories
   * (`keys`: each one's), first seen within the window; with every source. A lookup may leave
   * out stories sharing fewer than minSharedKeys with every one of them (never a copy).
   */
  stories(canonicalUrls: readonly string[], keys: readonly (readonly string[])[], seenFrom: Date, seenTo: Date): Promise<StoryCandidate[]>;
  /** Events of these facts first seen within the window; with every report. */
  facts(factKeys: readonly string[], seenFrom: Date, seenTo: Date): Promise<FactCandidate[]>;
  /** Adds later reports to events stored before this batch (idempotent). */
  addReports(added: ReadonlyMap<string, EventReport[]>, stamp: LedgerStamp): Promise<void>;
  /** Adds later sources to stories stored before this batch (idempotent). */
  addSources(added: readonly { storyId: string; sighting: Article['sources'][number] }[], stamp: LedgerStamp): Promise<void>;
  /** Called with what a batch wrote, after it wrote it (and before its leases go). */
  remember(written: { stories: StoryCandidate[]; facts: FactCandidate[] }, batch: string): Promise<void>;
  /** Called once the leases are held, before the lookups. */
  sync?(): Promise<void>;
  /** A batch failed part way: forget what was kept (the database may be ahead of it). */
  invalidate?(): void;
  knownFromSource(sourceId: string, urls: readonly string[]): Promise<Set<string>>;
}

/** When and in which batch the ledger wrote a document. */
export interface LedgerStamp {
  recordedAt: Date;
  recordedBy: string;
}

/**
 * How readers see what the ledger stored, whatever the server: stories with every source,
 * events with every report, and the conditions that select them by the sources and novelty
 * of their reports (so every feed filter is a query).
 */
export interface LedgerView {
  withReports<T extends Pick<StoredEvent, '_id' | 'reports'>>(events: readonly T[]): Promise<T[]>;
  withSources<T extends Pick<ArticleDocument, '_id' | 'sources'>>(stories: readonly T[]): Promise<T[]>;
  /** Events holding a report of the wanted kind (novel or not) from one of the sources (null sources: any). */
  eventReportCondition(sources: readonly string[] | null, novel: boolean | undefined): Promise<Document | null>;
  /** Stories one of these sources carried. */
  storySourceCondition(sources: readonly string[]): Promise<Document>;
  /**
   * A page of stories in a feed order under no condition but a time range, when the view keeps
   * that order itself (the development server's API, given the ledger's coordination:
   * ledger-development-feed.ts): stories as an article page projects them. Null, or absent: query.
   */
  storyPage?(request: StoryPageRequest, limit: number): Promise<FeedPage<StoredArticle> | null>;
  /** Builds what the view keeps, ahead of the first page (the API, at start). */
  prepare?(): Promise<void>;
  /** Stops what the view runs in the background (the API, closing). */
  close?(): void;
}

/** Matches no document: `novel=false` on every fact (each has its first report). */
const noDocument: Document = { _id: { $in: [] } };

/**
 * The event condition on MongoDB, from the source lists the ledger keeps on each event (pure).
 *
 * Novelty splits the events the other criteria match into two parts that share none: an event
 * is novel when the report the filter looks at is the fact's first report, not novel when it
 * only repeats a fact someone else reported first. With sources, that report is theirs: novel,
 * a fact first reported by one of them; not novel, a fact they reported only after another
 * source. Without sources, the event's own (first) report: every event is novel.
 */
export function embeddedReportCondition(sources: readonly string[] | null, novel: boolean | undefined, repeatedBySources?: Document): Document | null {
  const inList = (values: readonly string[]) => ({ $in: [...values] });
  if (novel === undefined) return sources ? { reportSourceIds: inList(sources) } : null;
  // Every event has its novel report, the first.
  if (novel) return sources ? { novelSourceIds: inList(sources) } : null;
  if (!sources) return noDocument;
  // Reported again by one of the sources, and none of them reported it first.
  return { $and: [repeatedBySources ?? { repeatSourceIds: inList(sources) }, { novelSourceIds: { $nin: [...sources] } }] };
}

/** The keys a story can collide on with a copy of it (see storyLockKeys). */
const lockedSlots = storyKeyCount - minSharedKeys + 1;

/**
 * Lease keys of a story. A copy shares at least minSharedKeys of the twelve story keys (each
 * slot's value) and names the same tickers; so of any `lockedSlots` slots it shares one, and
 * two copies written at once always hold one key in common. Ticker sets keep look-alike
 * templates about other companies apart.
 */
export function storyLockKeys(canonicalUrl: string, keys: readonly string[], tickers: readonly string[] | null): string[] {
  const tickersPart = tickerSet(tickers) ?? '*';
  return [`url:${canonicalUrl}`, ...keys.slice(0, lockedSlots).map((k) => `story:${tickersPart}:${k}`)];
}

/** The leases a batch holds for an article: its URL, its story's lock keys, its facts. */
export function leaseKeysOf(article: Article, keys: readonly string[] = storyKeys(article.title, article.body)): string[] {
  return [...storyLockKeys(article.canonicalUrl, keys, article.analysis?.tickers ?? null).map(hashed), ...(factsOf(article.analysis) ?? []).map((f) => `fact:${f}`)];
}

function hashed(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 22);
}

interface Prepared {
  article: Article;
  fingerprint: string;
  keys: string[];
  facts: string[];
}

export class Ledger implements StoryLedger {
  /** How readers see what it stored. */
  get view(): LedgerView {
    return this.#lookup;
  }

  readonly kind: LedgerKind;
  readonly articles: ArticlesRepository;
  readonly events: EventsRepository;
  readonly #lookup: LedgerBackend;
  readonly #coordination: LedgerCoordination;

  constructor(kind: LedgerKind, db: Db, lookup: LedgerBackend, coordination: LedgerCoordination) {
    this.kind = kind;
    this.articles = new ArticlesRepository(db);
    this.events = new EventsRepository(db);
    this.#lookup = lookup;
    this.#coordination = coordination;
  }

  knownFromSource(sourceId: string, urls: readonly string[]): Promise<Set<string>> {
    return this.#lookup.knownFromSource(sourceId, urls);
  }

  async record(items: readonly LedgerItem[], signal?: AbortSignal): Promise<LedgerOutcome> {
    const prepared: Prepared[] = items.map(({ article: input, fingerprint }) => {
      const article = parseContract(Article, input, 'article');
      return { article, fingerprint, keys: storyKeys(article.title, article.body), facts: factsOf(article.analysis) ?? [] };
    });
    if (prepared.length === 0) return { stories: [], reports: [] };
    // Each article's leases as one group: the articles whose keys no other writer holds are
    // recorded at once, the others in a later round (a copy in a later round finds its story).
    const groups = prepared.map((p) => [...new Set(leaseKeysOf(p.article, p.keys))]);
    const stories: StoryOutcome[] = new Array(prepared.length);
    const reports: RecordedReport[] = [];
    let pending = prepared.map((_, i) => i);
    while (pending.length > 0) {
      const round = pending;
      pending = await this.#coordination.holdSome(
        round.map((i) => groups[i]!),
        async (taken) => {
          const items = taken.map((t) => round[t]!);
          let outcome: LedgerOutcome;
          try {
            outcome = await this.#recordHeld(items.map((i) => prepared[i]!));
          } catch (error) {
            // Some writes may have landed: what the lookup keeps may be behind the database now.
            this.#lookup.invalidate?.();
            throw error;
          }
          outcome.stories.forEach((story, k) => (stories[items[k]!] = story));
          for (const r of outcome.reports) reports.push({ ...r, item: items[r.item]! });
          const done = new Set(taken);
          return round.filter((_, t) => !done.has(t));
        },
        signal,
      );
    }
    reports.sort((a, b) => a.item - b.item);
    return { stories, reports };
  }

  async #recordHeld(prepared: readonly Prepared[]): Promise<LedgerOutcome> {
    await this.#lookup.sync?.();
    const batch = randomUUID();
    const recordedAt = new Date();

    // Stories: the same canonical URL, or a near-identical copy under another URL.
    const seen = prepared.map((p) => p.article.firstSeenAt.getTime());
    const found = await this.#lookup.stories(
      prepared.map((p) => p.article.canonicalUrl),
      prepared.map((p) => p.keys),
      new Date(Math.min(...seen) - sameStoryWindowMs),
      new Date(Math.max(...seen) + sameStoryWindowMs),
    );
    const byUrl = new Map(found.map((c) => [c.canonicalUrl, c]));
    const nearby = [...found];
    const newStories = new Map<string, ArticleDocument>();
    const addedSources: { storyId: string; sighting: Article['sources'][number] }[] = [];
    const changedStories = new Map<string, StoryCandidate>();
    const stories: StoryOutcome[] = [];
    // Stories stored at one of the batch's URLs that an article may be a richer copy of: their text.
    const storedText = await this.#storedText(prepared.filter((p) => mayEnrich(p, byUrl.get(p.article.canonicalUrl))).map((p) => byUrl.get(p.article.canonicalUrl)!._id));
    const enrichments: { storyId: string; fields: StoryText }[] = [];
    /** Per article, the story its facts are reported under (null: a copy, no facts of its own). */
    const reportAs: (string | null)[] = [];
    for (const { article, fingerprint, keys, facts } of prepared) {
      const sighting = article.sources[0]!;
      const atUrl = byUrl.get(article.canonicalUrl);
      const existing = atUrl ?? closestStory(nearby, article, keys, fingerprint);
      if (!existing) {
        const { id, ...rest } = article;
        const doc: ArticleDocument = { _id: id, ...rest, fingerprint, storyKeys: keys, novelReports: 0, repeatReports: 0, recordedAt, recordedBy: batch };
        const candidate = storyCandidateOf(doc);
        newStories.set(id, doc);
        byUrl.set(doc.canonicalUrl, candidate);
        nearby.push(candidate);
        changedStories.set(id, candidate);
        stories.push({ status: 'stored', articleId: id });
        reportAs.push(id);
        continue;
      }
      // The same URL with a richer text (a full page after the feed's summary): the story keeps
      // the richer one, and its facts are reported under the story.
      const inBatch = newStories.get(existing._id);
      const stored = atUrl ? (inBatch ? textOf(inBatch) : storedText.get(existing._id)) : undefined;
      const richer = stored !== undefined && mayEnrich({ article, facts }, existing) && isRicher(article, facts, stored, existing.factKeys ?? []);
      if (richer) {
        const fields = richerText(article, fingerprint, keys, stored);
        if (inBatch) Object.assign(inBatch, fields);
        else enrichments.push({ storyId: existing._id, fields });
        Object.assign(existing, { fingerprint, storyKeys: keys, tickers: [...article.analysis!.tickers], factKeys: facts, publishedAt: fields.publishedAt });
        changedStories.set(existing._id, existing);
      }
      // Its own text again (a re-run after a crash between the writes): reported again too.
      const ownText = richer || (stored !== undefined && stored.contentHash === article.contentHash);
      const own = existing._id === article.id || ownText;
      reportAs.push(own ? existing._id : null);
      const enriched = richer ? ({ enriched: true } as const) : {};
      if (existing.sources.some((s) => s.sourceId === sighting.sourceId && s.url === sighting.url)) {
        stories.push({ status: 'already-stored', articleId: existing._id, ...enriched });
        continue;
      }
      existing.sources.push({ sourceId: sighting.sourceId, url: sighting.url });
      changedStories.set(existing._id, existing);
      if (inBatch) inBatch.sources.push(sighting);
      else addedSources.push({ storyId: existing._id, sighting });
      stories.push({ status: 'added-source', articleId: existing._id, ...enriched });
      // A copy from another source adds a source, never news; a richer copy brings its facts.
      if (!ownText) reportAs[reportAs.length - 1] = null;
    }

    // Facts: those of every article that is its own story (a copy adds a source, never news),
    // reported under that story. An article already stored is reported again too: a crash may
    // have come between the writes.
    const reporting = prepared.flatMap((p, item) => {
      const storyId = reportAs[item];
      return storyId ? [{ p, item, storyId }] : [];
    });
    const factKeys = [...new Set(reporting.flatMap(({ p }) => (p.article.analysis?.events ?? []).map(factKeyOf)))];
    const times = reporting.map(({ p }) => p.article.firstSeenAt.getTime());
    const known = factKeys.length === 0 ? [] : (await this.#lookup.facts(factKeys, new Date(Math.min(...times) - sameFactWindowMs), new Date(Math.max(...times) + sameFactWindowMs)));
    known.sort((a, b) => a.firstSeenAt.getTime() - b.firstSeenAt.getTime());
    const newEvents = new Map<string, StoredEvent>();
    const addedReports = new Map<string, EventReport[]>();
    const changedFacts = new Map<string, FactCandidate>();
    const reports: RecordedReport[] = [];
    for (const { p, item, storyId } of reporting) {
      const { article } = p;
      const sourceIds = article.sources.map((s) => s.sourceId);
      const seenAt = article.firstSeenAt;
      for (const event of article.analysis?.events ?? []) {
        const factKey = factKeyOf(event);
        const relevance = relevanceOfEvent(article.analysis!, event);
        // The earliest stored copy of the fact within the window of this report.
        const existing = known.find((e) => e.factKey === factKey && Math.abs(e.firstSeenAt.getTime() - seenAt.getTime()) <= sameFactWindowMs);
        if (existing) {
          const own = existing.reports.find((r) => r.articleId === storyId);
          if (own) {
            reports.push({ item, articleId: storyId, event, relevance, status: 'already-stored', eventId: existing._id, novel: own.novel, firstSeenAt: existing.firstSeenAt });
            continue;
          }
          const report: EventReport = { articleId: storyId, sourceIds, seenAt, novel: false };
          existing.reports.push({ articleId: storyId, novel: false });
          changedFacts.set(existing._id, existing);
          const inBatch = newEvents.get(existing._id);
          if (inBatch) addReport(inBatch, report);
          else addedReports.set(existing._id, [...(addedReports.get(existing._id) ?? []), report]);
          reports.push({ item, articleId: storyId, event, relevance, status: 'reported-again', eventId: existing._id, novel: false, firstSeenAt: existing.firstSeenAt });
          continue;
        }
        const doc = storedEventOf(factKey, { event, articleId: storyId, sourceIds, seenAt, publishedAt: article.publishedAt, tags: article.analysis?.tags ?? [], relevance });
        doc.recordedAt = recordedAt;
        doc.recordedBy = batch;
        newEvents.set(doc._id, doc);
        const candidate: FactCandidate = { _id: doc._id, factKey, firstSeenAt: doc.firstSeenAt, reports: [{ articleId: storyId, novel: true }] };
        known.push(candidate);
        known.sort((a, b) => a.firstSeenAt.getTime() - b.firstSeenAt.getTime());
        changedFacts.set(doc._id, candidate);
        reports.push({ item, articleId: storyId, event, relevance, status: 'stored', eventId: doc._id, novel: true, firstSeenAt: doc.firstSeenAt });
      }
    }
    // Each story says whether it brought news, for the feeds' `novel` filter: a new story counts
    // its reports (each fact once), a story made richer adds the reports its new text brought.
    const counted = new Set<string>();
    const added = new Map<string, { novelReports: number; repeatReports: number }>();
    for (const r of reports) {
      if (counted.has(`${r.articleId} ${r.eventId}`)) continue;
      counted.add(`${r.articleId} ${r.eventId}`);
      const doc = newStories.get(r.articleId);
      if (doc) {
        if (r.novel) doc.novelReports! += 1;
        else doc.repeatReports! += 1;
      } else if (r.status !== 'already-stored') {
        const counts = added.get(r.articleId) ?? { novelReports: 0, repeatReports: 0 };
        counts[r.novel ? 'novelReports' : 'repeatReports'] += 1;
        added.set(r.articleId, counts);
      }
    }

    // Events before stories: a re-run after a crash in between finds the story missing and
    // stores it, with its reports' novelty read back from the events.
    await this.#insertEvents([...newEvents.values()], reports);
    const stamp = { recordedAt, recordedBy: batch };
    if (addedReports.size > 0) await this.#lookup.addReports(addedReports, stamp);
    await this.#insertStories([...newStories.values()], stories);
    // A richer text replaces the story's (rare: one update each, on either server).
    if (enrichments.length > 0 || added.size > 0) {
      const storyIds = new Set([...enrichments.map((e) => e.storyId), ...added.keys()]);
      await this.articles.collection.bulkWrite(
        [...storyIds].map((storyId) => {
          const fields = enrichments.find((e) => e.storyId === storyId)?.fields;
          const counts = added.get(storyId);
          return { updateOne: { filter: { _id: storyId }, update: { $set: { ...fields, ...stamp }, ...(counts ? { $inc: counts } : {}) } } };
        }),
        { ordered: false },
      );
    }
    if (addedSources.length > 0) await this.#lookup.addSources(addedSources, stamp);
    // Every story whose document the batch wrote is in what it announces (the API's development
    // feed order keeps its page from it): the counts a re-run's reports add to a story too.
    for (const storyId of added.keys()) {
      const candidate = changedStories.has(storyId) ? undefined : nearby.find((c) => c._id === storyId);
      if (candidate) changedStories.set(storyId, candidate);
    }
    await this.#lookup.remember({ stories: [...changedStories.values()], facts: [...changedFacts.values()] }, batch);
    return { stories, reports };
  }

  /** The text of these stories, to tell whether an article at the same URL is richer. */
  async #storedText(ids: readonly string[]): Promise<Map<string, StoryText>> {
    if (ids.length === 0) return new Map();
    const docs = await this.articles.collection.find({ _id: { $in: [...new Set(ids)] } }, { projection: { title: 1, body: 1, url: 1, author: 1, publishedAt: 1, contentHash: 1, analysis: 1 } }).toArray();
    return new Map(docs.map((d) => [d._id, textOf(d)]));
  }

  async #insertEvents(docs: StoredEvent[], reports: RecordedReport[]): Promise<void> {
    // One id per fact and first article: a duplicate is this very report, written by an earlier run.
    const taken = await insertNew(this.events.collection, docs);
    for (const r of reports) if (r.status === 'stored' && taken.has(r.eventId)) r.status = 'already-stored';
  }

  async #insertStories(docs: ArticleDocument[], stories: StoryOutcome[]): Promise<void> {
    const taken = await insertNew(this.articles.collection, docs);
    if (taken.size === 0) return;
    // The id, or the URL's unique index: stored by an earlier run of this batch (or a writer of an older version).
    const urls = docs.filter((d) => taken.has(d._id)).map((d) => d.canonicalUrl);
    const holders = new Map((await this.articles.collection.find({ canonicalUrl: { $in: urls } }, { projection: { canonicalUrl: 1 } }).toArray()).map((d) => [d.canonicalUrl, d._id]));
    for (const doc of docs) {
      if (!taken.has(doc._id)) continue;
      const outcome = stories.find((o) => o.status === 'stored' && o.articleId === doc._id);
      if (outcome) Object.assign(outcome, { status: 'already-stored', articleId: holders.get(doc.canonicalUrl) ?? doc._id });
    }
  }
}

/** What a richer copy of a story replaces: its text and analysis, and what matching keeps of them. */
type StoryText = Pick<ArticleDocument, 'url' | 'title' | 'body' | 'author' | 'publishedAt' | 'contentHash' | 'analysis'> & { fingerprint?: string; storyKeys?: string[] };

function textOf(doc: Pick<ArticleDocument, 'url' | 'title' | 'body' | 'author' | 'publishedAt' | 'contentHash' | 'analysis'>): StoryText {
  return { url: doc.url, title: doc.title, body: doc.body, author: doc.author ?? null, publishedAt: doc.publishedAt, contentHash: doc.contentHash, analysis: doc.analysis };
}

/** Whether an analysed article reports every fact the story at its URL does: only then can it be the richer copy. */
function mayEnrich(p: Pick<Prepared, 'article' | 'facts'>, story: StoryCandidate | undefined): boolean {
  if (!story || !p.article.analysis) return false;
  const facts = new Set(p.facts);
  return (story.factKeys ?? []).every((f) => facts.has(f));
}

/**
 * Whether an article is a richer copy of the story stored at its URL (pure): every fact the
 * story reports and more facts, or as many with more text. A feed's summary loses to the page.
 */
function isRicher(article: Pick<Article, 'body' | 'contentHash'>, facts: readonly string[], stored: Pick<StoryText, 'body' | 'contentHash'>, storedFacts: readonly string[]): boolean {
  if (article.contentHash === stored.contentHash) return false;
  const mine = new Set(facts);
  if (!storedFacts.every((f) => mine.has(f))) return false;
  return mine.size > new Set(storedFacts).size || article.body.length > stored.body.length;
}

/** The story's new text: the richer article's, keeping what it lacks (author, publication time) and every tag of both. */
function richerText(article: Article, fingerprint: string, keys: string[], stored: StoryText): StoryText & { fingerprint: string; storyKeys: string[] } {
  const tags = [...new Set([...(stored.analysis?.tags ?? []), ...(article.analysis?.tags ?? [])])];
  return {
    url: article.url,
    title: article.title || stored.title,
    body: article.body,
    author: article.author ?? stored.author ?? null,
    publishedAt: article.publishedAt ?? stored.publishedAt,
    contentHash: article.contentHash,
    analysis: article.analysis ? { ...article.analysis, tags } : stored.analysis,
    fingerprint,
    storyKeys: keys,
  };
}

/** Inserts documents (unordered); returns the ids refused as duplicates. */
async function insertNew<T extends { _id: string }>(collection: Collection<T>, docs: readonly T[]): Promise<Set<string>> {
  if (docs.length === 0) return new Set();
  try {
    await collection.insertMany(docs as OptionalUnlessRequiredId<T>[], { ordered: false });
    return new Set();
  } catch (error) {
    if (!isOnlyDuplicates(error)) throw error;
    const errors = (error as { writeErrors?: { index: number }[] | { index: number } }).writeErrors;
    const list = Array.isArray(errors) ? errors : errors ? [errors] : [];
    // A single duplicate (insertMany of one) may come without writeErrors: all of them, then.
    return new Set(list.length > 0 ? list.map((e) => docs[e.index]!._id) : docs.map((d) => d._id));
  }
}

/** A report added to an event written in the same batch. */
function addReport(doc: StoredEvent, report: EventReport): void {
  doc.reports.push(report);
  doc.reportSourceIds = [...new Set([...(doc.reportSourceIds ?? []), ...report.sourceIds])];
  if (!report.novel) {
    doc.repeated = true;
    doc.repeatSourceIds = [...new Set([...(doc.repeatSourceIds ?? []), ...report.sourceIds])];
  }
}

/** Leases and the batch list within one process: for a single writer, and tests. */
export function localCoordination(): LedgerCoordination {
  const held = new Set<string>();
  const waiters: (() => void)[] = [];
  const batches: { id: number; writer: string; batch: string; data: string }[] = [];
  let next = 0;
  return {
    async holdSome(groups, work, signal) {
      for (;;) {
        const taken: number[] = [];
        const mine = new Set<string>();
        groups.forEach((keys, g) => {
          if (keys.some((k) => held.has(k) && !mine.has(k))) return;
          for (const k of keys) mine.add(k);
          taken.push(g);
        });
        if (taken.length > 0) {
          for (const k of mine) held.add(k);
          try {
            return await work(taken);
          } finally {
            for (const k of mine) held.delete(k);
            for (const wake of waiters.splice(0)) wake();
          }
        }
        signal?.throwIfAborted();
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    async announceBatch(writer, batch, data) {
      batches.push({ id: ++next, writer, batch, data });
      if (batches.length > 1000) batches.shift();
    },
    async batchesSince(_reader, after) {
      if (after === null) return { batches: [], last: String(next), gap: false };
      const newer = batches.filter((b) => b.id > Number(after));
      return { batches: newer, last: String(Math.max(Number(after), ...newer.map((b) => b.id))), gap: batches.length > 0 && batches[0]!.id > Number(after) + 1 };
    },
  };
}
