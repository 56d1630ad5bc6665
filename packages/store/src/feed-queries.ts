import type { Collection, Db, Document, Filter, FindCursor } from 'mongodb';
import type { Article, SentimentLabel } from '@tickerwire/core';
import { ensureIndexes, type IndexDeclaration } from './indexes.ts';
import type { StoredEvent } from './events.ts';
import { articlePageProjection } from './articles.ts';
import { embeddedReportCondition, type LedgerView } from './ledger.ts';
import { ledgerView } from './ledger-open.ts';

/**
 * What the API's feeds filter on. Values within one filter are alternatives (any of them);
 * different filters must all hold. Absent means "no condition".
 */
export interface FeedFilter {
  tickers?: readonly string[];
  types?: readonly string[];
  /** Event actions; for price moves, the direction (`up`, `down`). */
  actions?: readonly string[];
  sentiment?: readonly SentimentLabel[];
  /**
   * Minimum |sentiment score|, in [0, 1]. With `tickers`, on articles: the sentiment and score
   * conditions apply to those tickers' own reading (tickerSentiment), not the article's.
   */
  minAbsScore?: number;
  /** Minimum relevance of the article to the ticker (to one of `tickers`, if given), in [0, 1]. */
  minRelevance?: number;
  sources?: readonly string[];
  tags?: readonly string[];
  /**
   * Splits what the other criteria match in two, no item in both. Events: true, the fact's
   * first report (with `sources`: first reported by one of them); false, with `sources`, a
   * fact they only repeated after another source (without: none, every fact was first reported
   * once). Articles: false, a story whose facts were all first reported by earlier stories;
   * true, every other one.
   */
  novel?: boolean;
  /** Time range, `since` inclusive and `until` exclusive, on `timeField`. */
  since?: Date;
  until?: Date;
  timeField?: FeedTimeField;
  /**
   * The order of the page, newest first: `firstSeenAt` (when fetched: what a polling client
   * wants, as nothing is ever stored behind its position) or `publishedAt` (when published:
   * what a person reads; items without a publication time come last). Default firstSeenAt.
   */
  order?: FeedTimeField;
  /** Words that must all appear (case-insensitive): articles' title or body; events' evidence, company or firm. */
  q?: string;
}

/** Most words one `q` holds, and the longest word: the fallback's regexes stay small. */
export const maxSearchWords = 8;
export const maxSearchWordLength = 50;

