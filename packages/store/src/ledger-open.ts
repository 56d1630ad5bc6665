import type { Db } from 'mongodb';
import { Ledger, type LedgerCoordination, type LedgerKind, type LedgerView } from './ledger.ts';
import { MongoLookup } from './ledger-mongodb.ts';
import { DevelopmentLookup } from './ledger-development.ts';

/**
 * What the server is: MongoDB, or the development server (FerretDB, a MongoDB-compatible
 * server that scans for every query). FerretDB says so in `buildInfo`.
 */
export async function serverKind(db: Db): Promise<LedgerKind> {
  const info = await db.admin().command({ buildInfo: 1 });
  return 'ferretdbVersion' in info || 'ferretdb' in info || /ferretdb/i.test(JSON.stringify(info.ferretdbFeatures ?? '')) ? 'development' : 'mongodb';
}

export interface OpenLedgerOptions {
  /** Which implementation; default: from what the server is (serverKind). Tests pass one explicitly. */
  kind?: LedgerKind;
  /** The development ledger's memory cap, in stories. */
  maxEntries?: number;
}

/** The ledger for this database, chosen once from what the server is; its indexes created. */
export async function openLedger(db: Db, coordination: LedgerCoordination, options: OpenLedgerOptions = {}): Promise<Ledger> {
  const kind = options.kind ?? (await serverKind(db));
  if (kind === 'mongodb') return new Ledger(kind, db, new MongoLookup(db), coordination);
  const lookup = new DevelopmentLookup(db, coordination, options.maxEntries ? { maxEntries: options.maxEntries } : {});
  await lookup.ensureIndexes();
  return new Ledger(kind, db, lookup, coordination);
}

/**
 * How readers (the API, the CLI, the repositories' `get`) see what the ledger stored on this
 * database: the view of the implementation openLedger would choose, decided on first use.
 * `coordination` (the API's): on the development server the view keeps the stories' feed
 * order from the ledger's batch list (ledger-development-feed.ts); MongoDB has its indexes.
 */
export function ledgerView(db: Db, kind?: LedgerKind, options: { coordination?: LedgerCoordination } = {}): LedgerView {
  let chosen: Promise<LedgerView> | null = null;
  const view = () =>
    (chosen ??= (kind ? Promise.resolve(kind) : serverKind(db)).then((k): LedgerView =>
      k === 'mongodb' ? new MongoLookup(db) : new DevelopmentLookup(db, null, options.coordination ? { feedOrder: options.coordination } : {}),
    ));
  return {
    withReports: async (events) => (await view()).withReports(events),
    withSources: async (stories) => (await view()).withSources(stories),
    eventReportCondition: async (sources, novel) => (await view()).eventReportCondition(sources, novel),
    storySourceCondition: async (sources) => (await view()).storySourceCondition(sources),
    storyPage: async (request, limit) => {
      const v = await view();
      return v.storyPage ? v.storyPage(request, limit) : null;
    },
    prepare: async () => (await view()).prepare?.(),
    close: () => void chosen?.then((v) => v.close?.(), () => {}),
  };
}
