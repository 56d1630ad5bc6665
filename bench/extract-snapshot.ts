// Output snapshot of the extractor, for speed work that must not change what it finds: runs
// extractAnalysis on every text of ../shared/eval (unlabeled pool, labelled headline sets, the
// tweets), on every prose record of eval/prose (title + body, with and without its tickers) and
// on the seed article, and writes all results as JSON. Diff two snapshots: they must be byte-identical.
// The output holds third-party text: write it outside the repository.
// Run: node bench/extract-snapshot.ts OUT.json [path/to/extract/src/index.ts]
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const [, , out, modPath = here('../packages/extract/src/index.ts')] = process.argv;
if (!out) throw new Error('usage: node bench/extract-snapshot.ts OUT.json [extract index.ts]');
const { extractAnalysis } = await import(modPath);
const shared = here('../../shared/eval');
const inputs: { id: string; input: { title?: string; body: string } }[] = [];
const jsonl = (p: string) => readFileSync(p, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
for (const f of readdirSync(`${shared}/unlabeled`).filter((f) => f.endsWith('.jsonl')))
  for (const r of jsonl(`${shared}/unlabeled/${f}`)) inputs.push({ id: `${f}:${r.id}`, input: { body: r.text ?? '', title: r.title } });
for (const f of readdirSync(shared).filter((f) => f.endsWith('.jsonl')))
  for (const r of jsonl(`${shared}/${f}`)) inputs.push({ id: `${f}:${r.id}`, input: { body: r.text ?? '', title: r.title } });
// Tweets: CSV "text,label" with quoted fields.
function parseCsv(s: string): string[][] {
  const rows: string[][] = []; let row: string[] = []; let field = ''; let q = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) { if (c === '"') { if (s[i + 1] === '"') { field += '"'; i++; } else q = false; } else field += c; }
    else if (c === '"') q = true; else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else if (c !== '\r') field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}
for (const f of ['train.csv', 'dev.csv']) {
  const rows = parseCsv(readFileSync(`${shared}/twitter-fin-sentiment/${f}`, 'utf8')).slice(1);
  rows.forEach((r, i) => inputs.push({ id: `tweets-${f}:${i}`, input: { body: r[0] ?? '' } }));
}
for (const f of readdirSync(here('../eval/prose')).filter((f) => f.endsWith('.jsonl')))
  for (const r of jsonl(here(`../eval/prose/${f}`))) {
    inputs.push({ id: `prose/${f}:${r.id}`, input: { title: r.title, body: r.body } });
    inputs.push({ id: `prose/${f}:${r.id}:tickers`, input: { title: r.title, body: r.body, tickers: r.tickers } as never });
  }
const seedRaw = readFileSync(here('../../shared/fixtures/seed-article.md'), 'utf8');
const [first = '', ...rest] = seedRaw.split('\n');
inputs.push({ id: 'seed', input: { title: first.replace(/^#+\s*/, ''), body: rest.join('\n').trim() } });
const t0 = performance.now();
const results = inputs.map(({ id, input }) => ({ id, out: extractAnalysis(input) }));
// One result a line, so a diff points at the texts that changed.
const ms = performance.now() - t0;
writeFileSync(out, JSON.stringify(results, null, 0).replace(/\},\{"id"/g, '},\n{"id"'));
console.log(`${inputs.length} texts in ${ms.toFixed(0)} ms -> ${out}`);
