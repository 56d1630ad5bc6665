import { createHash, randomBytes } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { ensureIndexes, type IndexDeclaration } from './indexes.ts';

export const apiKeyScopes = ['read', 'admin'] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

/** An API key as the API sees it once the plaintext has been checked: never the secret. */
export interface ApiKey {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  revokedAt: Date | null;
}

interface ApiKeyDocument extends Omit<ApiKey, 'id'> {
  _id: string;
  /** SHA-256 (hex) of the whole plaintext key. */
  hash: string;
}

export const apiKeyIndexes: readonly IndexDeclaration[] = [
  { key: { hash: 1 }, options: { name: 'hash_unique', unique: true }, serves: 'finding the key a request presents, by its hash' },
];

/** Plaintext keys look like `tw_<id>_<secret>`: the id names the key in logs; the secret is 256 random bits. */
const keyPattern = /^tw_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;

/**
 * Why SHA-256 and not a password hash (bcrypt, scrypt, argon2): those are slow on purpose
 * because passwords are guessable, so a stolen hash can be attacked from a dictionary. A key
 * here is 256 bits from the CSPRNG: no dictionary holds it and brute force over 2^256 is
 * hopeless however fast the hash, so a fast one-way hash loses nothing and lets every
 * request be checked with one indexed lookup instead of a deliberately slow computation.
 * A leaked database therefore yields no usable key.
 */
export function hashApiKey(plaintext: string): string {
  return createHash('sha256').update(plaintext, 'utf8').digest('hex');
}

function toApiKey({ _id, hash: _h, ...rest }: ApiKeyDocument): ApiKey {
  return { id: _id, ...rest };
}

export class ApiKeysRepository {
  readonly collection: Collection<ApiKeyDocument>;

  constructor(db: Db) {
    this.collection = db.collection<ApiKeyDocument>('api_keys');
  }

  ensureIndexes(): Promise<void> {
    return ensureIndexes(this.collection, apiKeyIndexes);
  }

  /** Creates a key; the plaintext is returned here and only here (only its hash is stored). */
  async create(input: { name: string; scopes: readonly ApiKeyScope[] }, now = new Date()): Promise<{ key: string; apiKey: ApiKey }> {
    const scopes = [...new Set(input.scopes)].filter((s): s is ApiKeyScope => (apiKeyScopes as readonly string[]).includes(s));
    if (scopes.length === 0) throw new Error('an API key needs at least one scope (read or admin)');
    const name = input.name.trim();
    if (name.length === 0 || name.length > 200) throw new Error('an API key needs a name of 1 to 200 characters');
    const id = randomBytes(8).toString('hex');
    const key = `tw_${id}_${randomBytes(32).toString('base64url')}`;
    const doc: ApiKeyDocument = { _id: id, name, scopes, createdAt: now, revokedAt: null, hash: hashApiKey(key) };
    await this.collection.insertOne(doc);
    return { key, apiKey: toApiKey(doc) };
  }

  /** The live key a request presents, or null for an unknown, malformed or revoked one. */
  async verify(plaintext: string): Promise<ApiKey | null> {
    if (!keyPattern.test(plaintext)) return null;
    const doc = await this.collection.findOne({ hash: hashApiKey(plaintext) });
    if (!doc || doc.revokedAt !== null) return null;
    return toApiKey(doc);
  }

  async list(): Promise<ApiKey[]> {
    const docs = await this.collection.find({}).sort({ createdAt: 1, _id: 1 }).toArray();
    return docs.map(toApiKey);
  }

  /** Revokes a key for good; false when there is no such live key. */
  async revoke(id: string, now = new Date()): Promise<boolean> {
    const result = await this.collection.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: now } });
    return result.modifiedCount === 1;
  }
}

/**
 * Creates an API key and returns its plaintext, which is shown once and never stored: the way
 * to make the first admin key (`createApiKey(repos, { name: 'ops', scopes: ['read', 'admin'] })`).
 */
export async function createApiKey(
  repos: { apiKeys: ApiKeysRepository },
  input: { name: string; scopes: readonly ApiKeyScope[] },
): Promise<{ key: string; id: string; name: string; scopes: ApiKeyScope[]; createdAt: Date }> {
  const { key, apiKey } = await repos.apiKeys.create(input);
  return { key, id: apiKey.id, name: apiKey.name, scopes: apiKey.scopes, createdAt: apiKey.createdAt };
}
