/**
 * Group commit: callers submit one item each and wait; items arriving together are written
 * in one call. A write costs the store far more per call than per document (FerretDB: an
 * insert of 100 documents takes little longer than an insert of one), so at hundreds of
 * deliveries a second batching decides the throughput; a lone item waits at most `maxWaitMs`.
 * Every caller still resolves only after its own item is written.
 */
export class GroupCommit<In, Out> {
  readonly #write: (items: In[]) => Promise<Out[]>;
  readonly #maxBatch: number;
  readonly #maxWaitMs: number;
  #pending: { item: In; resolve: (out: Out) => void; reject: (error: unknown) => void }[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(write: (items: In[]) => Promise<Out[]>, options: { maxBatch: number; maxWaitMs: number }) {
    this.#write = write;
    this.#maxBatch = options.maxBatch;
    this.#maxWaitMs = options.maxWaitMs;
  }

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.#pending.push({ item, resolve, reject });
      if (this.#pending.length >= this.#maxBatch) this.#flush();
      else this.#timer ??= setTimeout(() => this.#flush(), this.#maxWaitMs);
    });
  }

  #flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length === 0) return;
    this.#write(batch.map((p) => p.item)).then(
      (outs) => batch.forEach((p, i) => p.resolve(outs[i] as Out)),
      (error: unknown) => batch.forEach((p) => p.reject(error)),
    );
  }
}
