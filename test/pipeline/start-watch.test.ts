import { afterAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { deleteKeys, testRedis, uniquePrefix } from '../support/services.ts';
import { startCli, type ServiceProcess } from '../support/processes.ts';

// `kill -9` of the throwaway FerretDB under a running `./tickerwire start`: start notices,
// starts it again on the same data folder with one line, and the API serves data again.
const prefix = uniquePrefix('start-watch');
const redis = testRedis('producer');
let run: ServiceProcess | undefined;

afterAll(async () => {
  await run?.kill('SIGINT');
  await deleteKeys(redis, prefix);
  redis.disconnect();
});

it('start restarts its FerretDB on the same data after kill -9, and the API serves data again', async () => {
  run = startCli(['start', '--articles', '8'], {
    REDIS_URL: inject('redisUrl'),
    TICKERWIRE_PREFIX: prefix,
    API_PORT: '0',
    ...(process.env.XDG_CACHE_HOME ? { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME } : {}),
    ...(process.env.HOME ? { HOME: process.env.HOME } : {}),
  });
  await run.saw('key (this run only): ', 60_000);
  const output = run.output();
  const pid = Number(/\(throwaway FerretDB, pid (\d+)\)/.exec(output)?.[1]);
  const api = /^api\s+(http:\/\/127\.0\.0\.1:\d+)\/docs/m.exec(output)?.[1];
  const key = /key \(this run only\): (\S+)/.exec(output)?.[1];
  expect(pid, output).toBeGreaterThan(0);
  const articles = () => fetch(`${api}/v1/articles`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.status);
  expect(await articles()).toBe(200);

  process.kill(pid, 'SIGKILL');
  await run.saw('started again on the same data', 30_000);
  expect(run.output()).toMatch(/^mongodb  the throwaway FerretDB died \(SIGKILL\); started again on the same data \(.+\), pid \d+$/m);
  // The key was stored in the killed server's data: answering 200 means the same data is back.
  let status = 0;
  for (let i = 0; i < 40 && status !== 200; i++) {
    status = await articles();
    if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  expect(status).toBe(200);
  expect(await run.kill('SIGINT')).toBe(0);
}, 120_000);
