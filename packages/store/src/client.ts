import { MongoClient, type Db } from 'mongodb';

export interface StoreConnection {
  client: MongoClient;
  db: Db;
  close(): Promise<void>;
}

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
  return { client, db: client.db(dbName), close: () => client.close() };
}
