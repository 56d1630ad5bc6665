/**
 * Politeness per host: at most `maxConcurrent` requests in flight to one host, and request
 * starts to one host spaced at least `minIntervalMs` apart. Hosts do not wait for each other.
 */

export interface HostGateOptions {
  maxConcurrent: number;
  minIntervalMs: number;
}

interface HostState {
  active: number;
  queued: number;
  nextStartAt: number;
  /** Serialises acquirers so start times are handed out in arrival order. */
  turn: Promise<void>;
  released: (() => void)[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class HostGate {
  readonly #options: HostGateOptions;
  readonly #hosts = new Map<string, HostState>();

  constructor(options: HostGateOptions) {
    if (options.maxConcurrent < 1) throw new RangeError('maxConcurrent must be at least 1');
    this.#options = options;
  }

  /** Run `task` when `host` has a free slot and its politeness interval has passed. */
  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const release = await this.#acquire(host.toLowerCase());
    try {
      return await task();
    } finally {
      release();
    }
  }

  async #acquire(host: string): Promise<() => void> {
    let state = this.#hosts.get(host);
    if (!state) {
      state = { active: 0, queued: 0, nextStartAt: 0, turn: Promise.resolve(), released: [] };
      this.#hosts.set(host, state);
    }
    const hostState = state;
    hostState.queued++;
    const myTurn = hostState.turn.then(async () => {
      while (hostState.active >= this.#options.maxConcurrent) {
        await new Promise<void>((resolve) => hostState.released.push(resolve));
      }
      const wait = hostState.nextStartAt - Date.now();
      if (wait > 0) await sleep(wait);
      hostState.active++;
      hostState.queued--;
      hostState.nextStartAt = Date.now() + this.#options.minIntervalMs;
    });
    hostState.turn = myTurn;
    await myTurn;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      hostState.active--;
      hostState.released.shift()?.();
      // Forget idle hosts so a crawl over many hosts does not grow this map for ever.
      if (hostState.active === 0 && hostState.queued === 0) {
        const forgetAfter = Math.max(0, hostState.nextStartAt - Date.now());
        setTimeout(() => {
          if (hostState.active === 0 && hostState.queued === 0 && this.#hosts.get(host) === hostState) this.#hosts.delete(host);
        }, forgetAfter).unref();
      }
    };
  }
}
