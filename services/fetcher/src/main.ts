// node services/fetcher — the fetcher stage of the chain (packages/pipeline/src/chain.ts) as its own process.
import { runService } from '@tickerwire/pipeline';
import { loadConfig } from './config.ts';

try {
  await runService(loadConfig(), 'fetcher');
} catch (error) {
  console.error(`fetcher: ${(error as Error).message}`);
  process.exit(1);
}
