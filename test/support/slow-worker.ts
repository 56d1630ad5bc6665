// A worker process for the shutdown test: works `fetch-source` jobs slowly and closes on
// SIGTERM/SIGINT the way every service does. argv: REDIS_URL PREFIX JOB_MS
import { closeOnSignals, createRedis, startWorker } from '@tickerwire/queue';

const [redisUrl, prefix, jobMs] = process.argv.slice(2);
if (!redisUrl || !prefix || !jobMs) throw new Error('usage: slow-worker REDIS_URL PREFIX JOB_MS');

const connection = createRedis(redisUrl, 'worker', (e) => console.error(`redis: ${e.message}`));
const worker = startWorker(
  'fetch',
  {
    'fetch-source': async ({ sourceId: articleId }) => {
      console.log(`started ${articleId}`);
      await new Promise((resolve) => setTimeout(resolve, Number(jobMs)));
      return { finished: articleId };
    },
  },
  { connection, prefix, concurrency: 1, onError: (e) => console.error(`worker: ${e.message}`) },
);
closeOnSignals([worker, { close: async () => void connection.disconnect() }], (m) => console.log(m));
await worker.waitUntilReady();
console.log('ready');
