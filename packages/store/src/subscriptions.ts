import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Collection, Db, Filter } from 'mongodb';
import { ContractError, NewWebhookSecret, Subscription, SubscriptionFilter, maxWebhookSecrets, parseContract } from '@tickerwire/core';
import { ensureIndexes, writeOnce, type IndexDeclaration } from './indexes.ts';
import { SecretKeyError, SecretKeyring, type SealedSecret } from './secret-box.ts';
import { refuseEveryDestination, type DestinationCheck } from './destinations.ts';

/**
 * Subscription ids end up in BullMQ job ids (`deliver-webhook.<id>.<report>`) and in
 * Standard Webhooks message ids, so they keep to characters both accept, and no '.' so a job
 * id splits back into its parts unambiguously.
 */
export const SubscriptionId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'letters, digits, "-" and "_" (at most 100)');

/** A subscription as the API and the notifier see it: the contract plus its lifecycle. */
export type StoredSubscription = Subscription & {
  createdAt: Date;
  updatedAt: Date;
  /** Why it was disabled (e.g. the receiver answered 410 Gone); null while enabled or disabled by hand. */
  disabledReason: string | null;
  disabledAt: Date | null;
};

/** Secrets a client may set: a handful, each 24 to 64 bytes. */
const NewSecrets = z.array(NewWebhookSecret).min(1).max(maxWebhookSecrets);

/** What `create` accepts: id and secrets are generated when absent, the filter defaults to everything. Strict: an unknown key is an error. */
export const NewSubscription = Subscription.extend({
  id: SubscriptionId.optional(),
  secrets: NewSecrets.optional(),
  filter: SubscriptionFilter.prefault({}),
}).strict();
export type NewSubscription = z.input<typeof NewSubscription>;

/** What `update` accepts: any of the mutable fields. Replacing `secrets` is how a secret is rotated. */
export const SubscriptionPatch = z
  .object({
    url: Subscription.shape.url,
    filter: SubscriptionFilter,
    secrets: NewSecrets,
    enabled: z.boolean(),
  })
  .partial()
  .strict();
export type SubscriptionPatch = z.input<typeof SubscriptionPatch>;

/** Most subscriptions one `list` page returns. */
export const maxSubscriptionPage = 500;

export interface SubscriptionPage {
  items: StoredSubscription[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * As stored: the secrets sealed (secret-box.ts). A plain string is a secret written by a
 * version before encryption; `sealSecrets()` at start replaces those, and reading still
 * accepts them meanwhile so an upgrade does not stop deliveries.
 */
type StoredSecret = SealedSecret | string;

interface SubscriptionDocument extends Omit<Subscription, 'id' | 'secrets'> {
  _id: string;
  secrets: StoredSecret[];
  createdAt: Date;
  updatedAt: Date;
  disabledReason: string | null;
  disabledAt: Date | null;
}

export const subscriptionIndexes: readonly IndexDeclaration[] = [
  {
    key: { enabled: 1, _id: 1 },
    options: { name: 'enabled_id' },
    serves: 'the notifier loading enabled subscriptions; list({ enabled }) pages in id order',
  },
];

/** A Standard Webhooks secret: "whsec_" and the base64 of 24 random bytes. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** Ids sort by creation time (list pages in creation order) and carry enough randomness not to collide. */
export function generateSubscriptionId(now = new Date()): string {
  return `sub_${now.getTime().toString(36).padStart(9, '0')}${randomBytes(6).toString('hex')}`;
}

function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!SubscriptionId.safeParse(id).success) throw new ContractError('subscriptions list', [{ path: 'cursor', message: 'not a cursor this API returned' }]);
  return id;
}

/** The authenticated context of a subscription's sealed secrets: they open on this record only. */
const secretContext = (id: string) => `subscription:${id}`;

export interface SubscriptionsRepositoryOptions {
  /** Seals and opens webhook secrets; null in a process that never touches them (the pipeline stages). */
  secretKeys: SecretKeyring | null;
  /** The SSRF guard's verdict on a receiver URL, asked before one is stored. */
  destinations: DestinationCheck;
}

