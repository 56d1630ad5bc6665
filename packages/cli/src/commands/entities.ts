/**
 * `entities refresh`: fetches the SEC's current list of filers and tickers into the entity
 * master's data file, as the SEC's fair-access rules ask — a User-Agent naming the tool and a
 * contact address, one request, a conditional GET against the copy we have — and never at test
 * time (the tests use their own server on 127.0.0.1 through --url).
 *
 *   ./tickerwire entities refresh --contact you@example.com [--force] [--url URL] [--out FILE]
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { UsageError } from '../config.ts';

export const secTickersUrl = 'https://www.sec.gov/files/company_tickers.json';
const defaultOut = fileURLToPath(new URL('../../../extract/data/sec-company-tickers.json', import.meta.url));
// The SEC file is under 1 MB; anything far larger is not it.
const maxBytes = 16 * 1024 * 1024;
// A day: the SEC updates the list daily at most.
const freshForMs = 24 * 60 * 60 * 1000;

interface SourceNote {
  source: string;
  fetchedAt: string;
  etag: string | null;
  lastModified: string | null;
  rows: number;
}

export async function entitiesCommand(args: string[], out: (line: string) => void): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'refresh') throw new UsageError('entities takes: refresh --contact EMAIL [--force] [--url URL] [--out FILE]');
  const { values } = parseArgs({ args: rest, options: { contact: { type: 'string' }, force: { type: 'boolean' }, url: { type: 'string' }, out: { type: 'string' } } });
  if (!values.contact || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.contact)) throw new UsageError('--contact EMAIL is required: the SEC asks automated clients for a contact address in the User-Agent');
  const url = values.url ?? secTickersUrl;
  const file = values.out ?? defaultOut;
  const noteFile = file.replace(/\.json$/, '.source.json');
  const note = await readNote(noteFile);
  if (note && !values.force && Date.now() - Date.parse(note.fetchedAt) < freshForMs) {
    out(`entities: ${file} was fetched at ${note.fetchedAt} (less than a day ago); --force to fetch again`);
    return 0;
  }
  const headers: Record<string, string> = { 'user-agent': `Tickerwire entity master refresh (${values.contact})`, accept: 'application/json' };
  if (note?.etag) headers['if-none-match'] = note.etag;
  if (note?.lastModified) headers['if-modified-since'] = note.lastModified;
  const response = await fetch(url, { headers, redirect: 'error', signal: AbortSignal.timeout(30_000) });
  if (response.status === 304 && note) {
    await writeNote(noteFile, { ...note, fetchedAt: new Date().toISOString() });
    out(`entities: unchanged since ${note.fetchedAt} (304)`);
    return 0;
  }
  if (!response.ok) throw new UsageError(`entities: ${url} answered ${response.status}`);
  const body = await readCapped(response, maxBytes);
  const rows = checkSecList(body);
  // Written beside, then moved: a reader never sees half a file.
  await writeFile(`${file}.tmp`, body);
  await rename(`${file}.tmp`, file);
  await writeNote(noteFile, { source: url, fetchedAt: new Date().toISOString(), etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified'), rows });
  out(`entities: ${rows} rows from ${url} → ${file}`);
  return 0;
}

/** The rows of the SEC list, or an error saying what is wrong with the body. */
export function checkSecList(body: string): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new UsageError('entities: the answer is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsageError('entities: the answer is not the SEC list (an object of rows)');
  const rows = Object.values(parsed as Record<string, unknown>);
  const bad = rows.find((r) => typeof (r as { cik_str?: unknown })?.cik_str !== 'number' || typeof (r as { ticker?: unknown }).ticker !== 'string' || typeof (r as { title?: unknown }).title !== 'string');
  if (bad !== undefined || rows.length < 1000) throw new UsageError(`entities: the answer is not the SEC list (${rows.length} rows${bad !== undefined ? `, a bad row: ${JSON.stringify(bad).slice(0, 120)}` : ''})`);
  return rows.length;
}

async function readCapped(response: Response, cap: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > cap) throw new UsageError(`entities: the answer is ${declared} bytes, over ${cap}`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body ?? []) {
    total += chunk.length;
    if (total > cap) throw new UsageError(`entities: the answer is over ${cap} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readNote(file: string): Promise<SourceNote | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as SourceNote;
  } catch {
    return null;
  }
}

async function writeNote(file: string, note: SourceNote): Promise<void> {
  await writeFile(file, `${JSON.stringify(note, null, 2)}\n`);
}
