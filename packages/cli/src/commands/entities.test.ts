import { createServer, type IncomingHttpHeaders } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entitiesCommand } from './entities.ts';

// A stand-in for the SEC on 127.0.0.1: the command never reaches the internet in tests.
const rows = Object.fromEntries(Array.from({ length: 1200 }, (_, i) => [String(i), { cik_str: 1000 + i, ticker: `T${i}`, title: `Company ${i} Inc.` }]));
const seen: IncomingHttpHeaders[] = [];
let body = JSON.stringify(rows);
const server = createServer((req, res) => {
  seen.push(req.headers);
  if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
  res.writeHead(200, { 'content-type': 'application/json', etag: '"v1"' }).end(body);
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/files/company_tickers.json`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('entities refresh', () => {
  it('fetches the list with a User-Agent naming the tool and a contact, then asks conditionally and skips a fresh copy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-entities-'));
    const out = join(dir, 'sec.json');
    const lines: string[] = [];
    await entitiesCommand(['refresh', '--contact', 'ops@example.com', '--url', url, '--out', out], (l) => lines.push(l));
    expect(Object.keys(JSON.parse(readFileSync(out, 'utf8')))).toHaveLength(1200);
    expect(seen[0]!['user-agent']).toMatch(/Tickerwire.*ops@example\.com/);
    expect(JSON.parse(readFileSync(join(dir, 'sec.source.json'), 'utf8'))).toMatchObject({ rows: 1200, etag: '"v1"' });
    // Fresh: no request at all.
    await entitiesCommand(['refresh', '--contact', 'ops@example.com', '--url', url, '--out', out], (l) => lines.push(l));
    expect(seen).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/less than a day ago/);
    // Forced: a conditional request, answered 304, leaves the file as it was.
    await entitiesCommand(['refresh', '--contact', 'ops@example.com', '--url', url, '--out', out, '--force'], (l) => lines.push(l));
    expect(seen[1]!['if-none-match']).toBe('"v1"');
    expect(lines.at(-1)).toMatch(/unchanged/);
  });

  it('refuses without a contact, and keeps the old file when the answer is not the SEC list', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-entities-'));
    const out = join(dir, 'sec.json');
    writeFileSync(out, '{"kept": true}');
    await expect(entitiesCommand(['refresh', '--url', url, '--out', out], () => {})).rejects.toThrow(/--contact/);
    body = '<html>maintenance</html>';
    await expect(entitiesCommand(['refresh', '--contact', 'ops@example.com', '--url', url, '--out', out, '--force'], () => {})).rejects.toThrow(/not JSON/);
    expect(readFileSync(out, 'utf8')).toBe('{"kept": true}');
    body = JSON.stringify(rows);
  });
});
