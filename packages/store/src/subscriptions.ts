import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Collection, Db, Filter } from 'mongodb';
import { ContractError, NewWebhookSecret, Subscription, SubscriptionFilter, maxWebhookSecrets, parseContract } from '@tickerwire/core';
import { ensureIndexes, writeOnce, type IndexDeclaration } from './indexes.ts';

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
    allowPrivateNetwork: z.boolean(),
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

interface SubscriptionDocument extends Omit<Subscription, 'id'> {
  _id: string;
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

function toSubscription({ _id, createdAt, updatedAt, disabledReason, disabledAt, ...rest }: SubscriptionDocument): StoredSubscription {
  const subscription = parseContract(Subscription, { id: _id, ...rest }, `stored subscription ${_id}`);
  return { ...subscription, createdAt, updatedAt, disabledReason: disabledReason ?? null, disabledAt: disabledAt ?? null };
}

export class SubscriptionsRepository {
  readonly collection: Collection<SubscriptionDocument>;

  constructor(db: Db) {
    this.collection = db.collection<SubscriptionDocument>('subscriptions');
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
    const document: SubscriptionDocument = {
      _id: id,
      ...rest,
      secrets,
      createdAt: now,
      updatedAt: now,
      disabledReason: null,
      disabledAt: null,
    };
    const outcome = await writeOnce(() => this.collection.insertOne(document));
    if (outcome === 'already-stored') throw new ContractError('subscription', [{ path: 'id', message: `a subscription with id "${id}" exists already` }]);
    return toSubscription(document);
  }

  async get(id: string): Promise<StoredSubscription | null> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? toSubscription(doc) : null;
  }

  /** Pages in id (= creation) order; `cursor` is the `nextCursor` of the page before. */
  async list(options: { enabled?: boolean; cursor?: string; limit?: number } = {}): Promise<SubscriptionPage> {
    const limit = Math.min(Math.max(1, Math.floor(options.limit ?? 100)), maxSubscriptionPage);
    const query: Filter<SubscriptionDocument> = {};
    if (options.enabled !== undefined) query.enabled = options.enabled;
    if (options.cursor !== undefined) query._id = { $gt: decodeCursor(options.cursor) };
    const docs = await this.collection.find(query).sort({ _id: 1 }).limit(limit + 1).toArray();
    const items = docs.slice(0, limit).map(toSubscription);
    const last = items.at(-1);
    return { items, nextCursor: docs.length > limit && last ? encodeCursor(last.id) : null };
  }

  /** Every enabled subscription (the notifier's match table). */
  async listEnabled(): Promise<StoredSubscription[]> {
    const docs = await this.collection.find({ enabled: true }).sort({ _id: 1 }).toArray();
    return docs.map(toSubscription);
  }

  /**
   * Changes the given fields; returns the subscription as it now is, or null if there is
   * none. Enabling clears the reason it was disabled.
   */
  async update(id: string, patch: unknown, now = new Date()): Promise<StoredSubscription | null> {
    const changes = parseContract(SubscriptionPatch, patch, 'subscription update');
    const set: Partial<SubscriptionDocument> = { ...changes, updatedAt: now };
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
    // Read, then write on the condition that nobody changed the secrets meanwhile (FerretDB
    // ignores $push's $position, so the new secret cannot simply be pushed to the front).
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.collection.findOne({ _id: id }, { projection: { secrets: 1 } });
      if (!current) return null;
      if (current.secrets.length >= maxWebhookSecrets) {
        throw new ContractError('subscription', [{ path: 'secrets', message: `it holds ${current.secrets.length} secrets, the most allowed: drop old ones (PATCH secrets) before rotating` }]);
      }
      const result = await this.collection.updateOne({ _id: id, secrets: current.secrets }, { $set: { secrets: [secret, ...current.secrets], updatedAt: now } });
      if (result.matchedCount === 1) return secret;
    }
    throw new Error(`subscription ${id}: secrets kept changing while rotating`);
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
