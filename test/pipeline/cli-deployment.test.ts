import { afterAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, existsSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectStore } from '@tickerwire/store';
import { deleteKeys, testRedis, uniquePrefix } from '../support/services.ts';
import { runCli, startProcess, type ServiceProcess } from '../support/processes.ts';

// Issue #16 item 8: the operating commands find the deployment `./tickerwire start` runs,
// without MONGODB_URI or TICKERWIRE_PREFIX, and manage its sources (add, update, remove).
const prefix = uniquePrefix('cli-deploy');
const database = `twtest_clideploy_${randomUUID().slice(0, 8)}`;
const cache = mkdtempSync(join(tmpdir(), 'tickerwire-cache-'));
const runDir = join(cache, 'tickerwire', 'run');
const redis = testRedis('producer');
let run: ServiceProcess | undefined;

afterAll(async () => {
  await run?.kill('SIGINT');
  await deleteKeys(redis, prefix);
  redis.disconnect();
  const store = await connectStore(inject('mongodbUri'), database);
  await store.db.dropDatabase();
  await store.close();
});

// What a person's other shell has: no MONGODB_URI, no TICKERWIRE_PREFIX.
const shell = { XDG_CACHE_HOME: cache, TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST: '127.0.0.1' };
const cli = (...args: string[]) => runCli(args, shell);

