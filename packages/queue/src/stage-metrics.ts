import type { RedisConnection } from './redis.ts';

/**
 * Counters every process of the pipeline adds to, kept in one Redis hash so the API's
 * /metrics and the progress display read the whole pipeline, however many processes run it.
 * Field names (all counters, only ever incremented):
 *   jobs_completed:<queue>  jobs_failed:<queue>  job_ms_sum:<queue>   (worker outcomes, durations)
 *   items:<stage>:<outcome> (articles fetched / analysed / stored / duplicate / failed, ...)
 *   fetch_ok:<sourceId>  fetch_errors:<sourceId>                     (polls per source)
 *   webhook:<outcome>                                                 (deliveries by outcome)
 */
export function metricsKey(prefix: string): string {
  return `${prefix}:tickerwire:metrics`;
}

export type Counters = Record<string, number>;

export class StageMetrics {
  readonly #redis: RedisConnection;
  readonly #key: string;
  readonly #onError: (error: Error) => void;

  constructor(redis: RedisConnection, prefix: string, onError: (error: Error) => void) {
    this.#redis = redis;
    this.#key = metricsKey(prefix);
    this.#onError = onError;
  }

  /**
   * Adds to counters in one round trip. Fire and forget: a metric lost while Redis restarts
   * must not fail the job it describes.
   */
  add(increments: Counters): void {
    const entries = Object.entries(increments).filter(([, by]) => by !== 0);
    if (entries.length === 0) return;
    const pipeline = this.#redis.pipeline();
    for (const [field, by] of entries) {
      if (Number.isInteger(by)) pipeline.hincrby(this.#key, field, by);
      else pipeline.hincrbyfloat(this.#key, field, by);
    }
    pipeline.exec().catch((error: Error) => this.#onError(error));
  }

  async read(): Promise<Counters> {
    return parseCounters(await this.#redis.hgetall(this.#key));
  }
}

export function parseCounters(raw: Record<string, string>): Counters {
  const counters: Counters = {};
  for (const [field, value] of Object.entries(raw)) {
    const number = Number(value);
    if (Number.isFinite(number)) counters[field] = number;
  }
  return counters;
}

/** Reads the counters of a prefix without a StageMetrics (the API, the CLI). */
export async function readCounters(redis: RedisConnection, prefix: string): Promise<Counters> {
  return parseCounters(await redis.hgetall(metricsKey(prefix)));
}
