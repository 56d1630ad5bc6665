import { hostname } from 'node:os';
import { z } from 'zod';
import { formatIssues } from '@tickerwire/core';
import { PrivateNetworkAllowlistEnv } from '@tickerwire/alerts';
import { SecretKeysEnv } from '@tickerwire/store';
import { RedisEnv, requireHashTagOnCluster } from '@tickerwire/queue';

/** The notifier's settings, from the environment, checked once at start. */
const NotifierEnv = z.object({
  MONGODB_URI: z.string().startsWith('mongodb'),
  MONGODB_DB: z.string().regex(/^[A-Za-z0-9_-]{1,38}$/).default('tickerwire'),
  /** Consumer group on the stored-event stream, shared by every notifier process. */
  NOTIFIER_GROUP: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/).default('notifier'),
  /** This process's name in the group; must be unique among live processes. */
  NOTIFIER_CONSUMER: z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/).default(`${hostname()}-${process.pid}`),
  /** Where a group created now starts: "$" = only events stored from now on, "0" = every retained one. */
  NOTIFIER_START: z.enum(['$', '0']).default('$'),
  /** Stream entries pending this long were read by a dead notifier and are claimed. */
  NOTIFIER_CLAIM_IDLE_MS: z.coerce.number().int().min(1000).default(60_000),
  NOTIFIER_SUBSCRIPTION_REFRESH_MS: z.coerce.number().int().min(100).default(5_000),
  /** Webhooks in flight at once. */
  NOTIFIER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(50),
  /** Whole-attempt limit of one webhook POST. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /** Finished deliveries (delivered or discarded) are deleted after this many days; dead letters stay. */
  DELIVERY_RETENTION_DAYS: z.coerce.number().min(1).max(3650).default(30),
  /** Run only one half: "consume" (match and enqueue), "deliver" (send), or both. */
  NOTIFIER_ROLE: z.enum(['both', 'consume', 'deliver']).default('both'),
})
  // It opens the subscriptions' sealed secrets to sign (required), and delivers to private
  // networks only on the operator's allowlist.
  .extend(SecretKeysEnv.shape)
  .extend(PrivateNetworkAllowlistEnv.shape)
  // REDIS_URL and TICKERWIRE_PREFIX, the pipeline's (a hash tag on a Redis Cluster).
  .extend(RedisEnv.shape)
  .superRefine(requireHashTagOnCluster);

export type NotifierConfig = z.infer<typeof NotifierEnv>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadNotifierConfig(env: NodeJS.ProcessEnv = process.env): NotifierConfig {
  const parsed = NotifierEnv.safeParse({ ...env, MONGODB_URI: env.MONGODB_URI || undefined, TICKERWIRE_SECRET_KEYS: env.TICKERWIRE_SECRET_KEYS || undefined });
  if (!parsed.success) throw new ConfigError(`bad environment: ${formatIssues(parsed.error)}`);
  return parsed.data;
}
