import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  createAnalyzer,
  createSentenceScorer,
  createTextSentimentScorer,
  evalFiles,
  evaluateClassification,
  ownResultSentences,
  ownEntitySentences,
  ownNewsSentences,
  blind3EntityTexts,
  blind4EntityTexts,
  blind5EntityTexts,
  blind6EntityTexts,
  blind3NewsSentences,
  blindEntityTexts,
  blindNewsSentences,
  resultsGuidanceSentences,
  evaluateEntities,
  formatConfusion,
  labelFromAfinn,
  parseEntityJsonLines,
  parseLabelledCsv,
  parseLabelledJsonLines,
  polarityOf,
  splitHeldOut,
  textLabels,
  type ClassificationReport,
  type TextSentimentScorer,
} from '@tickerwire/score';
import { inLockbox } from '@tickerwire/extract';
import { UsageError } from '../config.ts';

const pct = (x: number) => (x * 100).toFixed(1);

/** What kind of labelled file this is, from its first record. */
export function sentimentFileKind(content: string): 'text-labels' | 'entity-labels' | null {
  const first = content.split('\n').find((l) => l.trim()) ?? '';
  if (!first.trimStart().startsWith('{')) return /(^|,)\s*label\s*(,|$)/i.test(first) ? 'text-labels' : null;
  try {
    const record = JSON.parse(first) as Record<string, unknown>;
    if (record.entities && typeof record.entities === 'object' && !Array.isArray(record.entities) && !('events' in record)) return 'entity-labels';
    if (typeof record.label === 'string') return 'text-labels';
  } catch {
    throw new UsageError('first line looks like JSON but does not parse');
  }
  return null;
}

type Rows = [name: string, report: ClassificationReport<string>][];

/** True when `file` is sentfin-dev.jsonl, two thirds of which the text model learned from. */
export function isTrainingHeadlines(file: string | undefined): boolean {
  return file !== undefined && resolve(file) === resolve(evalFiles.entityHeadlines);
}

/**
 * The rows for one labelled file: natural's AFINN baseline, then ours. Per text: the text
 * model alone, and the text model with the events extraction finds in the text (how an
 * analysis reads a sentence: a company's reported figures decide). Per entity: our per-entity
 * scorer. In sentfin-dev.jsonl only the held-out third counts (the rest is training data).
 */
function sentimentRows(scorer: TextSentimentScorer, content: string, kind: 'text-labels' | 'entity-labels', heldOutOnly: boolean): { rows: Rows; what: string } {
  const baselineLabel = (text: string) => labelFromAfinn(scorer.afinn.score(text));
  if (kind === 'text-labels') {
    const examples = content.trimStart().startsWith('{') ? parseLabelledJsonLines(content) : parseLabelledCsv(content);
    const expected = examples.map((e) => e.label);
    const sentence = createSentenceScorer(scorer);
    const analyzer = createAnalyzer({ text: scorer });
    return {
      what: `${examples.length} labelled texts`,
      rows: [
        ['natural AFINN baseline', evaluateClassification(textLabels, expected, examples.map((e) => baselineLabel(e.text)))],
        ['tickerwire text model', evaluateClassification(textLabels, expected, examples.map((e) => scorer.classifier.classify(e.text).label))],
        ['tickerwire text + events', evaluateClassification(textLabels, expected, examples.map((e) => sentence(e.text).label))],
        // The whole analysis of each text as an article (events, phrase rules, text model): its article label.
        ['tickerwire analysis', evaluateClassification(textLabels, expected, examples.map((e) => analyzer.analyze({ body: e.text }).sentiment.label))],
      ],
    };
  }
  const all = parseEntityJsonLines(content);
  const headlines = heldOutOnly ? splitHeldOut(all).heldOut : all;
  const rows: Rows = [
    ['natural AFINN baseline', evaluateEntities(headlines, (text) => ({ polarity: polarityOf(baselineLabel(text)) }))],
    ['tickerwire per-entity', evaluateEntities(headlines, (text, entity) => scorer.scoreEntity(text, entity))],
  ];
  const part = heldOutOnly ? ` (the held-out third of ${all.length}; the model trained on the rest)` : '';
  return { what: `${headlines.length} headlines${part}, ${rows[0]![1].count} labelled entities`, rows };
}

