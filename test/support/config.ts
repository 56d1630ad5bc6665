import { z } from 'zod';
import { formatIssues } from '@tickerwire/core';

/** The test run's settings, from the environment, checked once. */
const TestEnv = z.object({
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  // Unset: a throwaway FerretDB is started for the run.
  MONGODB_URI: z.string().startsWith('mongodb').optional(),
  XDG_CACHE_HOME: z.string().optional(),
});

export type TestConfig = z.infer<typeof TestEnv>;

export function loadTestConfig(env: NodeJS.ProcessEnv = process.env): TestConfig {
  const parsed = TestEnv.safeParse({ ...env, MONGODB_URI: env.MONGODB_URI || undefined });
  if (!parsed.success) {
    throw new Error(`test environment: ${formatIssues(parsed.error)}`);
  }
  return parsed.data;
}
