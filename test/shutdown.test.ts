import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, expect, it } from 'vitest';
import { inject } from 'vitest';
import { JobProducer } from '@tickerwire/queue';
import { deleteKeys, testRedis, uniquePrefix } from './support/services.ts';

const worker = fileURLToPath(new URL('./support/slow-worker.ts', import.meta.url));
const redis = testRedis('producer');
let prefix = '';
afterEach(async () => deleteKeys(redis, prefix));
afterAll(() => redis.disconnect());

it('a worker sent SIGTERM mid-job finishes the job, then exits cleanly', async () => {
  prefix = uniquePrefix('shutdown');
  const child = spawn(process.execPath, [worker, inject('redisUrl'), prefix, '800'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const saw = (text: string) =>
    new Promise<void>((resolve) => {
      const check = () => output.includes(text) && resolve();
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        check();
      });
      check();
    });

  await saw('ready');
  const producer = new JobProducer({ connection: redis, prefix, onError: () => {} });
  const jobId = await producer.add('fetch-source', { sourceId: 'slow-1' });
  await saw('started slow-1');
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');

  expect(code).toBe(0);
  expect(output).toContain('SIGTERM: closing');
  const job = await producer.queue('fetch').getJob(jobId);
  expect(await job!.getState()).toBe('completed');
  expect(job!.returnvalue).toEqual({ finished: 'slow-1' });
  await producer.close();
});
