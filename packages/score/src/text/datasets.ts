import { isTextLabel, type EntityPolarity, type TextLabel } from './labels.ts';

export interface LabelledText {
  readonly text: string;
  readonly label: TextLabel;
  /** 'entity' when the text is the context of one named entity (a per-entity label); a whole text otherwise. */
  readonly kind?: 'text' | 'entity';
}

/** A headline with one expected polarity per named entity (SEntFiN's layout). */
export interface EntityHeadline {
  /** The record's id when the file gives one (SEntFiN rows do: "sentfin-12"). */
  readonly id?: string;
  readonly text: string;
  readonly entities: ReadonlyMap<string, EntityPolarity>;
}

/**
 * RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks (the tweet
 * files do all three), so a line-by-line split would misread them.
 */
export function parseCsv(source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += char;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Labels as words (bearish/bullish/neutral) or as the upstream dataset's digits 0/1/2. */
const upstreamDigitLabels: Readonly<Record<string, TextLabel>> = { '0': 'bearish', '1': 'bullish', '2': 'neutral' };

function toTextLabel(raw: string): TextLabel | undefined {
  const value = raw.trim().toLowerCase();
  if (isTextLabel(value)) return value;
  return upstreamDigitLabels[value];
}

/** A `text,label` CSV with a header row, columns found by name. Throws on an unknown label. */
export function parseLabelledCsv(source: string): LabelledText[] {
  const [header, ...rows] = parseCsv(source);
  if (!header) return [];
  const textColumn = header.indexOf('text');
  const labelColumn = header.indexOf('label');
  if (textColumn < 0 || labelColumn < 0) throw new Error(`CSV header must name text and label columns, got: ${header.join(',')}`);
  const examples: LabelledText[] = [];
  rows.forEach((row, index) => {
    if (row.length === 1 && row[0] === '') return; // blank line
    const text = row[textColumn] ?? '';
    const label = toTextLabel(row[labelColumn] ?? '');
    if (!label) throw new Error(`row ${index + 2}: unknown label ${JSON.stringify(row[labelColumn])}`);
    examples.push({ text, label });
  });
  return examples;
}

function objectOf(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where}: expected an object`);
  return value as Record<string, unknown>;
}

function nonEmptyLines(source: string): { line: string; number: number }[] {
  return source
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '');
}

/** JSON Lines of `{"text": ..., "label": ...}` (or `"sentiment"` for the label, as eval/results-guidance writes it). */
export function parseLabelledJsonLines(source: string): LabelledText[] {
  return nonEmptyLines(source).map(({ line, number }) => {
    const record = objectOf(JSON.parse(line), `line ${number}`);
    const raw = record.label ?? record.sentiment;
    const label = typeof raw === 'string' ? toTextLabel(raw) : undefined;
    if (typeof record.text !== 'string' || !label) throw new Error(`line ${number}: needs a text and a known label`);
    return { text: record.text, label };
  });
}

function isPolarity(value: unknown): value is EntityPolarity {
  return value === 'positive' || value === 'negative' || value === 'neutral';
}

/** SEntFiN JSON Lines: `{"text": ..., "entities": {"<name>": "positive"|"negative"|"neutral"}}`. */
export function parseEntityJsonLines(source: string): EntityHeadline[] {
  return nonEmptyLines(source).map(({ line, number }) => {
    const record = objectOf(JSON.parse(line), `line ${number}`);
    const entities = objectOf(record.entities, `line ${number} entities`);
    if (typeof record.text !== 'string') throw new Error(`line ${number}: needs a text`);
    const polarities = new Map<string, EntityPolarity>();
    for (const [name, polarity] of Object.entries(entities)) {
      if (!isPolarity(polarity)) throw new Error(`line ${number}: entity ${name} has polarity ${String(polarity)}`);
      polarities.set(name, polarity);
    }
    return typeof record.id === 'string' ? { id: record.id, text: record.text, entities: polarities } : { text: record.text, entities: polarities };
  });
}
