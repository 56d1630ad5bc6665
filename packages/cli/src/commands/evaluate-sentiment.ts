import {
  createTextSentimentScorer,
  evaluateClassification,
  evaluateEntities,
  formatConfusion,
  labelFromAfinn,
  parseEntityJsonLines,
  parseLabelledCsv,
  parseLabelledJsonLines,
  polarityOf,
  textLabels,
  type ClassificationReport,
} from '@tickerwire/score';
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

/**
 * Sentiment on labelled texts (CSV `text,label` or JSON Lines `{text, label}`), or per entity
 * (JSON Lines `{text, entities: {name: positive|negative|neutral}}`): natural's AFINN baseline
 * and the trained scorer side by side in one run.
 */
export function evaluateSentiment(content: string, kind: 'text-labels' | 'entity-labels', out: (line: string) => void): void {
  const scorer = createTextSentimentScorer();
  const baselineLabel = (text: string) => labelFromAfinn(scorer.afinn.score(text));
  const rows: [string, ClassificationReport<string>][] = [];
  if (kind === 'text-labels') {
    const examples = content.trimStart().startsWith('{') ? parseLabelledJsonLines(content) : parseLabelledCsv(content);
    const expected = examples.map((e) => e.label);
    rows.push(['natural AFINN baseline', evaluateClassification(textLabels, expected, examples.map((e) => baselineLabel(e.text)))]);
    rows.push(['tickerwire text model', evaluateClassification(textLabels, expected, examples.map((e) => scorer.classifier.classify(e.text).label))]);
    out(`${examples.length} labelled texts`);
  } else {
    const headlines = parseEntityJsonLines(content);
    rows.push(['natural AFINN baseline', evaluateEntities(headlines, (text) => ({ polarity: polarityOf(baselineLabel(text)) }))]);
    rows.push(['tickerwire per-entity', evaluateEntities(headlines, (text, entity) => scorer.scoreEntity(text, entity))]);
    out(`${headlines.length} headlines, ${rows[0]![1].count} labelled entities`);
  }
  out('');
  out(`${'scorer'.padEnd(26)} accuracy  macro-F1`);
  for (const [name, report] of rows) out(`${name.padEnd(26)} ${pct(report.accuracy).padStart(8)}  ${pct(report.macroF1).padStart(8)}`);
  for (const [name, report] of rows) {
    out('');
    out(`confusion, ${name} (rows expected, columns predicted):`);
    out(formatConfusion(report));
  }
}
