import { Redis } from 'ioredis';
import { checkRedis, defaultCacheDir, provideMongo, redactUri } from '@tickerwire/local-servers';
import { assertNoEviction } from '@tickerwire/queue';
import { connectStore, ensureAllIndexes, repositories } from '@tickerwire/store';
import { readFile } from 'node:fs/promises';
import type { CliConfig } from '../config.ts';
import { analyzeArticle, parseArticle } from './analyze.ts';

const sampleArticle = new URL('../../../../infra/samples/sample-article.txt', import.meta.url);

/**
 * The main job. Until the pipeline lands it brings up what the pipeline stands on and shows
 * that it works: Redis (refusing an evicting one), MongoDB (or a throwaway FerretDB) with
 * every index created, then the analysis of the bundled sample article.
 */
export async function start(config: CliConfig, out: (line: string) => void): Promise<void> {
  await checkRedis(config.REDIS_URL);
  const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await assertNoEviction(redis);
  } finally {
    redis.disconnect();
  }
  out(`redis    ${config.REDIS_URL}  ok (maxmemory-policy noeviction)`);

  const mongo = await provideMongo(config.MONGODB_URI, defaultCacheDir(config.XDG_CACHE_HOME));
  try {
    const store = await connectStore(mongo.uri, config.MONGODB_DB);
    try {
      const repos = repositories(store.db);
      await ensureAllIndexes(repos);
      const kind = config.MONGODB_URI ? '' : ' (throwaway FerretDB)';
      out(`mongodb  ${redactUri(mongo.uri)}${kind}  ok, database ${config.MONGODB_DB}, indexes created`);
    } finally {
      await store.close();
    }
  } finally {
    await mongo.stop();
  }

  const analysis = analyzeArticle(parseArticle(await readFile(sampleArticle, 'utf8')));
  out(`sample   infra/samples/sample-article.txt: ${analysis.events.length} events for ${analysis.tickers.join(', ')}`);
  for (const event of analysis.events) out(`         ${describe(event)}`);
  out('         (full JSON: ./tickerwire analyze infra/samples/sample-article.txt)');
}

function describe(event: ReturnType<typeof analyzeArticle>['events'][number]): string {
  const who = event.ticker ?? event.company ?? 'sector';
  switch (event.type) {
    case 'analyst_rating':
      return `${who.padEnd(6)} rating  ${event.action} ${event.ratingFrom ? `${event.ratingFrom} → ` : ''}${event.ratingTo ?? ''}${event.firm ? ` (${event.firm})` : ''}`;
    case 'price_target':
      return `${who.padEnd(6)} target  ${event.action} ${event.from ?? '?'} → ${event.to ?? '?'} ${event.currency}${event.firm ? ` (${event.firm})` : ''}`;
    case 'contract':
      return `${who.padEnd(6)} contract ${event.value ? `${event.value.amount.toLocaleString('en-US')} ${event.value.currency}` : ''} ${event.capacityMw ?? '?'} MW with ${event.counterparties.join(', ') || '?'}`;
    case 'capacity':
      return `${who.padEnd(6)} capacity ${event.mw} MW ${event.kind}${event.horizon ? ` by ${event.horizon}` : ''}${event.site ? ` at ${event.site}` : ''}`;
    case 'valuation':
      return `${who.padEnd(6)} valuation ${event.metric} ${event.low ?? '…'}–${event.high} ${event.currency}${event.basis ? ` for ${event.basis}` : ''}`;
    case 'price_move':
      return `${who.padEnd(6)} move    ${event.direction} ${event.changePct ?? ''}${event.changePct !== null ? '%' : ''}${event.reference ? ` vs ${event.reference}` : ''}`;
  }
}
