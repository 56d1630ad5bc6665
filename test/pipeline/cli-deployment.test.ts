import { afterAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, existsSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectStore } from '@tickerwire/store';
import { deleteKeys, testRedis, uniquePrefix } from '../support/services.ts';
import { runCli, startCli, type ServiceProcess } from '../support/processes.ts';
import { findDeployment } from '../../packages/cli/src/deployment.ts';
import { loadCliConfig } from '../../packages/cli/src/config.ts';
import { sourcesCommand } from '../../packages/cli/src/commands/operate.ts';

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
  run = startCli(['start', '--articles', '6'], {
    REDIS_URL: inject('redisUrl'),
    MONGODB_URI: inject('mongodbUri'),
    MONGODB_DB: database,
    TICKERWIRE_PREFIX: prefix,
    TICKERWIRE_SECRET_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    XDG_CACHE_HOME: cache,
    API_PORT: '0',
  });
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
  for (let i = 0; i < 120 && !/\| stored [1-9]/.test(run.output()); i++) await new Promise((resolve) => setTimeout(resolve, 500));
  let queues = await cli('queues');
  // Finished analyze/store jobs are removed (they carry articles); fetch keeps its completed count.
  for (let i = 0; i < 5 && !/^fetch\s+\d+\s+\d+\s+\d+\s+\d+\s+[1-9]/m.test(queues.stdout); i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    queues = await cli('queues');
  }
  expect(queues.code, queues.stderr).toBe(0);
  expect(queues.stderr).toContain(`deployment of ./tickerwire start, pid ${run.child.pid}: redis`);
  expect(queues.stderr).toContain(`key prefix ${prefix}`);
  expect(queues.stderr).not.toContain('newest of');
  expect(queues.stdout).toMatch(/^fetch\s+\d+\s+\d+\s+\d+\s+\d+\s+[1-9]/m);
  expect(existsSync(stale)).toBe(false);

  // sources: the run's database.
  const listed = await cli('sources', 'list');
  expect(listed.code, listed.stderr).toBe(0);
  expect(listed.stdout).toMatch(/^sample-\S+\s+feed/m);

  // The rest in this process (each spawned command costs seconds): the same code, on the same found deployment.
  const found = await findDeployment(loadCliConfig(shell), shell);
  expect(found.config.TICKERWIRE_PREFIX).toBe(prefix);
  const lines: string[] = [];
  const sources = (...args: string[]) => sourcesCommand(found.config, args, (line) => lines.push(line));
  const lastLine = () => lines.at(-1);
  const add = ['add', '--id', 'extra-feed', '--url', 'http://127.0.0.1:9/feed.xml', '--interval', '300'];
  expect(await sources(...add)).toBe(0);
  expect(lastLine()).toContain('added extra-feed');
  expect(await sources(...add)).toBe(0);
  expect(lastLine()).toBe('extra-feed exists already with these settings: unchanged');
  expect(await sources('add', '--id', 'extra-feed', '--url', 'http://127.0.0.1:9/other.xml')).toBe(1);

  expect(await sources('update', 'extra-feed', '--interval', '60', '--disable', '--tags', 'mine,test')).toBe(0);
  expect(lastLine()).toBe('updated extra-feed: interval, tags, enabled; the scheduler picks it up within seconds');
  expect(await sources('update', 'extra-feed', '--interval', '60')).toBe(0);
  expect(lastLine()).toContain('extra-feed: unchanged');
  const store = await connectStore(inject('mongodbUri'), database);
  try {
    expect(await store.db.collection('sources').findOne({ _id: 'extra-feed' as never })).toMatchObject({ interval: 60, enabled: false, tags: ['mine', 'test'], url: 'http://127.0.0.1:9/feed.xml' });
  } finally {
    await store.close();
  }
  // Checked as the API checks a PATCH: the field named, an unknown id named, a refused address refused.
  await expect(sources('update', 'extra-feed', '--interval', '5')).rejects.toThrow(/interval/);
  await expect(sources('update', 'extra-feed', '--kind', 'podcast')).rejects.toThrow(/kind/);
  await expect(sources('update', 'extra-feed', '--url', 'http://10.11.12.13/feed.xml')).rejects.toThrow(/url/);
  await expect(sources('update', 'extra-feed')).rejects.toThrow(/nothing to change/);
  // As the command line shows them: one line each, exit 1 for a conflict or a bad field, 2 for an unknown id.
  const [different, unknown] = await Promise.all([
    cli('sources', 'add', '--id', 'extra-feed', '--url', 'http://127.0.0.1:9/other.xml'),
    cli('sources', 'update', 'no-such-source', '--interval', '60'),
  ]);
  expect(different.code).toBe(1);
  expect(different.stderr).toMatch(/^tickerwire: source extra-feed exists already with other url, interval, tags, enabled: not changed; use tickerwire sources update extra-feed/m);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('tickerwire: no source "no-such-source"');

  expect(await sources('remove', 'extra-feed')).toBe(0);
  expect(lastLine()).toContain('removed extra-feed');
  await expect(sources('remove', 'extra-feed')).rejects.toThrow('no source "extra-feed"');

  // The environment names another deployment: it wins, and says so.
  const fromEnv = await findDeployment(loadCliConfig({ ...shell, TICKERWIRE_PREFIX: 'elsewhere' }), { ...shell, TICKERWIRE_PREFIX: 'elsewhere' });
  expect(fromEnv.description).toContain('deployment from the environment: redis');
  expect(fromEnv.config.TICKERWIRE_PREFIX).toBe('elsewhere');

  expect(await run.kill('SIGINT')).toBe(0);
  expect(existsSync(path!)).toBe(false);
  expect((await findDeployment(loadCliConfig(shell), shell)).description).toContain('no running ./tickerwire start found');
  expect(readdirSync(runDir)).toEqual([]);
}, 120_000);

it('a running start on another Redis than REDIS_URL names is not used', async () => {
  mkdirSync(runDir, { recursive: true });
  const pid = process.pid; // alive: this test process stands in for a start on another Redis
  writeFileSync(join(runDir, `start-${pid}.json`), JSON.stringify({ pid, processStart: null, startedAt: new Date().toISOString(), redisUrl: 'redis://127.0.0.1:1', mongodbUri: 'mongodb://127.0.0.1:1/', mongodbDb: 'x', prefix: 'other', apiUrl: 'http://127.0.0.1:1', throwaway: false }), { mode: 0o600 });
  const here = { ...shell, REDIS_URL: inject('redisUrl') };
  expect((await findDeployment(loadCliConfig(here), here)).description).toContain('no running ./tickerwire start found');
  // Without REDIS_URL it is that run.
  const any = await findDeployment(loadCliConfig(shell), shell);
  expect(any.description).toContain(`deployment of ./tickerwire start, pid ${pid}`);
  expect(any.config).toMatchObject({ REDIS_URL: 'redis://127.0.0.1:1', TICKERWIRE_PREFIX: 'other' });
}, 60_000);