/** The records of a labelled set outside its lockbox (a seeded third by id, scored only at the end of a piece of work). */
export function devPart(content: string): string {
  return content
    .split('\n')
    .filter((line) => line.trim() !== '' && !inLockbox(String((JSON.parse(line) as { id?: unknown }).id)))
    .join('\n');
}

/** The records of a labelled set inside its lockbox third. */
export function lockboxPart(content: string): string {
  return content
    .split('\n')
    .filter((line) => line.trim() !== '' && inLockbox(String((JSON.parse(line) as { id?: unknown }).id)))
    .join('\n');
}

function printRows(rows: Rows, out: (line: string) => void): void {
  out(`${'scorer'.padEnd(26)} accuracy  macro-F1`);
  for (const [name, report] of rows) out(`${name.padEnd(26)} ${pct(report.accuracy).padStart(8)}  ${pct(report.macroF1).padStart(8)}`);
}

/**
 * Sentiment on labelled texts (CSV `text,label` or JSON Lines `{text, label}`), or per entity
 * (JSON Lines `{text, entities: {name: positive|negative|neutral}}`): natural's AFINN baseline
 * and ours side by side in one run.
 */
export function evaluateSentiment(content: string, kind: 'text-labels' | 'entity-labels', out: (line: string) => void, options: { heldOutOnly?: boolean } = {}): void {
  const { rows, what } = sentimentRows(createTextSentimentScorer(), content, kind, options.heldOutOnly === true);
  out(what);
  out('');
  printRows(rows, out);
  for (const [name, report] of rows) {
    out('');
    out(`confusion, ${name} (rows expected, columns predicted):`);
    out(formatConfusion(report));
  }
}

/**
 * The dev files `eval --sentiment` reads from ../shared/eval, with how each is labelled, and
 * our own: 30 PhraseBank-style sentences on companies' results and 52 news sentences of every
 * kind and 20 multi-company sentences (packages/score/fixtures), and the `sentiment` labels of
 * eval/results-guidance/sentences.jsonl outside its lockbox third.
 */
export const sentimentDevFiles = [
  { name: 'tweets dev.csv', path: evalFiles.tweetDev, kind: 'text-labels' },
  { name: 'sentfin-dev held-out third', path: evalFiles.entityHeadlines, kind: 'entity-labels' },
  { name: 'semeval2017-headlines', path: evalFiles.semevalHeadlines, kind: 'entity-labels' },
  { name: 'fiqa-headlines', path: evalFiles.fiqaHeadlines, kind: 'entity-labels' },
  { name: 'our results sentences', path: ownResultSentences, kind: 'text-labels' },
  { name: 'our news sentences', path: ownNewsSentences, kind: 'text-labels' },
  { name: 'results-guidance set, dev part', path: resultsGuidanceSentences, kind: 'text-labels', devPartOnly: true },
  { name: 'our multi-company sentences', path: ownEntitySentences, kind: 'entity-labels' },
  { name: 'blind news sentences, dev', path: blindNewsSentences, kind: 'text-labels', devPartOnly: true },
  { name: 'blind entity texts, dev', path: blindEntityTexts, kind: 'entity-labels', devPartOnly: true },
  { name: 'blind3 news sentences, dev', path: blind3NewsSentences, kind: 'text-labels', devPartOnly: true },
  { name: 'blind3 entity texts, dev', path: blind3EntityTexts, kind: 'entity-labels', devPartOnly: true },
  { name: 'blind4 entity texts, dev', path: blind4EntityTexts, kind: 'entity-labels', devPartOnly: true },
  { name: 'blind5 entity texts, dev', path: blind5EntityTexts, kind: 'entity-labels', devPartOnly: true },
  { name: 'blind6 entity texts, dev', path: blind6EntityTexts, kind: 'entity-labels', devPartOnly: true },
] as const;

