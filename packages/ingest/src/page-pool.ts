import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { FeedError, PageError } from './errors.ts';
import type { FeedItem } from './feed-types.ts';
import type { ExtractedPage } from './page-extract.ts';
import type { PageJob, PageJobResult } from './page-worker.ts';

/**
 * Page extraction off the event loop. Hostile HTML can cost seconds of CPU and a lot of heap
 * (a 23 MB page: ~10 s and ~1 GB in cheerio), so each page is parsed in a worker thread with a
 * size cap before it is sent, a time limit after which the worker is terminated (and replaced),
 * and a heap limit that kills only that worker.
 */

export interface PagePoolOptions {
  /** Worker threads; defaults to the number of cores minus one (at least one). */
  size?: number;
  /** Pages larger than this (UTF-16 code units, roughly bytes for HTML) are refused unparsed. */
  maxHtmlChars?: number;
  /** Time limit for one page; the worker is terminated when it passes. */
  timeoutMs?: number;
  /** Heap limit per worker (MiB); a page that needs more crashes only its worker. */
  maxHeapMb?: number;
}

interface Task {
  job: PageJob;
  resolve: (result: PageJobResult & { ok: true }) => void;
  reject: (error: PageError | FeedError) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

const workerUrl = new URL('./page-worker.ts', import.meta.url);

export class PagePool {
  readonly #size: number;
  readonly #maxHtmlChars: number;
  readonly #timeoutMs: number;
  readonly #maxHeapMb: number;
  readonly #slots: Slot[] = [];
  readonly #queue: Task[] = [];
  #nextId = 1;
  #closed = false;

  constructor(options: PagePoolOptions = {}) {
    this.#size = Math.max(1, options.size ?? availableParallelism() - 1);
    this.#maxHtmlChars = options.maxHtmlChars ?? 5 * 1024 * 1024;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#maxHeapMb = options.maxHeapMb ?? 512;
  }

  /** Extract a page in a worker. Rejects with PageError ('too-large', 'timeout', 'worker-crashed', 'extract-failed'). */
  extract(html: string, url: string): Promise<ExtractedPage> {
    if (this.#closed) return Promise.reject(new PageError('worker-crashed', 'page pool is closed'));
    if (html.length > this.#maxHtmlChars) {
      return Promise.reject(new PageError('too-large', `page of ${html.length} characters exceeds the ${this.#maxHtmlChars} limit`));
    }
    return this.#run({ id: this.#nextId++, kind: 'page', html, url }).then((result) => ('page' in result ? result.page : Promise.reject(new PageError('extract-failed', 'no page in the reply'))));
  }

  /**
   * Parse a feed in a worker (a 100,000-entry feed takes seconds of CPU), returning its first
   * `maxItems` entries. Rejects with FeedError as parseFeedBytes would, or PageError
   * ('timeout', 'worker-crashed') when the worker could not finish.
   */
  parseFeed(bytes: Uint8Array, contentType: string | null, baseUrl: string, maxItems: number): Promise<FeedItem[]> {
    if (this.#closed) return Promise.reject(new PageError('worker-crashed', 'page pool is closed'));
    return this.#run({ id: this.#nextId++, kind: 'feed', bytes, contentType, baseUrl, maxItems }).then((result) => ('items' in result ? result.items : Promise.reject(new FeedError('malformed-feed', 'no items in the reply'))));
  }

  #run(job: PageJob): Promise<PageJobResult & { ok: true }> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ job, resolve, reject });
      this.#dispatch();
    });
  }

  /** Stop all workers; queued and running pages are rejected. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.#queue.splice(0)) task.reject(new PageError('worker-crashed', 'page pool closed'));
    await Promise.all(
      this.#slots.splice(0).map((slot) => {
        if (slot.timer) clearTimeout(slot.timer);
        slot.task?.reject(new PageError('worker-crashed', 'page pool closed'));
        slot.task = null;
        return slot.worker.terminate();
      }),
    );
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      let slot = this.#slots.find((s) => s.task === null);
      if (!slot && this.#slots.length < this.#size) slot = this.#spawn();
      if (!slot) return;
      const task = this.#queue.shift()!;
      slot.task = task;
      slot.timer = setTimeout(() => this.#fail(slot!, new PageError('timeout', `${task.job.kind === 'feed' ? 'parsing the feed' : 'extraction'} took longer than ${this.#timeoutMs} ms`)), this.#timeoutMs);
      slot.worker.ref();
      slot.worker.postMessage(task.job);
    }
  }

  #spawn(): Slot {
    const worker = new Worker(workerUrl, { resourceLimits: { maxOldGenerationSizeMb: this.#maxHeapMb } });
    // An idle pool must not keep the process alive; a busy worker does (ref'd while it has a page).
    worker.unref();
    const slot: Slot = { worker, task: null, timer: null };
    worker.on('message', (reply: PageJobResult) => {
      const task = slot.task;
      if (!task || task.job.id !== reply.id) return;
      if (slot.timer) clearTimeout(slot.timer);
      slot.task = null;
      slot.timer = null;
      worker.unref();
      if (reply.ok) task.resolve(reply);
      else task.reject(reply.feedKind ? new FeedError(reply.feedKind, reply.message) : new PageError('extract-failed', reply.message));
      this.#dispatch();
    });
    worker.on('error', (error) => this.#fail(slot, new PageError('worker-crashed', `page worker died: ${error.message}`)));
    worker.on('exit', () => {
      if (this.#slots.includes(slot)) this.#fail(slot, new PageError('worker-crashed', 'page worker exited'));
    });
    this.#slots.push(slot);
    return slot;
  }

  /** Reject the slot's page, kill its worker and let a fresh one take the next page. */
  #fail(slot: Slot, error: PageError): void {
    const index = this.#slots.indexOf(slot);
    if (index < 0) return;
    this.#slots.splice(index, 1);
    if (slot.timer) clearTimeout(slot.timer);
    slot.task?.reject(error);
    slot.task = null;
    void slot.worker.terminate();
    if (!this.#closed) this.#dispatch();
  }
}
