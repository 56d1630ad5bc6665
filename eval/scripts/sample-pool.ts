/**
 * Draws the seeded, stratified sample of `shared/eval/unlabeled/headlines-pool.jsonl` that we
 * label by hand (issue #14): like `ratings-dev.jsonl`, about 85% of the records hold a
 * rating-action word and 15% do not. Prints one id per line, in pool order, with its stratum
 * and whether it falls in the lockbox (the seeded third scored only at the end).
 *
 *   node eval/scripts/sample-pool.ts [--size 600] [--seed 20261204] [--exclude a.ids,b.ids]
 *
 * `--exclude` leaves out the ids listed in earlier batches, so a new batch is fresh text.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { inLockbox } from '../../packages/extract/src/lockbox.ts';
import { seededRandom } from '../../packages/sample-site/src/random.ts';

const { values } = parseArgs({ options: { size: { type: 'string', default: '600' }, seed: { type: 'string', default: '20261204' }, exclude: { type: 'string', default: '' } } });
const size = Number(values.size);
const seed = Number(values.seed);

// Words that mark an analyst action in a headline; the stratum only, not a label.
const actionWord = /\b(?:upgrad|downgrad|initiat|maintain|reiterat|price target|PT\b|coverage|resum|assum|overweight|underweight|outperform|underperform|equal.weight|market perform|sector perform|neutral|rating)/i;

const poolPath = fileURLToPath(new URL('../../../shared/eval/unlabeled/headlines-pool.jsonl', import.meta.url));
const excluded = new Set(
  values.exclude
    .split(',')
    .filter(Boolean)
    .flatMap((file) => readFileSync(file, 'utf8').split('\n'))
    .map((line) => line.split('\t')[0]!.trim())
    .filter(Boolean),
);
const pool = readFileSync(poolPath, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { id: string; text: string })
  .filter((r) => !excluded.has(r.id));

function draw<T>(items: T[], count: number, next: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, count);
}

// mulberry32 (the sample site's generator), so the sample is the same on every machine.
const next = seededRandom(seed).next;
const action = pool.filter((r) => actionWord.test(r.text));
const other = pool.filter((r) => !actionWord.test(r.text));
const actionCount = Math.round(size * 0.85);
const chosen = new Set([...draw(action, actionCount, next), ...draw(other, size - actionCount, next)].map((r) => r.id));
for (const r of pool) {
  if (!chosen.has(r.id)) continue;
  console.log(`${r.id}\t${actionWord.test(r.text) ? 'action' : 'other'}\t${inLockbox(r.id) ? 'lockbox' : 'dev'}`);
}
