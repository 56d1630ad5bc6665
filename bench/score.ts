// Full analyses (extraction + scoring) per second on one core: seed-sized articles and
// short headlines, medians of 7 runs. Run: pnpm bench:score
import { createAnalyzer } from '../packages/score/src/index.ts';
import { reportThroughput } from './throughput.ts';

const analyzer = createAnalyzer();
reportThroughput('extract + score', (input) => analyzer.analyze(input), { perSecond: 1500, what: 'seed-sized analyses/s per core' });