it('start leaves a state file (0600) the other commands use; sources update and remove; gone at exit', async () => {
  run = startProcess('packages/cli/src/main.ts', {
    REDIS_URL: inject('redisUrl'),
    MONGODB_URI: inject('mongodbUri'),
    MONGODB_DB: database,
    TICKERWIRE_PREFIX: prefix,
    TICKERWIRE_SECRET_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    XDG_CACHE_HOME: cache,
    API_PORT: '0',
  }, ['start', '--articles', '6']);
  await run.saw('\npipeline ', 60_000);
  const output = run.output();
  const path = /^state\s+(\S+) \(removed at exit\)/m.exec(output)?.[1];
  expect(path, output).toBe(join(runDir, `start-${run.child.pid}.json`));
  expect(output).toMatch(new RegExp(`^\\s+or set REDIS_URL=\\S+ MONGODB_URI=\\S+ MONGODB_DB=${database} TICKERWIRE_PREFIX=${prefix}$`, 'm'));
  expect(statSync(path!).mode & 0o777).toBe(0o600);
  const state = JSON.parse(readFileSync(path!, 'utf8'));
  expect(state).toMatchObject({ pid: run.child.pid, prefix, mongodbDb: database, redisUrl: inject('redisUrl'), apiUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });

  // A state file of a process that is gone is ignored, and removed.
  const gone = spawnSync(process.execPath, ['-e', '']).pid!;
  const stale = join(runDir, `start-${gone}.json`);
  writeFileSync(stale, JSON.stringify({ ...state, pid: gone, prefix: 'stale', startedAt: new Date(Date.now() + 60_000).toISOString() }), { mode: 0o600 });

  // queues: this run's prefix, so its work shows, and it says which deployment it is.
  await run.saw(' | stored ', 30_000);
  let queues = await cli('queues');
  for (let i = 0; i < 40 && !/^store\s+\d+\s+\d+\s+\d+\s+\d+\s+[1-9]/m.test(queues.stdout); i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    queues = await cli('queues');
  }
  expect(queues.code, queues.stderr).toBe(0);
  expect(queues.stderr).toContain(`deployment of ./tickerwire start, pid ${run.child.pid}: redis`);
  expect(queues.stderr).toContain(`key prefix ${prefix}`);
  expect(queues.stderr).not.toContain('newest of');
  expect(queues.stdout).toMatch(/^store\s+\d+\s+\d+\s+\d+\s+\d+\s+[1-9]/m);
  expect(existsSync(stale)).toBe(false);

  // sources: the run's database.
  const listed = await cli('sources', 'list');
  expect(listed.code, listed.stderr).toBe(0);
  expect(listed.stdout).toMatch(/^sample-\S+\s+feed/m);

  const add = ['sources', 'add', '--id', 'extra-feed', '--url', 'http://127.0.0.1:9/feed.xml', '--interval', '300'];
  expect((await cli(...add)).stdout).toContain('added extra-feed');
  const again = await cli(...add);
  expect(again.code).toBe(0);
  expect(again.stdout).toContain('extra-feed exists already with these settings: unchanged');
  const different = await cli('sources', 'add', '--id', 'extra-feed', '--url', 'http://127.0.0.1:9/other.xml');
  expect(different.code).toBe(1);
  expect(different.stderr).toContain('source extra-feed exists already with other url: not changed; use tickerwire sources update extra-feed');

  const updated = await cli('sources', 'update', 'extra-feed', '--interval', '60', '--disable', '--tags', 'mine,test');
  expect(updated.code, updated.stderr).toBe(0);
  expect(updated.stdout).toBe('updated extra-feed: interval, tags, enabled; the scheduler picks it up within seconds\n');
  expect((await cli('sources', 'update', 'extra-feed', '--interval', '60')).stdout).toContain('extra-feed: unchanged');
  const store = await connectStore(inject('mongodbUri'), database);
  try {
    expect(await store.db.collection('sources').findOne({ _id: 'extra-feed' as never })).toMatchObject({ interval: 60, enabled: false, tags: ['mine', 'test'], url: 'http://127.0.0.1:9/feed.xml' });
  } finally {
    await store.close();
  }
  // Checked as the API checks a PATCH: the field named, an unknown id named, a refused address refused.
  const tooOften = await cli('sources', 'update', 'extra-feed', '--interval', '5');
  expect(tooOften.code).toBe(1);
  expect(tooOften.stderr).toMatch(/^tickerwire: .*interval.*$/m);
  const badKind = await cli('sources', 'update', 'extra-feed', '--kind', 'podcast');
  expect(badKind.code).toBe(1);
  expect(badKind.stderr).toMatch(/kind/);
  const privateUrl = await cli('sources', 'update', 'extra-feed', '--url', 'http://10.11.12.13/feed.xml');
  expect(privateUrl.code).toBe(1);
  expect(privateUrl.stderr).toMatch(/url/);
  const unknown = await cli('sources', 'update', 'no-such-source', '--interval', '60');
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('no source "no-such-source"');
  expect((await cli('sources', 'update', 'extra-feed')).stderr).toContain('nothing to change');

  const removed = await cli('sources', 'remove', 'extra-feed');
  expect(removed.code, removed.stderr).toBe(0);
  expect(removed.stdout).toContain('removed extra-feed');
  const removedAgain = await cli('sources', 'remove', 'extra-feed');
  expect(removedAgain.code).toBe(2);
  expect(removedAgain.stderr).toContain('no source "extra-feed"');

  // The environment names another deployment: it wins, and says so.
  const fromEnv = await runCli(['queues'], { ...shell, TICKERWIRE_PREFIX: 'elsewhere' });
  expect(fromEnv.stderr).toContain('deployment from the environment: redis');
  expect(fromEnv.stderr).toContain('key prefix elsewhere');

  expect(await run.kill('SIGINT')).toBe(0);
  expect(existsSync(path!)).toBe(false);
  const after = await cli('queues');
  expect(after.stderr).toContain('no running ./tickerwire start found');
  expect(readdirSync(runDir)).toEqual([]);
}, 120_000);

it('a running start on another Redis than REDIS_URL names is not used', async () => {
  mkdirSync(runDir, { recursive: true });
  const pid = process.pid; // alive: this test process stands in for a start on another Redis
  writeFileSync(join(runDir, `start-${pid}.json`), JSON.stringify({ pid, processStart: null, startedAt: new Date().toISOString(), redisUrl: 'redis://127.0.0.1:1', mongodbUri: 'mongodb://127.0.0.1:1/', mongodbDb: 'x', prefix: 'other', apiUrl: 'http://127.0.0.1:1', throwaway: false }), { mode: 0o600 });
  const here = await runCli(['queues'], { ...shell, REDIS_URL: inject('redisUrl') });
  expect(here.stderr).toContain('no running ./tickerwire start found');
  const any = await runCli(['sources', 'list'], { ...shell });
  // Without REDIS_URL it is that run (unreachable here: the command fails, having said which it tried).
  expect(any.stderr).toContain(`deployment of ./tickerwire start, pid ${pid}`);
}, 60_000);
