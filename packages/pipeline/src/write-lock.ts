import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * One store batch at a time across every writer process. Stories are matched to near-
 * duplicates and facts to earlier reports by a lookup then a write; two writers doing that for
 * copies of one story at the same moment would each find nothing and store it twice. A lease
 * with a deadline, so a killed writer's lock frees itself.
 */
export class WriteLock {
  readonly #redis: Redis;
  readonly #key: string;
  readonly #leaseMs: number;

  constructor(redis: Redis, prefix: string, leaseMs = 60_000) {
    this.#redis = redis;
    this.#key = `${prefix}:tickerwire:write-lock`;
    this.#leaseMs = leaseMs;
  }

  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const token = randomUUID();
    for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
      if ((await this.#redis.set(this.#key, token, 'PX', this.#leaseMs, 'NX')) === 'OK') break;
      signal?.throwIfAborted();
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    try {
      return await work();
    } finally {
      // Release only our own lease: after a very slow batch it may have passed to another writer.
      await this.#redis.eval("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", 1, this.#key, token);
    }
  }
}
