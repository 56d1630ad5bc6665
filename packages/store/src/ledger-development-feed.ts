import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';
import { articlePageProjection } from './articles.ts';
import type { LedgerCoordination } from './ledger.ts';
import type { FeedPage, FeedPosition, FeedTimeField, StoredArticle } from './feed-queries.ts';

/**
 * The development server's stand-in for the articles' (publishedAt, _id) and (firstSeenAt, _id)
 * indexes, held by a reader (the API). FerretDB 1.24 decodes every document of the collection
 * for any sort (a feed page of 25 costs 0.3–1.1 s at 5,000 stories), and even a find by `_id`
 * walks the table in insertion order (≈ 15 ms for a story stored last among 5,000, and finds in
 * parallel queue behind each other). So the reader keeps every story's place in both orders in
 * memory — its id, publication and fetch time — and the documents of the recent stories as a
 * feed page shows them (`maxDocuments`, FIFO); a page is a walk of the list, its documents
 * from memory, any other read by `_id`.
 *
 * Never stale: it is built by one scan (after noting where the ledger's batch list in Redis
 * stands), then kept from that list, where every writer announces each story a batch wrote
 * (ledger.ts `remember`: its id, publishedAt and firstSeenAt; a richer copy's new text and
 * publication time too). Before each page it reads what was announced since (one Redis read):
 * each story announced takes its new place and its document is read again when a page needs
 * it. Too far behind (the list was trimmed past it), it is built again. A document read while
 * a batch announced a change of it is not kept. What a page reads is checked against the
 * place held (a story gone, or placed elsewhere, is corrected and the page walked again).
 * A light timer keeps it a live reader of the list (so the list is not trimmed past it while
 * idle), and compares what it holds with the collection's count (collStats) a tick apart:
 * stories written or removed without an announcement (a script, not a ledger) build it again.
 *
 * Used only where it answers exactly what the query would: the articles feed under no
 * condition but its order and a time range (FeedQueries.articlesPage); every other filter is a
 * query. MongoDB answers from its indexes and never builds this (ledger-open.ts).
 */
export class StoryFeedOrder {
  readonly #collection: Collection<StoredArticle>;
  readonly #coordination: LedgerCoordination;
  readonly #reader = `feed-order-${randomUUID()}`;
  readonly #tickMs: number;
  readonly #maxDocuments: number;
  readonly #entries = new Map<string, StoryPlace>();
  #lists: Record<FeedTimeField, StoryPlace[]> = { publishedAt: [], firstSeenAt: [] };
  /** Documents of recent stories, as a page projects them (oldest kept first out). */
  readonly #documents = new Map<string, StoredArticle>();
  /** Counts changes (catch-ups, builds): a document read before a change of its story is not kept. */
  #changes = 0;
  readonly #changedAt = new Map<string, number>();
  #builtAt = 0;
  /** Where the batch list was read up to; null until built. */
  #last: string | null = null;
  #serial: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout | null = null;
  /** The collection's count, and how many stories it held, at the last tick (see #tick). */
  #lastTick: { counted: number | null; held: number } | null = null;
  /** How many times it was built, and how many stories it read by id (tests, the bench). */
  builds = 0;
  reads = 0;

  constructor(collection: Collection<StoredArticle>, coordination: LedgerCoordination, options: { tickMs?: number; maxDocuments?: number } = {}) {
    this.#collection = collection;
    this.#coordination = coordination;
    // Well within the batch list's 60 s reader lifetime (key-leases.ts).
    this.#tickMs = options.tickMs ?? 15_000;
    this.#maxDocuments = options.maxDocuments ?? 4000;
  }

  /** Builds it now, if it is not (the API calls this at start, in the background). */
  prepare(): Promise<void> {
    return this.#run(() => this.#catchUp());
  }

