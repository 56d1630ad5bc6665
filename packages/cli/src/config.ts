import { z } from 'zod';
import { formatIssues } from '@tickerwire/core';
import { PrivateNetworkAllowlistEnv } from '@tickerwire/ingest';
import { SecretKeysSetting } from '@tickerwire/store';
import { RedisEnv, requireHashTagOnCluster } from '@tickerwire/queue';

/** The command line's settings, from the environment, checked once at start. */
const CliEnv = z.object({
  // Unset: commands that need MongoDB start a throwaway FerretDB.
  MONGODB_URI: z.string().startsWith('mongodb').optional(),
  MONGODB_DB: z.string().regex(/^[A-Za-z0-9_-]{1,38}$/).default('tickerwire'),
  XDG_CACHE_HOME: z.string().optional(),
  /** Where `start` serves the API (0: any free port). */
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /**
   * Seals webhook secrets. `start` on a real database needs it; on a throwaway one it makes a
   * key for the run. Commands that never touch subscriptions do without.
   */
  TICKERWIRE_SECRET_KEYS: SecretKeysSetting.optional(),
  /** More companies and their names for `analyze`, `eval` and `start` (see packages/extract/data/company-aliases.json). */
  TICKERWIRE_COMPANY_ALIASES: z.string().min(1).max(4096).optional(),
})
  // REDIS_URL and the services' TICKERWIRE_PREFIX (a hash tag on a Redis Cluster).
  .extend(RedisEnv.shape)
  .extend(PrivateNetworkAllowlistEnv.shape)
  .superRefine(requireHashTagOnCluster);

export type CliConfig = z.infer<typeof CliEnv>;

export function loadCliConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  const parsed = CliEnv.safeParse({ ...env, MONGODB_URI: env.MONGODB_URI || undefined, TICKERWIRE_SECRET_KEYS: env.TICKERWIRE_SECRET_KEYS || undefined, TICKERWIRE_COMPANY_ALIASES: env.TICKERWIRE_COMPANY_ALIASES || undefined });
  if (!parsed.success) {
    throw new UsageError(`bad environment: ${formatIssues(parsed.error)}`);
  }
  return parsed.data;
}

/** A mistake of the caller's: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
