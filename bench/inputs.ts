/** Inputs shared by the extraction and scoring benchmarks. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ArticleInput } from '../packages/extract/src/index.ts';

function articleFrom(path: string): ArticleInput {
  const raw = readFileSync(path, 'utf8');
  const [first = '', ...rest] = raw.split('\n');
  return { title: first.replace(/^#+\s*/, ''), body: rest.join('\n').trim() };
}

// The seed article is read from ../shared when present (never copied); our own sample otherwise.
const seedPath = fileURLToPath(new URL('../../shared/fixtures/seed-article.md', import.meta.url));
const samplePath = fileURLToPath(new URL('../infra/samples/sample-article.txt', import.meta.url));
export const article = articleFrom(existsSync(seedPath) ? seedPath : samplePath);
export const articleName = existsSync(seedPath) ? 'seed article' : 'bundled sample article';
export const articleChars = (article.title?.length ?? 0) + article.body.length;

/** Headlines generated from our own templates. */
export const headlines: ArticleInput[] = [];
const firms = ['Goldman Sachs', 'UBS', 'Citi', 'Morgan Stanley', 'Needham', 'KeyBanc Capital'];
const companies = [['Acme Robotics', 'ACME'], ['Delta Data', 'DLTA'], ['Zeta Mining', 'ZETA'], ['Omega Chips', 'OMG']] as const;
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
