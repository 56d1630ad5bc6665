import { MongoClient, type Db } from 'mongodb';

export interface StoreConnection {
  client: MongoClient;
  db: Db;
  close(): Promise<void>;
}

/** How long the server may stay unknown to the driver before the client is rebuilt. */
const stuckAfterMs = 20_000;

/** Connects to MongoDB (or a compatible server) and opens the named database. */
export async function connectStore(uri: string, dbName: string): Promise<StoreConnection> {
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: 10_000,
    // Retryable writes need a replica set; FerretDB and a standalone mongod have none.
    retryWrites: false,
    appName: 'tickerwire',
    // FerretDB has no streaming "hello"; polling is what monitoring gets anyway, said plainly.
    serverMonitoringMode: 'poll',
  });
  await client.connect();
  const watchdog = watchForStuckMonitor(client);
  return {
    client,
    db: client.db(dbName),
    close: async () => {
      clearInterval(watchdog);
      await client.close();
    },
  };
}

/**
 * After the connection to FerretDB was cut under load, the driver's server monitor sometimes
 * never tried again: the server stayed "Unknown" and every operation failed server selection
 * long after the server was back (seen in the MongoDB-outage test, about 1 run in 4 with the
 * machine busy). When the server has been unknown this long, close and reconnect the client;
 * collections and databases taken from it keep working, and failed jobs are retried.
 */
function watchForStuckMonitor(client: MongoClient): NodeJS.Timeout {
  let unknownSince: number | null = null;
  let reconnecting = false;
  client.on('serverDescriptionChanged', (event) => {
    if (event.newDescription.type === 'Unknown') unknownSince ??= Date.now();
    else unknownSince = null;
  });
  const timer = setInterval(() => {
    if (reconnecting || unknownSince === null || Date.now() - unknownSince < stuckAfterMs) return;
    reconnecting = true;
    client
      .close()
      .then(() => client.connect())
      .then(
        () => (unknownSince = null),
        // Still unreachable: try again after another while.
        () => (unknownSince = Date.now()),
      )
      .finally(() => (reconnecting = false));
  }, 2_000);
  timer.unref();
  return timer;
}

const unavailableNames = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
]);

/**
 * Whether an error means the database could not be reached (no server selectable, the
 * connection dropped or closed), as opposed to a bad query or a refused write. Such work can
 * succeed unchanged once the server is back. Causes are followed (a wrapped driver error).
 */
export function isStoreUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 10; current = current.cause, depth++) {
    if (unavailableNames.has(current.name) || unavailableNames.has(current.constructor.name)) return true;
    if (isDriverSocketError(current)) return true;
  }
  return false;
}

// Node's own socket errors that the driver lets through unwrapped when the server goes away
// mid-write ("This socket has been ended by the other party", EPIPE, ECONNRESET): seen in the
// store-outage test about one run in three, as a bare Error from the driver's connection.
const socketCodes = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ERR_SOCKET_CLOSED']);
function isDriverSocketError(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  const fromSocket = (code !== undefined && socketCodes.has(code)) || /socket has been ended by the other party/.test(error.message);
  return fromSocket && /[\\/]mongodb[\\/]lib[\\/]/.test(error.stack ?? '');
}
