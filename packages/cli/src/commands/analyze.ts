import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { formatIssues, type Analysis } from '@tickerwire/core';
import { loadAliasTable, type ArticleInput } from '@tickerwire/extract';
import { createAnalyzer, type Analyzer } from '@tickerwire/score';
import { UsageError } from '../config.ts';

const JsonArticle = z.object({
  title: z.string().optional(),
  body: z.string(),
  tickers: z.array(z.string().regex(/^[A-Z][A-Z0-9.\-]{0,9}$/)).optional(),
});

// One line of --jsonl input: {"id", "title"?, "text"} or {"id", "title", "body"}.
const JsonLine = z.union([
  z.object({ id: z.union([z.string(), z.number()]), title: z.string().optional(), text: z.string(), tickers: z.array(z.string()).optional() }),
  z.object({ id: z.union([z.string(), z.number()]), title: z.string().optional(), body: z.string(), tickers: z.array(z.string()).optional() }),
]);

/** The analysis the command prints for one article. */
export type Analyze = (input: ArticleInput) => Analysis;

let analyzer: Analyzer | undefined;

/**
 * Extraction and scoring; the model is loaded on first use. An operator's company aliases
 * (TICKERWIRE_COMPANY_ALIASES) are read then too: commands that never analyse never read them.
 */
export const analyzeArticle: Analyze = (input) => (analyzer ??= analyzerFromEnvironment()).analyze(input);

function analyzerFromEnvironment(): Analyzer {
  const path = process.env.TICKERWIRE_COMPANY_ALIASES;
  if (!path) return createAnalyzer();
  try {
    return createAnalyzer({ extract: { companyAliases: loadAliasTable(path) } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * Plain text: the first line is the title (a leading markdown "# " is dropped), the rest
 * is the body. A JSON object {title, body, tickers?} is read as such.
 */
export function parseArticle(content: string): ArticleInput {
  const trimmed = content.trim();
  if (trimmed.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      throw new UsageError(`input looks like JSON but does not parse: ${(error as Error).message}`);
    }
    const parsed = JsonArticle.safeParse(value);
    if (!parsed.success) throw new UsageError(`input JSON: ${formatIssues(parsed.error)}`);
    const { title, body, tickers } = parsed.data;
    return { body, ...(title !== undefined ? { title } : {}), ...(tickers ? { tickers } : {}) };
  }
  const newline = content.indexOf('\n');
  const firstLine = newline < 0 ? content : content.slice(0, newline);
  const rest = newline < 0 ? '' : content.slice(newline + 1);
  return { title: firstLine.replace(/^#+\s*/, '').trim(), body: rest.trim() };
}

export async function readInput(file: string | undefined, stdin: NodeJS.ReadableStream): Promise<string> {
  if (file && file !== '-') {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  let text = '';
  for await (const chunk of stdin) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text;
}

/** `analyze FILE|-`: one analysis as JSON. */
export async function analyzeOne(file: string | undefined, stdin: NodeJS.ReadableStream, out: (line: string) => void, analyze: Analyze = analyzeArticle): Promise<number> {
  const input = parseArticle(await readInput(file, stdin));
  out(JSON.stringify(analyze(input), null, 2));
  return 0;
}

/**
 * `analyze --jsonl FILE|-`: one analysis per input line, carrying its id. A bad line gives
 * an error line with its line number instead of stopping the run; the exit code is then 1.
 */
export async function analyzeLines(file: string | undefined, stdin: NodeJS.ReadableStream, out: (line: string) => void, analyze: Analyze = analyzeArticle): Promise<number> {
  const stream = file && file !== '-' ? createReadStream(file, 'utf8') : stdin;
  if (file && file !== '-') {
    await new Promise<void>((resolve, reject) => {
      (stream as ReturnType<typeof createReadStream>).once('open', () => resolve()).once('error', (e) => reject(new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code}`)));
    });
  }
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNumber = 0;
  let failures = 0;
  for await (const line of lines) {
    lineNumber++;
    if (!line.trim()) continue;
    let id: unknown = null;
    try {
      const value: unknown = JSON.parse(line);
      id = (value as { id?: unknown })?.id ?? null;
      if (typeof value !== 'object' || value === null || (typeof (value as { text?: unknown }).text !== 'string' && typeof (value as { body?: unknown }).body !== 'string')) {
        throw new Error('a line needs a "text" or "body" string');
      }
      const parsed = JsonLine.safeParse(value);
      if (!parsed.success) throw new Error(formatIssues(parsed.error));
      const record = parsed.data;
      const body = 'text' in record ? record.text : record.body;
      const analysis = analyze({ body, ...(record.title !== undefined ? { title: record.title } : {}), ...(record.tickers ? { tickers: record.tickers } : {}) });
      out(JSON.stringify({ id: record.id, ...analysis }));
    } catch (error) {
      failures++;
      out(JSON.stringify({ id, line: lineNumber, error: (error as Error).message }));
    }
  }
  return failures > 0 ? 1 : 0;
}
