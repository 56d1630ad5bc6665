import type { Db } from 'mongodb';
import { ArticlesRepository } from './articles.ts';
import { SourcesRepository } from './sources.ts';
import { EventsRepository } from './events.ts';
import { SubscriptionsRepository } from './subscriptions.ts';
import { DeliveriesRepository } from './deliveries.ts';
import { ApiKeysRepository } from './api-keys.ts';
import { FeedQueries } from './feed-queries.ts';
import { ledgerView } from './ledger-open.ts';
import type { LedgerCoordination } from './ledger.ts';
import type { SecretKeyring } from './secret-box.ts';
import type { DestinationCheck } from './destinations.ts';

export * from './client.ts';
export * from './indexes.ts';
export * from './sources.ts';
export * from './articles.ts';
export * from './fingerprints.ts';
export * from './events.ts';
export * from './ledger.ts';
export * from './ledger-mongodb.ts';
export * from './ledger-development.ts';
export * from './ledger-development-feed.ts';
export * from './ledger-open.ts';
export * from './subscriptions.ts';
export * from './deliveries.ts';
export * from './api-keys.ts';
export * from './feed-queries.ts';
export * from './secret-box.ts';
export * from './destinations.ts';
export * from './stream-positions.ts';

/** Every repository over one database. */
export interface Repositories {
  sources: SourcesRepository;
  articles: ArticlesRepository;
  events: EventsRepository;
  subscriptions: SubscriptionsRepository;
  deliveries: DeliveriesRepository;
  apiKeys: ApiKeysRepository;
  feeds: FeedQueries;
}

export interface RepositoryOptions {
  /** Seals and opens webhook secrets (TICKERWIRE_SECRET_KEYS); absent in a process that never touches them. */
  secretKeys?: SecretKeyring | null;
  /**
   * The SSRF guard with the operator's allowlist, asked before a source or subscription URL is
   * stored; absent in a process that never stores one (no URL is stored then).
   */
  destinations?: DestinationCheck;
  /**
   * The ledger's coordination (Redis: packages/pipeline key-leases.ts), for the API: on the
   * development server its feeds then keep the stories' order from the ledger's batch list
   * instead of a sorted scan per page (ledger-development-feed.ts). Absent: every page a query.
   */
  ledgerCoordination?: LedgerCoordination;
}

export function repositories(db: Db, options: RepositoryOptions = {}): Repositories {
  // Stories with every source, events with every report, whatever the server keeps apart.
  const view = ledgerView(db, undefined, options.ledgerCoordination ? { coordination: options.ledgerCoordination } : {});
  const articles = new ArticlesRepository(db, view);
  const events = new EventsRepository(db, view);
  return {
    sources: new SourcesRepository(db, options.destinations),
    articles,
    events,
    subscriptions: new SubscriptionsRepository(db, options),
    deliveries: new DeliveriesRepository(db),
    apiKeys: new ApiKeysRepository(db),
    feeds: new FeedQueries(db, view),
  };
}

/** Creates every declared index; run at boot, before any stage reads or writes. */
export async function ensureAllIndexes(repos: Repositories): Promise<void> {
  await Promise.all(Object.values(repos).map((repo) => repo.ensureIndexes()));
}
export * from './story-keys.ts';
