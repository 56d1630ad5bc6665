// node services/writer — the writer stage of the chain (packages/pipeline/src/chain.ts) as its own process.
import { runService } from '@tickerwire/pipeline';
import { loadConfig } from './config.ts';

try {
  await runService(loadConfig(), 'writer');
} catch (error) {
  console.error(`writer: ${(error as Error).message}`);
  process.exit(1);
}
