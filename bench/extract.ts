// Extraction throughput on one core (this process is single-threaded): seed-sized articles
// and short headlines, medians of 7 runs. Run: pnpm bench:extract
import { extractAnalysis } from '../packages/extract/src/index.ts';
import { reportThroughput } from './throughput.ts';

reportThroughput('extract', (input) => extractAnalysis(input), { perSecond: 2000, what: 'seed-sized articles/s per core' });