/** The words of a search text (pure): split on spaces, at most maxSearchWords, each at most maxSearchWordLength. */
export function searchWords(q: string): string[] {
  return [...new Set(q.split(/\s+/).filter((w) => w.length > 0))].slice(0, maxSearchWords).map((w) => w.slice(0, maxSearchWordLength));
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The search condition (pure). Every word must appear, case-insensitive, in one of the fields:
 * literal regexes (escaped, bounded in number and length), the same on every server. Where the
 * collection has a text index (MongoDB), `$text` narrows the candidates first through it (so
 * there at least one word must also be a whole word, as the index sees words); the regexes
 * then only check those. Without one (FerretDB 1.24 has no text indexes) the regexes alone
 * decide, on a scan.
 */
export function searchCondition(q: string, fields: readonly string[], textIndex: boolean): Document | null {
  const words = searchWords(q);
  if (words.length === 0) return null;
  const all: Document[] = words.map((w) => ({ $or: fields.map((f) => ({ [f]: { $regex: escapeRegex(w), $options: 'i' } })) }));
  // Unquoted: the index hands over documents holding any of the words (whole words, stemmed);
  // the regexes then require all of them. Quotes would make phrases, whose semantics differ.
  if (textIndex) all.unshift({ $text: { $search: words.map((w) => w.replaceAll('"', '')).join(' ') } });
  return all.length === 1 ? all[0]! : { $and: all };
}

export const articleSearchFields = ['title', 'body'] as const;
export const eventSearchFields = ['event.evidence.text', 'event.company', 'firm'] as const;

/** Text indexes, where the server has them: created apart, as one failing must not stop the others. */
export const articleTextIndex: IndexDeclaration = {
  key: { title: 'text', body: 'text' },
  options: { name: 'search_text', weights: { title: 3, body: 1 }, default_language: 'english' },
  serves: 'GET /v1/articles?q= (MongoDB; FerretDB scans with regexes)',
};
export const eventTextIndex: IndexDeclaration = {
  key: { 'event.evidence.text': 'text', 'event.company': 'text', firm: 'text' },
  options: { name: 'search_text', default_language: 'english' },
  serves: 'GET /v1/events?q= (MongoDB; FerretDB scans with regexes)',
};

export const feedTimeFields = ['publishedAt', 'firstSeenAt'] as const;
export type FeedTimeField = (typeof feedTimeFields)[number];

/**
 * A keyset position: feeds are ordered by (order field, _id), newest first. `at` is the last
 * item's value of the order field (null: an item without a publication time).
 */
export interface FeedPosition {
  order: FeedTimeField;
  at: Date | null;
  id: string;
}

export interface FeedPage<T> {
  items: T[];
  /** Where the next page starts (exclusive), or null when nothing older matches. */
  next: FeedPosition | null;
}

const articleProjection = articlePageProjection;

/**
 * An article document as stored (the contract's fields, `_id` for the id). `novelReports`: how
 * many of its reports were the first of their fact (the feeds' `novel=true`); absent on stories
 * stored without the count.
 */
export type StoredArticle = Omit<Article, 'id'> & { _id: string; novelReports?: number };

// Extra indexes for the feeds; articles.ts and events.ts declare the (firstSeenAt, _id) ones
// every feed page walks.
export const feedArticleIndexes: readonly IndexDeclaration[] = [
  { key: { 'analysis.tickers': 1, firstSeenAt: -1 }, options: { name: 'feed_tickers_firstSeenAt' }, serves: 'GET /v1/articles?tickers=, ticker page sentiment buckets' },
  { key: { 'analysis.tags': 1, firstSeenAt: -1 }, options: { name: 'feed_tags_firstSeenAt' }, serves: 'GET /v1/articles?tags=' },
  { key: { publishedAt: -1 }, options: { name: 'feed_publishedAt' }, serves: 'GET /v1/articles?timeField=publishedAt time ranges' },
  { key: { publishedAt: -1, _id: -1 }, options: { name: 'feed_publishedAt_id' }, serves: 'GET /v1/articles in publication order (the default) and its cursor' },
  { key: { 'analysis.tickerSentiment.ticker': 1, publishedAt: -1 }, options: { name: 'feed_tickerSentiment_publishedAt' }, serves: "GET /v1/articles?tickers=&sentiment= (minAbsScore, minRelevance): the tickers' own readings" },
  { key: { 'analysis.tickers': 1, publishedAt: -1 }, options: { name: 'feed_tickers_publishedAt' }, serves: 'GET /v1/articles?tickers= in publication order; ticker page sentiment buckets' },
  { key: { 'sources.sourceId': 1, firstSeenAt: -1 }, options: { name: 'feed_sources_firstSeenAt' }, serves: 'GET /v1/articles?sources=' },
  { key: { novelReports: 1, firstSeenAt: -1 }, options: { name: 'feed_novel_firstSeenAt' }, serves: 'GET /v1/articles?novel=false (no first report), novel=true' },
  { key: { repeatReports: 1, firstSeenAt: -1 }, options: { name: 'feed_repeat_firstSeenAt' }, serves: 'GET /v1/articles?novel=false (repeats), novel=true' },
];

export const feedEventIndexes: readonly IndexDeclaration[] = [
  { key: { tags: 1, firstSeenAt: -1 }, options: { name: 'feed_tags_firstSeenAt' }, serves: 'GET /v1/events?tags=' },
  { key: { reportSourceIds: 1, firstSeenAt: -1 }, options: { name: 'feed_reportSources_firstSeenAt' }, serves: 'GET /v1/events?sources=' },
  { key: { novelSourceIds: 1, firstSeenAt: -1 }, options: { name: 'feed_novelSources_firstSeenAt' }, serves: 'GET /v1/events?sources=&novel=true' },
  { key: { repeatSourceIds: 1, firstSeenAt: -1 }, options: { name: 'feed_repeatSources_firstSeenAt' }, serves: 'GET /v1/events?sources=&novel=false' },
  { key: { ticker: 1, type: 1, firstSeenAt: -1 }, options: { name: 'feed_ticker_type_firstSeenAt' }, serves: 'GET /v1/events?tickers=&types= in fetch order' },
  { key: { ticker: 1, type: 1, publishedAt: -1 }, options: { name: 'feed_ticker_type_publishedAt' }, serves: 'GET /v1/tickers/{ticker}: latest ratings and targets by publication time' },
  { key: { publishedAt: -1, _id: -1 }, options: { name: 'feed_publishedAt_id' }, serves: 'GET /v1/events in publication order (the default) and its cursor' },
  { key: { ticker: 1, publishedAt: -1 }, options: { name: 'feed_ticker_publishedAt' }, serves: 'GET /v1/tickers/{ticker}: recent events by publication time; /v1/events?tickers= in that order' },
];

/** When a person would place an item: its publication time, else when it was fetched. */
export function readingTime(doc: { publishedAt: Date | null; firstSeenAt: Date }): number {
  return (doc.publishedAt ?? doc.firstSeenAt).getTime();
}

const inList = (values: readonly string[]) => ({ $in: [...values] });

function absScoreCondition(field: string, min: number): Document {
  return { $or: [{ [field]: { $gte: min } }, { [field]: { $lte: -min } }] };
}

function timeCondition(filter: FeedFilter): Document | null {
  if (!filter.since && !filter.until) return null;
  const range: Document = {};
  if (filter.since) range.$gte = filter.since;
  if (filter.until) range.$lt = filter.until;
  return { [filter.timeField ?? 'firstSeenAt']: range };
}

/**
 * Strictly after the position in (field desc, _id desc) order. Null (no publication time)
 * sorts below every date, as MongoDB orders BSON types, so it comes after all of them.
 */
export function afterPosition(position: FeedPosition): Document {
  const field = position.order;
  if (position.at === null) return { [field]: null, _id: { $lt: position.id } };
  const rest: Document[] = [{ [field]: { $lt: position.at } }, { [field]: position.at, _id: { $lt: position.id } }];
  if (field === 'publishedAt') rest.push({ publishedAt: null });
  return { $or: rest };
}

/** The sort of a page in this order. */
export function newestFirst(order: FeedTimeField = 'firstSeenAt'): Record<string, -1> {
  return { [order]: -1, _id: -1 };
}

/** Where a page in this order ends: the last row's position. */
export function positionOf(order: FeedTimeField, doc: { _id: string; firstSeenAt: Date; publishedAt?: Date | null }): FeedPosition {
  return { order, at: order === 'firstSeenAt' ? doc.firstSeenAt : (doc.publishedAt ?? null), id: doc._id };
}

function and(conditions: Document[]): Document {
  return conditions.length === 0 ? {} : conditions.length === 1 ? conditions[0]! : { $and: conditions };
}

/**
 * The MongoDB filter of an events feed page (pure: unit-testable, and the one place it is
 * written). Sources and novelty are about reports: one report both of the wanted kind and
 * from one of the sources, answered from the source lists the ledger keeps on the event
 * (every report's, the novel one's, the repeats').
 */
export function eventsQuery(filter: FeedFilter, after?: FeedPosition, textIndex = false, reports: Document | null = embeddedReportCondition(filter.sources?.length ? filter.sources : null, filter.novel)): Document {
  const c: Document[] = [];
  const search = filter.q ? searchCondition(filter.q, eventSearchFields, textIndex) : null;
  if (search) c.push(search);
  if (filter.tickers?.length) c.push({ ticker: inList(filter.tickers) });
  if (filter.types?.length) c.push({ type: inList(filter.types) });
  if (filter.actions?.length) c.push({ action: inList(filter.actions) });
  if (filter.sentiment?.length) c.push({ sentimentLabel: inList(filter.sentiment) });
  if (filter.minAbsScore !== undefined && filter.minAbsScore > 0) c.push(absScoreCondition('sentimentScore', filter.minAbsScore));
  if (filter.tags?.length) c.push({ tags: inList(filter.tags) });
  if (filter.minRelevance !== undefined && filter.minRelevance > 0) c.push({ relevance: { $gte: filter.minRelevance } });
  if (reports) c.push(reports);
  const time = timeCondition(filter);
  if (time) c.push(time);
  if (after) c.push(afterPosition(after));
  return and(c);
}

/** The per-ticker conditions of a filter: with tickers, sentiment, score and relevance are those tickers' own. */
function perTickerConditions(filter: FeedFilter): { tickers: readonly string[]; sentiment: readonly string[] | null; minAbsScore: number | null; minRelevance: number | null } | null {
  if (!filter.tickers?.length) return null;
  const sentiment = filter.sentiment?.length ? filter.sentiment : null;
  const minAbsScore = filter.minAbsScore !== undefined && filter.minAbsScore > 0 ? filter.minAbsScore : null;
  const minRelevance = filter.minRelevance !== undefined && filter.minRelevance > 0 ? filter.minRelevance : null;
  if (!sentiment && minAbsScore === null && minRelevance === null) return null;
  return { tickers: filter.tickers, sentiment, minAbsScore, minRelevance };
}

/**
 * What articlesQuery leaves to be checked on the article: one of the tickers' own reading
 * meeting every per-ticker condition at once. Null when nothing is left (pure).
 */
export function articlesPostFilter(filter: FeedFilter): ((article: Pick<StoredArticle, 'analysis'>) => boolean) | null {
  const per = perTickerConditions(filter);
  if (!per) return null;
  return (article) => {
    const readings = article.analysis?.tickerSentiment ?? [];
    // Stored without per-ticker readings: the query judged it by its own sentiment.
    if (readings.length === 0) return per.minRelevance === null;
    return readings.some(
      (r) =>
        per.tickers.includes(r.ticker) &&
        (!per.sentiment || per.sentiment.includes(r.label)) &&
        (per.minAbsScore === null || Math.abs(r.score) >= per.minAbsScore) &&
        (per.minRelevance === null || r.relevance >= per.minRelevance),
    );
  };
}

/**
 * A story that only repeats: it reports facts, and every one was first reported by an earlier
 * story. Every other story is novel (it first reported a fact, or reports none: the story
 * itself is new), so `novel=true` and `novel=false` split the articles, sharing none.
 */
const repeatingStory: Document = { novelReports: 0, repeatReports: { $gt: 0 } };
const novelStory: Document = { $or: [{ novelReports: { $gt: 0 } }, { repeatReports: 0 }, { repeatReports: { $exists: false } }] };

/**
 * The MongoDB filter of an articles feed page. Sources are the story's (every source that
 * carried it); novelty is from what the ledger counted of the story's reports (first of
 * their fact, or repeats): see repeatingStory.
 */
export function articlesQuery(filter: FeedFilter, after?: FeedPosition, textIndex = false, sources: Document | null = filter.sources?.length ? { 'sources.sourceId': inList(filter.sources) } : null): Document {
  const c: Document[] = [];
  const search = filter.q ? searchCondition(filter.q, articleSearchFields, textIndex) : null;
  if (search) c.push(search);
  if (filter.tickers?.length) c.push({ 'analysis.tickers': inList(filter.tickers) });
  if (filter.types?.length) c.push({ 'analysis.events.type': inList(filter.types) });
  if (filter.actions?.length) {
    c.push({ $or: [{ 'analysis.events.action': inList(filter.actions) }, { 'analysis.events.direction': inList(filter.actions) }] });
  }
  const minScore = filter.minAbsScore !== undefined && filter.minAbsScore > 0 ? filter.minAbsScore : null;
  const minRelevance = filter.minRelevance !== undefined && filter.minRelevance > 0 ? filter.minRelevance : null;
  const articleLevel: Document[] = [];
  if (filter.sentiment?.length) articleLevel.push({ 'analysis.sentiment.label': inList(filter.sentiment) });
  if (minScore !== null) articleLevel.push(absScoreCondition('analysis.sentiment.score', minScore));
  const perTicker = perTickerConditions(filter);
  if (perTicker) {
    // Field by field (MongoDB multikey indexes serve it; FerretDB 1.24 has no $elemMatch on
    // documents): a candidate may meet each condition through a different ticker, so
    // articlesPostFilter checks that one reading meets them all.
    const coarse: Document = { 'analysis.tickerSentiment.ticker': inList(perTicker.tickers) };
    if (perTicker.sentiment) coarse['analysis.tickerSentiment.label'] = inList(perTicker.sentiment);
    if (perTicker.minRelevance !== null) coarse['analysis.tickerSentiment.relevance'] = { $gte: perTicker.minRelevance };
    const readings: Document[] = [coarse];
    if (perTicker.minAbsScore !== null) readings.push(absScoreCondition('analysis.tickerSentiment.score', perTicker.minAbsScore));
    const own = readings.length === 1 ? readings[0]! : { $and: readings };
    // An article stored without per-ticker readings is judged by its own sentiment (it has no relevance).
    c.push(
      minRelevance !== null
        ? own
        : { $or: [own, { $and: [{ $or: [{ 'analysis.tickerSentiment': { $exists: false } }, { 'analysis.tickerSentiment': { $size: 0 } }] }, ...articleLevel] }] },
    );
  } else {
    c.push(...articleLevel);
    if (minRelevance !== null) c.push({ 'analysis.tickerSentiment.relevance': { $gte: minRelevance } });
  }
  if (filter.tags?.length) c.push({ 'analysis.tags': inList(filter.tags) });
  if (sources) c.push(sources);
  if (filter.novel !== undefined) c.push(filter.novel ? novelStory : repeatingStory);
  const time = timeCondition(filter);
  if (time) c.push(time);
  if (after) c.push(afterPosition(after));
  return and(c);
}


/**
 * Whether an articles filter has no condition but its order and a time range (pure): the pages
 * a view keeping the stories' order answers (LedgerView.storyPage).
 */
export function onlyOrderAndTime(filter: FeedFilter): boolean {
  const lists = [filter.tickers, filter.types, filter.actions, filter.sentiment, filter.sources, filter.tags];
  return (
    lists.every((l) => !l?.length) &&
    !(filter.minAbsScore !== undefined && filter.minAbsScore > 0) &&
    !(filter.minRelevance !== undefined && filter.minRelevance > 0) &&
    filter.novel === undefined &&
    (filter.q === undefined || searchWords(filter.q).length === 0)
  );
}

/**
 * One keyset page. Without `keep` it is one query of limit + 1 rows. With it (the per-ticker
 * readings of articlesPostFilter), candidates are read in batches until the page is full or
 * nothing older matches, so no page comes back short; the cursor is the last row read.
 */
async function scanPages<T extends { _id: string; firstSeenAt: Date; publishedAt?: Date | null }>(
  query: (position?: FeedPosition) => FindCursor<T>,
  order: FeedTimeField,
  limit: number,
  after: FeedPosition | undefined,
  keep: ((docs: T[]) => Set<string>) | null,
): Promise<FeedPage<T>> {
  if (!keep) {
    const docs = await query(after).limit(limit + 1).toArray();
    const items = docs.slice(0, limit);
    const last = items.at(-1);
    return { items, next: docs.length > limit && last ? positionOf(order, last) : null };
  }
  const items: T[] = [];
  let position = after;
  const batch = Math.min(Math.max(limit * 2, 50), 500);
  for (;;) {
    const docs = await query(position).limit(batch).toArray();
    if (docs.length === 0) return { items, next: null };
    const kept = keep(docs);
    for (const doc of docs) {
      position = positionOf(order, doc);
      if (kept.has(doc._id)) items.push(doc);
      if (items.length === limit) {
        // Full: is there anything older at all? (The next page says whether it matches.)
        return { items, next: doc === docs.at(-1) && docs.length < batch ? null : position };
      }
    }
    if (docs.length < batch) return { items, next: null };
  }
}

/** Read-only queries behind the API's feeds and ticker pages. Every event and article comes with all its reports and sources. */
export class FeedQueries {
  readonly articles: Collection<StoredArticle>;
  readonly events: Collection<StoredEvent>;
  /** How the ledger's stories and events are read on this server (ledger.ts). */
  readonly #view: LedgerView;

  constructor(db: Db, view: LedgerView = ledgerView(db)) {
    this.articles = db.collection<StoredArticle>('articles');
    this.events = db.collection<StoredEvent>('events');
    this.#view = view;
  }

  /** Which collections have a text index (q= narrows through it); none until ensureIndexes found or made one. */
  readonly textIndexes = { articles: false, events: false };

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.articles, feedArticleIndexes);
    await ensureIndexes(this.events, feedEventIndexes);
    this.textIndexes.articles = await this.#ensureTextIndex(this.articles, articleTextIndex);
    this.textIndexes.events = await this.#ensureTextIndex(this.events, eventTextIndex);
  }

  /** Creates a text index if the server has them; false (search by regexes alone) if it does not. */
  async #ensureTextIndex<T extends Document>(collection: Collection<T>, index: IndexDeclaration): Promise<boolean> {
    try {
      await ensureIndexes(collection, [index]);
      const made = await collection.listIndexes().toArray();
      return made.some((i) => i.name === index.options.name && Object.values(i.key ?? {}).includes('text'));
    } catch {
      return false;
    }
  }

  /** A find that, should the server refuse `$text` after all, gives up the text index and runs again on regexes. */
  async #withTextFallback<T>(kind: 'articles' | 'events', run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (!this.textIndexes[kind] || !/text/i.test(String((error as Error).message))) throw error;
      this.textIndexes[kind] = false;
      return run();
    }
  }

  async eventsPage(filter: FeedFilter, limit: number, after?: FeedPosition): Promise<FeedPage<StoredEvent>> {
    const order = filter.order ?? 'firstSeenAt';
    const reports = await this.#view.eventReportCondition(filter.sources?.length ? filter.sources : null, filter.novel);
    const query = (position?: FeedPosition) => this.events.find(eventsQuery(filter, position, this.textIndexes.events, reports) as Filter<StoredEvent>).sort(newestFirst(order));
    return this.#withTextFallback('events', () => this.#eventsPage(query, filter, limit, after));
  }

  async #eventsPage(query: (position?: FeedPosition) => FindCursor<StoredEvent>, filter: FeedFilter, limit: number, after?: FeedPosition): Promise<FeedPage<StoredEvent>> {
    const page = await scanPages(query, filter.order ?? 'firstSeenAt', limit, after, null);
    return { ...page, items: await this.#view.withReports(page.items) };
  }

  async articlesPage(filter: FeedFilter, limit: number, after?: FeedPosition): Promise<FeedPage<StoredArticle>> {
    const order = filter.order ?? 'firstSeenAt';
    if (onlyOrderAndTime(filter) && (!after || after.order === order) && this.#view.storyPage) {
      // Where the view keeps the stories' order (the development server): no sorted query.
      const range = filter.since || filter.until ? { field: filter.timeField ?? 'firstSeenAt', since: filter.since, until: filter.until } : undefined;
      const page = await this.#view.storyPage({ order, after, range }, limit);
      if (page) return { ...page, items: await this.#view.withSources(page.items) };
    }
    const sources = filter.sources?.length ? await this.#view.storySourceCondition(filter.sources) : null;
    const query = (position?: FeedPosition) =>
      this.articles.find(articlesQuery(filter, position, this.textIndexes.articles, sources) as Filter<StoredArticle>, { projection: articleProjection }).sort(newestFirst(order));
    return this.#withTextFallback('articles', () => this.#articlesPage(query, filter, limit, after));
  }

  async #articlesPage(query: (position?: FeedPosition) => FindCursor<StoredArticle>, filter: FeedFilter, limit: number, after?: FeedPosition): Promise<FeedPage<StoredArticle>> {
    const exact = articlesPostFilter(filter);
    const page = await scanPages(query, filter.order ?? 'firstSeenAt', limit, after, exact ? (docs) => new Set(docs.filter(exact).map((d) => d._id)) : null);
    return { ...page, items: await this.#view.withSources(page.items) };
  }

  /** Builds what the view keeps for the feeds (the development server's feed order), ahead of the first page. */
  async warm(): Promise<void> {
    await this.#view.prepare?.();
  }

  /** Stops what the view runs for the feeds in the background. */
  close(): void {
    this.#view.close?.();
  }

  /** One article with every source, or null. */
  async articleById(id: string): Promise<StoredArticle | null> {
    const doc = await this.articles.findOne({ _id: id }, { projection: articleProjection });
    return doc ? (await this.#view.withSources([doc]))[0]! : null;
  }

  /** One event with every report, or null. */
  async eventById(id: string): Promise<StoredEvent | null> {
    const doc = await this.events.findOne({ _id: id });
    return doc ? (await this.#view.withReports([doc]))[0]! : null;
  }

  /** Title and link of each article, for rendering events as feed entries. */
  async articleLinks(articleIds: readonly string[]): Promise<Map<string, { url: string; title: string }>> {
    if (articleIds.length === 0) return new Map();
    const docs = await this.articles.find({ _id: { $in: [...new Set(articleIds)] } }, { projection: { url: 1, title: 1 } }).toArray();
    return new Map(docs.map((d) => [d._id, { url: d.url, title: d.title }]));
  }

  /**
   * The newest events of one ticker and type (latest ratings, latest targets), newest first
   * by publication time (the fetch time for an event without one): a note published in
   * February never outranks one from March fetched earlier.
   */
  async latestOfTicker(ticker: string, type: StoredEvent['type'] | null, limit: number): Promise<StoredEvent[]> {
    const query: Filter<StoredEvent> = type ? { ticker, type } : { ticker };
    const docs = await this.events.find(query).sort(newestFirst('publishedAt')).limit(limit).toArray();
    return this.#view.withReports(docs.sort((a, b) => readingTime(b) - readingTime(a) || (a._id < b._id ? 1 : -1)));
  }

  /**
   * Sentiment of one ticker in the articles published since a time (fetched since then, for
   * an article without a publication time): per-ticker reading where there is one, at the
   * time a reader would place it.
   */
  async tickerSentimentSamples(ticker: string, since: Date, limit: number): Promise<{ at: Date; label: SentimentLabel; score: number }[]> {
    const docs = await this.articles
      .find(
        { 'analysis.tickers': ticker, $or: [{ publishedAt: { $gte: since } }, { publishedAt: null, firstSeenAt: { $gte: since } }] },
        { projection: { publishedAt: 1, firstSeenAt: 1, 'analysis.sentiment': 1, 'analysis.tickerSentiment': 1 } },
      )
      .sort(newestFirst('publishedAt'))
      .limit(limit)
      .toArray();
    const samples: { at: Date; label: SentimentLabel; score: number }[] = [];
    for (const doc of docs) {
      const reading = doc.analysis?.tickerSentiment?.find((t) => t.ticker === ticker) ?? doc.analysis?.sentiment;
      if (reading) samples.push({ at: doc.publishedAt ?? doc.firstSeenAt, label: reading.label, score: reading.score });
    }
    return samples;
  }
}
