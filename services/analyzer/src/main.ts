// node services/analyzer — the analyzer stage of the chain (packages/pipeline/src/chain.ts) as its own process.
import { runService } from '@tickerwire/pipeline';
import { loadConfig } from './config.ts';

try {
  await runService(loadConfig(), 'analyzer');
} catch (error) {
  console.error(`analyzer: ${(error as Error).message}`);
  process.exit(1);
}