/** `eval --sentiment --part lockbox`: the seeded thirds kept for the end, scored alone. */
export const sentimentLockboxFiles = [
  { name: 'results-guidance set, lockbox', path: resultsGuidanceSentences, kind: 'text-labels', lockboxPartOnly: true },
  { name: 'blind news sentences, lockbox', path: blindNewsSentences, kind: 'text-labels', lockboxPartOnly: true },
  { name: 'blind entity texts, lockbox', path: blindEntityTexts, kind: 'entity-labels', lockboxPartOnly: true },
  { name: 'blind3 news sentences, lockbox', path: blind3NewsSentences, kind: 'text-labels', lockboxPartOnly: true },
  { name: 'blind3 entity texts, lockbox', path: blind3EntityTexts, kind: 'entity-labels', lockboxPartOnly: true },
  { name: 'blind4 entity texts, lockbox', path: blind4EntityTexts, kind: 'entity-labels', lockboxPartOnly: true },
  { name: 'blind5 entity texts, lockbox', path: blind5EntityTexts, kind: 'entity-labels', lockboxPartOnly: true },
  { name: 'blind6 entity texts, lockbox', path: blind6EntityTexts, kind: 'entity-labels', lockboxPartOnly: true },
] as const;

/**
 * `eval --sentiment`: every sentiment dev file in one run, each file's table (baseline beside
 * ours) and confusion matrices, then one summary line per file.
 */
export function evaluateSentimentDevFiles(out: (line: string) => void, part: 'dev' | 'lockbox' = 'dev'): number {
  const files: readonly { name: string; path: string; kind: 'text-labels' | 'entity-labels'; devPartOnly?: boolean; lockboxPartOnly?: boolean }[] = part === 'lockbox' ? sentimentLockboxFiles : sentimentDevFiles;
  const missing = files.filter((f) => !existsSync(f.path));
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((f) => f.path).join(', ')} (the shared evaluation files)`);
  const scorer = createTextSentimentScorer();
  const summary: { name: string; what: string; rows: Rows }[] = [];
  for (const file of files) {
    const content = readFileSync(file.path, 'utf8');
    const chosen = file.devPartOnly ? devPart(content) : file.lockboxPartOnly ? lockboxPart(content) : content;
    const { rows, what } = sentimentRows(scorer, chosen, file.kind, isTrainingHeadlines(file.path));
    summary.push({ name: file.name, what, rows });
    out(`== ${file.name}: ${what}`);
    printRows(rows, out);
    const ours = rows[rows.length === 4 ? 2 : rows.length - 1]!;
    out(`confusion, ${ours[0]} (rows expected, columns predicted):`);
    out(formatConfusion(ours[1]));
    out('');
  }
  out('summary (accuracy / macro-F1, %):');
  out(`${'file'.padEnd(32)} ${'AFINN'.padStart(11)}  ${'text model'.padStart(11)}  ${'ours'.padStart(11)}  ${'article'.padStart(11)}`);
  for (const { name, rows } of summary) {
    const cell = (report: ClassificationReport<string> | undefined) => (report ? `${pct(report.accuracy)} / ${pct(report.macroF1)}` : '').padStart(11);
    // Per text: AFINN, text model, text + events (ours), the analysis's article label; per entity: AFINN, per-entity (ours).
    const perText = rows.length === 4;
    out(`${name.padEnd(32)} ${cell(rows[0]![1])}  ${cell(perText ? rows[1]![1] : undefined)}  ${cell(rows[perText ? 2 : 1]![1])}  ${cell(perText ? rows[3]![1] : undefined)}`);
  }
  return 0;
}
