import { afterAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import { connectStore } from '@tickerwire/store';
import { deleteKeys, testRedis, uniquePrefix } from '../support/services.ts';
import { runCli } from '../support/processes.ts';

// The README's first command, as a person runs it (with --until-idle so it ends): the sample
// site through every stage into the database, the API up, a live view per stage.
const prefix = uniquePrefix('main-job');
const database = `twtest_main_${randomUUID().slice(0, 8)}`;
const redis = testRedis('producer');

afterAll(async () => {
  await deleteKeys(redis, prefix);
  redis.disconnect();
  const store = await connectStore(inject('mongodbUri'), database);
  await store.db.dropDatabase();
  await store.close();
});

it('start --until-idle stores the sample site, shows every stage, and serves the API', async () => {
  const run = await runCli(['start', '--until-idle', '--articles', '24'], {
    REDIS_URL: inject('redisUrl'),
    MONGODB_URI: inject('mongodbUri'),
    MONGODB_DB: database,
    TICKERWIRE_PREFIX: prefix,
    // A real MONGODB_URI: start needs the operator's key for webhook secrets.
    TICKERWIRE_SECRET_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  });
  expect(run.code, run.stderr).toBe(0);
  // Not a terminal: one summary line per reading, the table per stage once at the end.
  for (const stage of ['fetch', 'analyze', 'store', 'deliver']) expect(run.stdout.match(new RegExp(`^  ${stage}\\s+`, 'gm'))).toHaveLength(1);
  expect(run.stdout).toMatch(/^  \d{4}-\d\d-\d\dT\S+ \| fetched \d+.* \| stored \d+.* stories, \d+ events \| delivered \d+ \| queued \d+, active \d+, dead \d+, errors \d+$/m);
  expect(run.stdout).toMatch(/^api\s+http:\/\/127\.0\.0\.1:\d+\/docs/m);
  const done = /^done\s+(\d+) stories and (\d+) events stored from 4 sources$/m.exec(run.stdout);
  expect(done, run.stdout).not.toBeNull();
  expect(Number(done![1])).toBe(24);
  expect(Number(done![2])).toBeGreaterThan(24);

  const store = await connectStore(inject('mongodbUri'), database);
  try {
    expect(await store.db.collection('articles').countDocuments()).toBe(24);
  } finally {
    await store.close();
  }
}, 120_000);
