import type { RedisConnection } from '@tickerwire/queue';
import type { Fetcher, PagePool } from '@tickerwire/ingest';
import type { JobProducer, StageMetrics } from '@tickerwire/queue';
import type { Analyzer } from '@tickerwire/score';
import type { Repositories, StoryLedger } from '@tickerwire/store';
import type { RecentlySent } from './in-flight.ts';

export type Log = (line: string) => void;

/** What the stages need from the outside world; each service builds the part it uses. */
export interface FetchStageDeps {
  repos: Pick<Repositories, 'sources' | 'articles'>;
  /** What is stored, for skipping known articles before analysis. */
  ledger: Pick<StoryLedger, 'knownFromSource'>;
  fetcher: Fetcher;
  pagePool?: PagePool;
  producer: JobProducer;
  metrics: StageMetrics;
  /** What this process sent to analysis lately: not stored yet, so not new either. */
  recentlySent?: RecentlySent;
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
  /** The one owner of "is this story or fact already stored?". */
  ledger: Pick<StoryLedger, 'record'>;
  /** Where each source's health counts what its articles added. */
  sources: Pick<Repositories['sources'], 'countStored'>;
  /** The connection stored events are announced on (the notification stream). */
  redis: RedisConnection;
  /** The deployment's key prefix, under which the stream lives. */
  prefix: string;
  metrics: StageMetrics;
}
