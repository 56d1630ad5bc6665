import { MongoClient } from 'mongodb';
import { ServiceUnavailableError, reasonOf } from './errors.ts';

/** Fails with a one-line ServiceUnavailableError unless the server answers ping within the timeout. */
export async function checkMongo(uri: string, timeoutMs = 3000): Promise<void> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
  } catch (error) {
    throw new ServiceUnavailableError(
      `MongoDB is not reachable at ${redactUri(uri)} (${reasonOf(error)}): start it, or unset MONGODB_URI to run a throwaway FerretDB`,
      { cause: error },
    );
  } finally {
    await client.close();
  }
}

/** The URI without its password, for messages and logs. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}
