// Full analyses (extraction + scoring) per second on one core: seed-sized articles
// and short headlines, medians of 7 runs. Run: pnpm bench:score
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ArticleInput } from '../packages/extract/src/index.ts';
import { createAnalyzer } from '../packages/score/src/index.ts';

const analyzer = createAnalyzer();
const extractAnalysis = (input: ArticleInput) => analyzer.analyze(input);
import { medianRate } from './stats.ts';

function articleFrom(path: string): ArticleInput {
  const raw = readFileSync(path, 'utf8');
  const [first = '', ...rest] = raw.split('\n');
  return { title: first.replace(/^#+\s*/, ''), body: rest.join('\n').trim() };
}

// The seed article is read from ../shared when present (never copied); our own sample otherwise.
const seedPath = fileURLToPath(new URL('../../shared/fixtures/seed-article.md', import.meta.url));
const samplePath = fileURLToPath(new URL('../infra/samples/sample-article.txt', import.meta.url));
const article = articleFrom(existsSync(seedPath) ? seedPath : samplePath);
const articleName = existsSync(seedPath) ? 'seed article' : 'bundled sample article';

// Headlines generated from our own templates.
const firms = ['Goldman Sachs', 'UBS', 'Citi', 'Morgan Stanley', 'Needham', 'KeyBanc Capital'];
const companies = [['Acme Robotics', 'ACME'], ['Delta Data', 'DLTA'], ['Zeta Mining', 'ZETA'], ['Omega Chips', 'OMG']] as const;
const headlines: ArticleInput[] = [];
for (let i = 0; i < 240; i++) {
  const firm = firms[i % firms.length]!;
  const [name, ticker] = companies[i % companies.length]!;
  const price = 10 + (i % 50);
  const forms = [
    `${firm} Upgrades ${name} to Buy, Raises Price Target to $${price}`,
    `${name} (${ticker}) price target cut to $${price} from $${price + 7} at ${firm}`,
    `${firm} Maintains Neutral on ${name}, Lowers PT to $${price}.00`,
    `${name} shares jump ${i % 9}% after quarterly results beat estimates`,
  ];
  headlines.push({ body: forms[i % forms.length]! });
}

const seed = medianRate(() => {
  extractAnalysis(article);
  return 1;
});
let next = 0;
const short = medianRate(() => {
  for (let i = 0; i < 20; i++) extractAnalysis(headlines[next++ % headlines.length]!);
  return 20;
});

const chars = (article.title?.length ?? 0) + article.body.length;
console.log(`extract + score, one core, median of ${seed.rates.length} runs (node ${process.version})`);
console.log(`  ${articleName} (${chars} chars): ${Math.round(seed.rate)} articles/s  (${(1e6 / seed.rate).toFixed(0)} µs each)`);
console.log(`  short headlines:        ${Math.round(short.rate)} headlines/s (${(1e6 / short.rate).toFixed(0)} µs each)`);
console.log(`  target >= 1500 seed-sized analyses/s per core: ${seed.rate >= 1500 ? 'met' : 'NOT met'}`);
