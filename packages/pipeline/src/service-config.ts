import { z } from 'zod';
import { formatIssues } from '@tickerwire/core';
import { PrivateNetworkAllowlistEnv } from '@tickerwire/ingest';
import { RedisEnv, requireHashTagOnCluster } from '@tickerwire/queue';

/**
 * The settings every pipeline service reads, as a schema. Each service's own config module
 * (services/<name>/src/config.ts) parses its environment with it; nothing else reads the
 * environment.
 */
export const ServiceEnv = z.object({
  MONGODB_URI: z.string().startsWith('mongodb', 'a mongodb:// or mongodb+srv:// URI'),
  MONGODB_DB: z.string().regex(/^[A-Za-z0-9_-]{1,38}$/).default('tickerwire'),
  /** Jobs worked at once by this process's stage. */
  CONCURRENCY: z.coerce.number().int().min(1).max(200).optional(),
  /** Page-parsing worker threads of the fetcher (0: parse in process). */
  PAGE_THREADS: z.coerce.number().int().min(0).max(32).default(1),
  /**
   * How long a job's lock lasts unrenewed, and how often workers look for jobs whose lock
   * lapsed: a killed worker's job runs again after about the sum (BullMQ defaults 30 s each).
   */
  LOCK_DURATION_MS: z.coerce.number().int().min(500).max(600_000).optional(),
  STALLED_INTERVAL_MS: z.coerce.number().int().min(200).max(600_000).optional(),
  /** A JSON file of more companies and the names news gives them (the shape of packages/extract/data/company-aliases.json). */
  TICKERWIRE_COMPANY_ALIASES: z.string().min(1).max(4096).optional(),
})
  // REDIS_URL (one server or a cluster) and TICKERWIRE_PREFIX (one per deployment; a hash tag on a cluster).
  .extend(RedisEnv.shape)
  .extend(PrivateNetworkAllowlistEnv.shape)
  .superRefine(requireHashTagOnCluster);
// TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST (above, from @tickerwire/ingest): the only private hosts
// the fetcher may reach. The API, the notifier and the command line extend their own schemas
// with the same setting, and with TICKERWIRE_SECRET_KEYS (@tickerwire/store) where they
// read or write webhook secrets.
export type ServiceConfig = z.infer<typeof ServiceEnv>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses a service's environment, naming every bad variable in one message. */
export function parseServiceEnv(env: Record<string, string | undefined>): ServiceConfig {
  const parsed = ServiceEnv.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) throw new ConfigError(`bad environment: ${formatIssues(parsed.error)}`);
  return parsed.data;
}
