import type { Redis } from 'ioredis';
import type { Fetcher, PagePool } from '@tickerwire/ingest';
import type { JobProducer, StageMetrics } from '@tickerwire/queue';
import type { Analyzer } from '@tickerwire/score';
import type { Repositories } from '@tickerwire/store';
import type { DedupIndex } from './dedup-index.ts';

export type Log = (line: string) => void;

/** What the stages need from the outside world; each service builds the part it uses. */
export interface FetchStageDeps {
  repos: Pick<Repositories, 'sources' | 'articles'>;
  /** What the writer has stored, for skipping known articles before analysis. */
  index: Pick<DedupIndex, 'knownFromSource'>;
  fetcher: Fetcher;
  pagePool?: PagePool;
  producer: JobProducer;
  metrics: StageMetrics;
  /** Most articles one poll takes from a source (the rest wait for the next poll). */
  maxItemsPerPoll?: number;
  now?: () => Date;
}

export interface AnalyzeStageDeps {
  analyzer: Analyzer;
  producer: JobProducer;
  metrics: StageMetrics;
}

export interface StoreStageDeps {
  repos: Pick<Repositories, 'articles' | 'events'>;
  index: Pick<DedupIndex, 'ensureBuilt' | 'markPending' | 'settle' | 'stories' | 'facts'>;
  /** The connection stored events are announced on (the notification stream). */
  redis: Redis;
  /** The deployment's key prefix, under which the stream lives. */
  prefix: string;
  metrics: StageMetrics;
}
