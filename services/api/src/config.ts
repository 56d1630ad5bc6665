import { z } from 'zod';
import { formatIssues } from '@tickerwire/core';
import { PrivateNetworkAllowlistEnv } from '@tickerwire/ingest';
import { SecretKeysEnv } from '@tickerwire/store';
import { RedisEnv, requireHashTagOnCluster } from '@tickerwire/queue';

/** The API service's settings, from the environment, checked once at start. */
const ApiEnv = z.object({
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Base URL the API is reached at (http(s), no query), for feed links and the Origin check; unset: each request's Host, when well-formed. */
  API_PUBLIC_URL: z.url({ protocol: /^https?$/ }).refine((url) => !/[?#]/.test(url), 'a base URL without query or fragment').optional(),
  MONGODB_URI: z.string().startsWith('mongodb'),
  MONGODB_DB: z.string().regex(/^[A-Za-z0-9_-]{1,38}$/).default('tickerwire'),
  /** Requests per API key per window (sliding window). */
  API_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  API_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Most server-sent-event streams open at once (each holds one Redis connection). */
  API_MAX_STREAMS: z.coerce.number().int().min(1).default(200),
  /** Most of them one API key holds. */
  API_MAX_STREAMS_PER_KEY: z.coerce.number().int().min(1).default(5),
  /** Requests without a valid key per client address per API_RATE_WINDOW_SECONDS (each costs a key lookup). */
  API_UNAUTHENTICATED_RATE_LIMIT: z.coerce.number().int().min(1).default(60),
  API_LOG: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
})
  // Subscriptions' webhook secrets are sealed with TICKERWIRE_SECRET_KEYS (required); sources
  // and receivers on private networks must be on TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST.
  .extend(SecretKeysEnv.shape)
  .extend(PrivateNetworkAllowlistEnv.shape)
  // REDIS_URL and TICKERWIRE_PREFIX, the pipeline's (a hash tag on a Redis Cluster).
  .extend(RedisEnv.shape)
  .superRefine(requireHashTagOnCluster);

export type ApiConfig = z.infer<typeof ApiEnv>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = ApiEnv.safeParse({ ...env, MONGODB_URI: env.MONGODB_URI || undefined, API_PUBLIC_URL: env.API_PUBLIC_URL || undefined, TICKERWIRE_SECRET_KEYS: env.TICKERWIRE_SECRET_KEYS || undefined });
  if (!parsed.success) throw new ConfigError(`bad environment: ${formatIssues(parsed.error)}`);
  return parsed.data;
}
