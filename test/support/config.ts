import { z } from 'zod';

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
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`test environment: ${fields}`);
  }
  return parsed.data;
}
