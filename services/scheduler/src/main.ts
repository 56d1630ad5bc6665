// node services/scheduler — the scheduler stage of the chain (packages/pipeline/src/chain.ts) as its own process.
import { runService } from '@tickerwire/pipeline';
import { loadConfig } from './config.ts';

try {
  await runService(loadConfig(), 'scheduler');
} catch (error) {
  console.error(`scheduler: ${(error as Error).message}`);
  process.exit(1);
}
