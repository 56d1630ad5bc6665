import { describe, expect, it } from 'vitest';
import { ServiceUnavailableError, checkMongo, checkRedis } from '@tickerwire/local-servers';

// What a person sees when a service is missing: one line naming it and what to do.
describe('missing services are explained in one line', () => {
  it('Redis on a closed port', async () => {
    const error = await checkRedis('redis://127.0.0.1:1', 1000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as Error).message).toMatch(/^Redis is not reachable at redis:\/\/127\.0\.0\.1:1 \(.*ECONNREFUSED.*\): .*REDIS_URL$/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('MongoDB on a closed port, with the password hidden', async () => {
    const error = await checkMongo('mongodb://app:s3cret@127.0.0.1:1/', 500).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as Error).message).toMatch(/^MongoDB is not reachable at mongodb:\/\/app:\*\*\*@127\.0\.0\.1:1\/ .*MONGODB_URI/);
    expect((error as Error).message).not.toContain('s3cret');
    expect((error as Error).message).not.toContain('\n');
  });
});