export class SubscriptionsRepository {
  readonly collection: Collection<SubscriptionDocument>;
  readonly #secretKeys: SecretKeyring | null;
  readonly #destinations: DestinationCheck;

  constructor(db: Db, options: Partial<SubscriptionsRepositoryOptions> = {}) {
    this.collection = db.collection<SubscriptionDocument>('subscriptions');
    this.#secretKeys = options.secretKeys ?? null;
    this.#destinations = options.destinations ?? refuseEveryDestination;
  }

  #keyring(): SecretKeyring {
    if (this.#secretKeys === null) throw new Error('this process was started without TICKERWIRE_SECRET_KEYS, so it cannot read or write webhook secrets');
    return this.#secretKeys;
  }

  #seal(id: string, secrets: readonly string[]): SealedSecret[] {
    const keyring = this.#keyring();
    return secrets.map((secret) => keyring.seal(secret, secretContext(id)));
  }

  #open(id: string, secrets: readonly StoredSecret[]): string[] {
    const keyring = this.#keyring();
    return secrets.map((secret, index) => {
      if (typeof secret === 'string') return secret;
      try {
        return keyring.open(secret, secretContext(id));
      } catch (error) {
        if (error instanceof SecretKeyError) throw new SecretKeyError(`subscription ${id}: secret ${index + 1} ${error.message}`);
        throw error;
      }
    });
  }

  #toSubscription({ _id, createdAt, updatedAt, disabledReason, disabledAt, secrets, ...rest }: SubscriptionDocument): StoredSubscription {
    const subscription = parseContract(Subscription, { id: _id, ...rest, secrets: this.#open(_id, secrets) }, `stored subscription ${_id}`);
    return { ...subscription, createdAt, updatedAt, disabledReason: disabledReason ?? null, disabledAt: disabledAt ?? null };
  }

  /** Refuses (ContractError on `url`) a receiver the webhook sender's SSRF guard would refuse. */
  async #checkDestination(url: string): Promise<void> {
    const refusal = await this.#destinations(url);
    if (refusal !== null) throw new ContractError('subscription', [{ path: 'url', message: refusal }]);
  }

  ensureIndexes(): Promise<void> {
    return ensureIndexes(this.collection, subscriptionIndexes);
  }

  /**
   * Creates a subscription. Throws ContractError naming the failing field for bad input, and
   * for an id that exists already (path `id`), so the API can answer 400/409 from it.
   */
  async create(input: unknown, now = new Date()): Promise<StoredSubscription> {
    const parsed = parseContract(NewSubscription, input, 'subscription');
    const { id = generateSubscriptionId(now), secrets = [generateWebhookSecret()], ...rest } = parsed;
    await this.#checkDestination(rest.url);
    const document: SubscriptionDocument = {
      _id: id,
      ...rest,
      secrets: this.#seal(id, secrets),
      createdAt: now,
      updatedAt: now,
      disabledReason: null,
      disabledAt: null,
    };
    const outcome = await writeOnce(() => this.collection.insertOne(document));
    if (outcome === 'already-stored') throw new ContractError('subscription', [{ path: 'id', message: `a subscription with id "${id}" exists already` }]);
    return this.#toSubscription(document);
  }

  async get(id: string): Promise<StoredSubscription | null> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? this.#toSubscription(doc) : null;
  }

  /** Pages in id (= creation) order; `cursor` is the `nextCursor` of the page before. */
  async list(options: { enabled?: boolean; cursor?: string; limit?: number } = {}): Promise<SubscriptionPage> {
    const limit = Math.min(Math.max(1, Math.floor(options.limit ?? 100)), maxSubscriptionPage);
    const query: Filter<SubscriptionDocument> = {};
    if (options.enabled !== undefined) query.enabled = options.enabled;
    if (options.cursor !== undefined) query._id = { $gt: decodeCursor(options.cursor) };
    const docs = await this.collection.find(query).sort({ _id: 1 }).limit(limit + 1).toArray();
    const items = docs.slice(0, limit).map((doc) => this.#toSubscription(doc));
    const last = items.at(-1);
    return { items, nextCursor: docs.length > limit && last ? encodeCursor(last.id) : null };
  }

  /** Every enabled subscription (the notifier's match table). */
  async listEnabled(): Promise<StoredSubscription[]> {
    const docs = await this.collection.find({ enabled: true }).sort({ _id: 1 }).toArray();
    return docs.map((doc) => this.#toSubscription(doc));
  }

  /**
   * Changes the given fields; returns the subscription as it now is, or null if there is
   * none. Enabling clears the reason it was disabled.
   */
  async update(id: string, patch: unknown, now = new Date()): Promise<StoredSubscription | null> {
    const { secrets, ...changes } = parseContract(SubscriptionPatch, patch, 'subscription update');
    if (changes.url !== undefined) await this.#checkDestination(changes.url);
    const set: Partial<SubscriptionDocument> = { ...changes, ...(secrets ? { secrets: this.#seal(id, secrets) } : {}), updatedAt: now };
    if (changes.enabled === true) Object.assign(set, { disabledReason: null, disabledAt: null });
    if (changes.enabled === false) Object.assign(set, { disabledAt: now });
    await this.collection.updateOne({ _id: id }, { $set: set });
    return this.get(id);
  }

  /**
   * Adds a freshly generated secret in front of the current ones and returns it. Deliveries
   * are signed with every secret, so the receiver can switch keys before the old one is dropped
   * (with `update(id, { secrets: [newSecret] })`).
   */
  async rotateSecret(id: string, now = new Date()): Promise<string | null> {
    const secret = generateWebhookSecret();
    const sealed = this.#seal(id, [secret])[0]!;
    // Read, then write on the condition that nobody changed the secrets meanwhile (FerretDB
    // ignores $push's $position, so the new secret cannot simply be pushed to the front).
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.collection.findOne({ _id: id }, { projection: { secrets: 1 } });
      if (!current) return null;
      if (current.secrets.length >= maxWebhookSecrets) {
        throw new ContractError('subscription', [{ path: 'secrets', message: `it holds ${current.secrets.length} secrets, the most allowed: drop old ones (PATCH secrets) before rotating` }]);
      }
      const result = await this.collection.updateOne({ _id: id, secrets: current.secrets }, { $set: { secrets: [sealed, ...current.secrets], updatedAt: now } });
      if (result.matchedCount === 1) return secret;
    }
    throw new Error(`subscription ${id}: secrets kept changing while rotating`);
  }

  /**
   * Seals every secret still stored in plaintext (written before encryption) or sealed with a
   * key that is no longer the current one (a rotation), so a retired key can then be dropped
   * from TICKERWIRE_SECRET_KEYS. Run at start by the processes that hold the keys; a write
   * is conditional on the secrets being unchanged, so two processes doing it at once is
   * harmless. Returns how many subscriptions were re-sealed.
   */
  async sealSecrets(now = new Date()): Promise<number> {
    const keyring = this.#keyring();
    const stale = (secret: StoredSecret) => typeof secret === 'string' || !keyring.isCurrent(secret);
    let resealed = 0;
    // Few documents (one per receiver); a scan keeps to what FerretDB and MongoDB both do.
    for await (const doc of this.collection.find({}, { projection: { secrets: 1 } })) {
      if (!doc.secrets.some(stale)) continue;
      const sealed = this.#seal(doc._id, this.#open(doc._id, doc.secrets));
      const result = await this.collection.updateOne({ _id: doc._id, secrets: doc.secrets }, { $set: { secrets: sealed, updatedAt: now } });
      resealed += result.modifiedCount;
    }
    return resealed;
  }

  /** Stops deliveries, keeping why (e.g. "receiver answered 410 Gone"). Returns false if there is none. */
  async disable(id: string, reason: string, now = new Date()): Promise<boolean> {
    const result = await this.collection.updateOne({ _id: id }, { $set: { enabled: false, disabledReason: reason, disabledAt: now, updatedAt: now } });
    return result.matchedCount === 1;
  }

  async remove(id: string): Promise<boolean> {
    return (await this.collection.deleteOne({ _id: id })).deletedCount === 1;
  }
}
