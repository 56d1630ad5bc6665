// Every output of the analyzer on a fixed set of texts, one line each, written to a file so two
// versions can be compared byte for byte (a speed change must not change them):
//   node bench/score-output-snapshot.ts /tmp/before.txt   (then after the change)
//   node bench/score-output-snapshot.ts /tmp/after.txt && cmp /tmp/before.txt /tmp/after.txt
// Texts: shared/eval/unlabeled/*.jsonl and the tweets (title only, plus classify of each tweet as a
// text and as an entity context), eval/prose/*.jsonl (title and body), the seed article, and the
// entity headline sets (the analysis, and scoreEntity for each named entity). The third-party
// texts are read from ../shared at run time and written only to the file given (keep it outside
// the repo). A text set missing from ../shared is skipped and said so.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAnalyzer, parseLabelledCsv } from '../packages/score/src/index.ts';

const out = process.argv[2];
if (!out) throw new Error('usage: node bench/score-output-snapshot.ts OUT-FILE');
const shared = fileURLToPath(new URL('../../shared/', import.meta.url));
const prose = fileURLToPath(new URL('../eval/prose/', import.meta.url));
const analyzer = createAnalyzer();
const lines: string[] = [];
const emit = (id: string, value: unknown) => lines.push(`${id}\t${JSON.stringify(value)}`);
const jsonl = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const present = (path: string) => existsSync(path) || (console.log(`skipped (missing): ${path}`), false);

if (present(`${shared}eval/unlabeled`))
  for (const f of readdirSync(`${shared}eval/unlabeled`).filter((f) => f.endsWith('.jsonl')))
    for (const r of jsonl(`${shared}eval/unlabeled/${f}`)) emit(`u:${String(r.id)}`, analyzer.analyze({ title: String(r.text), body: '' }));
for (const f of readdirSync(prose).filter((f) => f.endsWith('.jsonl')))
  for (const r of jsonl(`${prose}${f}`)) emit(`p:${String(r.id)}`, analyzer.analyze({ title: String(r.title ?? ''), body: String(r.body ?? '') }));
if (present(`${shared}fixtures/seed-article.md`)) {
  const [first = '', ...rest] = readFileSync(`${shared}fixtures/seed-article.md`, 'utf8').split('\n');
  emit('seed', analyzer.analyze({ title: first.replace(/^#+\s*/, ''), body: rest.join('\n').trim() }));
}
for (const f of ['train.csv', 'dev.csv']) {
  const path = `${shared}eval/twitter-fin-sentiment/${f}`;
  if (!present(path)) continue;
  parseLabelledCsv(readFileSync(path, 'utf8')).forEach((r, i) => {
    emit(`t:${f}:${i}`, analyzer.analyze({ title: r.text, body: '' }));
    emit(`tc:${f}:${i}`, [analyzer.text.classifier.classify(r.text), analyzer.text.classifier.classify(r.text, 'entity')]);
  });
}
for (const f of ['sentfin-dev.jsonl', 'fiqa-headlines.jsonl', 'semeval2017-headlines.jsonl', 'ratings-dev.jsonl']) {
  if (!present(`${shared}eval/${f}`)) continue;
  for (const r of jsonl(`${shared}eval/${f}`)) {
    const text = String(r.text);
    emit(`e:${String(r.id)}`, analyzer.analyze({ title: text, body: '' }));
    if (r.entities && typeof r.entities === 'object' && !Array.isArray(r.entities)) for (const name of Object.keys(r.entities)) emit(`es:${String(r.id)}:${name}`, analyzer.text.scoreEntity(text, name));
  }
}
const text = `${lines.join('\n')}\n`;
writeFileSync(out, text);
console.log(`${lines.length} outputs, sha256 ${createHash('sha256').update(text).digest('hex').slice(0, 16)} -> ${out}`);