  /** Stops the timer (the API closing). A later page builds or catches up as needed. */
  close(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /**
   * The page of stories after `after` in `order`, newest first, within the range if given, as
   * the sorted query would return it (projected as articlePageProjection). Null when the
   * stories kept moving while it read them (three walks): the caller queries.
   */
  async page(request: StoryPageRequest, limit: number): Promise<FeedPage<StoredArticle> | null> {
    await this.#run(() => this.#catchUp());
    for (let attempt = 0; attempt < 3; attempt++) {
      const places = pageOf(this.#lists[request.order], request, limit + 1);
      const docs = await Promise.all(places.map((p) => this.#document(p.id)));
      // What the page read must be where it was held: else the list learns it and walks again.
      const wrong = places.flatMap((p, i) => {
        const doc = docs[i];
        return doc && samePlace(p, placeOf(doc)) ? [] : [{ id: p.id, doc }];
      });
      if (wrong.length === 0) {
        // Copies: what the caller does with a page never reaches what is kept.
        const items = (docs as StoredArticle[]).slice(0, limit).map((d) => structuredClone(d));
        const last = items.at(-1);
        return { items, next: docs.length > limit && last ? { order: request.order, at: request.order === 'firstSeenAt' ? last.firstSeenAt : (last.publishedAt ?? null), id: last._id } : null };
      }
      this.#forget(wrong.map((w) => w.id));
      this.#keep(wrong.flatMap(({ doc }) => (doc ? [placeOf(doc)] : [])), wrong.flatMap(({ id, doc }) => (doc ? [] : [id])));
    }
    return null;
  }

  /** How many stories it holds (tests). */
  get size(): number {
    return this.#entries.size;
  }

  /** One at a time: a build, a catch-up and the timer's tick never interleave. */
  #run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#serial.then(work);
    this.#serial = next.catch(() => {});
    return next;
  }

  /** A story as a page shows it: kept, or read by id (and kept unless a change came meanwhile). */
  async #document(id: string): Promise<StoredArticle | null> {
    const kept = this.#documents.get(id);
    if (kept) return kept;
    const readAt = this.#changes;
    this.reads += 1;
    const doc = await this.#collection.findOne({ _id: id }, { projection: articlePageProjection });
    if (doc && this.#builtAt <= readAt && (this.#changedAt.get(id) ?? 0) <= readAt) this.#keepDocument(doc);
    return doc;
  }

  #keepDocument(doc: StoredArticle): void {
    this.#documents.delete(doc._id);
    this.#documents.set(doc._id, doc);
    if (this.#documents.size > this.#maxDocuments) this.#documents.delete(this.#documents.keys().next().value!);
  }

  /** Stories changed: their kept documents go, and a read begun before now is not kept. */
  #forget(ids: readonly string[]): void {
    if (ids.length === 0) return;
    this.#changes += 1;
    for (const id of ids) {
      this.#documents.delete(id);
      this.#changedAt.set(id, this.#changes);
    }
  }

  async #catchUp(): Promise<void> {
    if (this.#last === null) return this.#build();
    const { batches, last, gap } = await this.#coordination.batchesSince(this.#reader, this.#last);
    if (gap) return this.#build();
    const places: StoryPlace[] = [];
    const unsaid: string[] = [];
    for (const b of batches) {
      if (b.data === null) unsaid.push(b.batch);
      else places.push(...placesAnnounced(b.data));
    }
    // A writer of an older version announced a batch without what it wrote: read its stories.
    if (unsaid.length > 0) places.push(...(await this.#collection.find({ recordedBy: { $in: unsaid } } as never, { projection: { publishedAt: 1, firstSeenAt: 1 } }).toArray()).map(placeOf));
    this.#forget(places.map((p) => p.id));
    this.#keep(places, []);
    this.#last = last;
  }

  async #build(): Promise<void> {
    let { last } = await this.#coordination.batchesSince(this.#reader, null);
    if (last === '0-0') {
      // An empty list: a position in it of our own, so a trim past us shows as a gap.
      await this.#coordination.announceBatch(this.#reader, `mark-${randomUUID()}`, JSON.stringify({ stories: [], facts: [] }));
      ({ last } = await this.#coordination.batchesSince(this.#reader, null));
    }
    this.#changes += 1;
    this.#builtAt = this.#changes;
    // Everything announced up to `last` was written before this scan: the scan has it.
    const docs = await this.#collection.find({}, { projection: articlePageProjection }).toArray();
    this.#entries.clear();
    this.#documents.clear();
    this.#changedAt.clear();
    for (const doc of docs) {
      const place = placeOf(doc);
      this.#entries.set(place.id, place);
    }
    this.#sortAll();
    // The newest of each order, which the first pages show, oldest first (the first to go).
    const byId = new Map(docs.map((d) => [d._id, d]));
    const recent = new Set([...this.#lists.publishedAt.slice(0, this.#maxDocuments / 2), ...this.#lists.firstSeenAt.slice(0, this.#maxDocuments / 2)].map((p) => p.id).reverse());
    for (const id of recent) this.#keepDocument(byId.get(id)!);
    this.#last = last;
    this.#lastTick = null;
    this.builds += 1;
    this.#timer ??= setInterval(() => void this.#run(() => this.#tick()).catch(() => {}), this.#tickMs).unref();
    await this.#catchUp();
  }

  /**
   * Keeps reading the list (a live reader holds its entries), and compares what it holds with
   * the collection's count a tick apart: a story counted a tick ago and still not held was
   * written without an announcement; a story held a tick ago and no longer counted was removed
   * (no ledger removes one). Either: build again.
   */
  async #tick(): Promise<void> {
    const stats = await this.#collection.db.command({ collStats: this.#collection.collectionName }).catch(() => null);
    const counted = typeof stats?.count === 'number' ? stats.count : null;
    await this.#catchUp();
    const before = this.#lastTick;
    this.#lastTick = { counted, held: this.#entries.size };
    const unannounced = before?.counted != null && this.#entries.size < before.counted;
    const removed = before !== null && counted !== null && counted < before.held;
    if (unannounced || removed) {
      this.#last = null;
      await this.#build();
    }
  }

  /** Stories placed (new, or moved), and stories gone. */
  #keep(places: readonly StoryPlace[], gone: readonly string[]): void {
    const changed = places.filter((p) => {
      const held = this.#entries.get(p.id);
      return !held || !samePlace(held, p);
    });
    if (changed.length === 0 && gone.every((id) => !this.#entries.has(id))) return;
    // Many at once (a large batch): sort again; a few: move each.
    if (changed.length + gone.length > 64) {
      for (const id of gone) this.#entries.delete(id);
      for (const p of changed) this.#entries.set(p.id, p);
      this.#sortAll();
      return;
    }
    for (const id of [...gone, ...changed.map((p) => p.id)]) {
      const held = this.#entries.get(id);
      if (!held) continue;
      this.#entries.delete(id);
      for (const order of orders) removeFrom(this.#lists[order], held, order);
    }
    for (const p of changed) {
      this.#entries.set(p.id, p);
      for (const order of orders) insertInto(this.#lists[order], p, order);
    }
  }

  #sortAll(): void {
    const all = [...this.#entries.values()];
    this.#lists = { publishedAt: all.toSorted(byOrder('publishedAt')), firstSeenAt: all.toSorted(byOrder('firstSeenAt')) };
  }
}

const orders: readonly FeedTimeField[] = ['publishedAt', 'firstSeenAt'];

/** A story's place in both orders: times in ms, null for no publication time. */
export interface StoryPlace {
  id: string;
  publishedAt: number | null;
  firstSeenAt: number;
}

/** A page in one order, after a position, within a time range on either field. */
export interface StoryPageRequest {
  order: FeedTimeField;
  after?: FeedPosition | undefined;
  range?: { field: FeedTimeField; since?: Date | undefined; until?: Date | undefined } | undefined;
}

function placeOf(doc: { _id: unknown; publishedAt?: unknown; firstSeenAt?: unknown }): StoryPlace {
  return { id: String(doc._id), publishedAt: doc.publishedAt instanceof Date ? doc.publishedAt.getTime() : null, firstSeenAt: doc.firstSeenAt instanceof Date ? doc.firstSeenAt.getTime() : Number.NaN };
}

function samePlace(a: StoryPlace, b: StoryPlace): boolean {
  return a.id === b.id && a.publishedAt === b.publishedAt && a.firstSeenAt === b.firstSeenAt;
}

/** The stories a batch announced (ledger.ts `remember`: JSON of its stories and facts). */
function placesAnnounced(data: string): StoryPlace[] {
  const written = JSON.parse(data) as { stories?: { _id: string; publishedAt: string | null; firstSeenAt: string }[] };
  return (written.stories ?? []).map((s) => ({ id: s._id, publishedAt: s.publishedAt === null ? null : Date.parse(s.publishedAt), firstSeenAt: Date.parse(s.firstSeenAt) }));
}

/**
 * MongoDB's order of `_id` strings: by UTF-8 bytes, which is by code point. JavaScript compares
 * UTF-16 units, which differs only where a surrogate pair meets U+E000–U+FFFF; those are moved.
 */
export function compareIds(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800) x += x >= 0xe000 ? -0x800 : 0x2000;
    if (y >= 0xd800) y += y >= 0xe000 ? -0x800 : 0x2000;
    return x - y;
  }
  return a.length - b.length;
}

/** The value a place sorts by in an order: no publication time sorts below every date (as BSON null does). */
function keyOf(place: Pick<StoryPlace, FeedTimeField>, order: FeedTimeField): number {
  return place[order] ?? Number.NEGATIVE_INFINITY;
}

/** Newest first: by the order's time, then by `_id`, both descending (newestFirst in feed-queries.ts). */
function byOrder(order: FeedTimeField): (a: StoryPlace, b: StoryPlace) => number {
  return (a, b) => {
    const ka = keyOf(a, order);
    const kb = keyOf(b, order);
    return ka !== kb ? (kb > ka ? 1 : -1) : compareIds(b.id, a.id);
  };
}

/** The first index whose place comes after `place` (or is it) in the list's order. */
function firstNotBefore(list: readonly StoryPlace[], place: StoryPlace, order: FeedTimeField): number {
  const compare = byOrder(order);
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(list[mid]!, place) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertInto(list: StoryPlace[], place: StoryPlace, order: FeedTimeField): void {
  list.splice(firstNotBefore(list, place, order), 0, place);
}

function removeFrom(list: StoryPlace[], place: StoryPlace, order: FeedTimeField): void {
  const i = firstNotBefore(list, place, order);
  if (list[i]?.id === place.id) list.splice(i, 1);
}

/**
 * The places of a page (pure): up to `count` after the position, in the list's order (newest
 * first), within the range. The range matches as the query's would: a time within
 * [since, until), never a missing publication time.
 */
export function pageOf(list: readonly StoryPlace[], request: StoryPageRequest, count: number): StoryPlace[] {
  const { order, after, range } = request;
  let i = 0;
  if (after) {
    const at: StoryPlace = { id: after.id, publishedAt: null, firstSeenAt: Number.NaN, [order]: after.at === null ? null : after.at.getTime() };
    i = firstNotBefore(list, at, order);
    if (list[i]?.id === after.id && keyOf(list[i]!, order) === keyOf(at, order)) i += 1;
  }
  const since = range?.since?.getTime();
  const until = range?.until?.getTime();
  if (range && range.field === order && until !== undefined) {
    // Skip what is newer than the range at once.
    i = Math.max(i, firstNotBefore(list, { id: '', publishedAt: null, firstSeenAt: Number.NaN, [order]: until }, order));
  }
  const page: StoryPlace[] = [];
  for (; i < list.length && page.length < count; i++) {
    const place = list[i]!;
    if (range) {
      const value = place[range.field];
      if (value === null || (since !== undefined && value < since) || (until !== undefined && value >= until)) {
        // Ordered by the range's field: nothing older can be within it.
        if (range.field === order && (value === null || (since !== undefined && value < since))) break;
        continue;
      }
    }
    page.push(place);
  }
  return page;
}
