import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { Analysis } from '@tickerwire/core';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const wrapper = fileURLToPath(new URL('../../../tickerwire', import.meta.url));
// Each test starts the real command as a process (Node, the model, the entity master): seconds
// on a busy machine, so the time limit is generous; what is asserted is the output.
vi.setConfig({ testTimeout: 30_000 });

const run = (args: string[], input?: string) => spawnSync(process.execPath, [main, ...args], { input, encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'tickerwire-cli-'));

const article = 'Citi Upgrades Delta Data (DLTA) to Buy\nCiti raised its price target on Delta Data to $40 from $30. Shares rose 5% in premarket trading.';

describe('tickerwire analyze', () => {
  it('prints one analysis of the contract for a plain-text file, and nothing else on stdout', () => {
    const file = join(dir, 'article.txt');
    writeFileSync(file, article);
    const result = run(['analyze', file]);
    expect(result.status).toBe(0);
    const analysis = Analysis.parse(JSON.parse(result.stdout));
    expect(analysis.tickers).toEqual(['DLTA']);
    expect(analysis.events.map((e) => e.type)).toEqual(expect.arrayContaining(['analyst_rating', 'price_target', 'price_move']));
  });

  it('reads a relative FILE from the folder ./tickerwire was called from (TICKERWIRE_CALLER_DIR), not the repo root', () => {
    writeFileSync(join(dir, 'relative.txt'), article);
    const result = spawnSync(process.execPath, [main, 'analyze', 'relative.txt'], { encoding: 'utf8', env: { ...process.env, TICKERWIRE_CALLER_DIR: dir } });
    expect(result.status, result.stderr).toBe(0);
    expect(Analysis.parse(JSON.parse(result.stdout)).tickers).toEqual(['DLTA']);
  });

  it('./tickerwire analyze FILE, called from another folder, reads FILE there (issue #16 item 9)', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'tickerwire-caller-'));
    writeFileSync(join(elsewhere, 'note.txt'), article);
    const env: Record<string, string> = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` } as Record<string, string>;
    delete env.TICKERWIRE_CALLER_DIR;
    // The wrapper a person runs; it changes into the repo root before the CLI starts.
    const result = spawnSync('bash', [wrapper, 'analyze', 'note.txt'], { cwd: elsewhere, encoding: 'utf8', env, timeout: 120_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(Analysis.parse(JSON.parse(result.stdout)).tickers).toEqual(['DLTA']);
  });

  it('links the companies of an operator’s alias table (TICKERWIRE_COMPANY_ALIASES), and names a bad table', () => {
    const table = join(dir, 'aliases.json');
    writeFileSync(table, JSON.stringify({ companies: { NWRB: { aliases: ['Northwind Robotics'], name: 'Northwind Robotics Inc.' } } }));
    const env = { ...process.env, TICKERWIRE_COMPANY_ALIASES: table };
    const linked = spawnSync(process.execPath, [main, 'analyze', '-'], { input: 'Shares of Northwind Robotics rose 8% after a contract win.', encoding: 'utf8', env });
    expect(linked.status).toBe(0);
    expect(JSON.parse(linked.stdout).tickers).toEqual(['NWRB']);
    writeFileSync(table, JSON.stringify({ companies: { NWRB: { aliases: 'Northwind' } } }));
    const bad = spawnSync(process.execPath, [main, 'analyze', '-'], { input: 'x', encoding: 'utf8', env });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('companies.NWRB.aliases');
  });

  it('reads JSON {title, body, tickers} from standard input', () => {
    const result = run(['analyze', '-'], JSON.stringify({ title: 'Citi Upgrades Delta Data to Buy', body: '', tickers: ['DLTA'] }));
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).events[0]).toMatchObject({ type: 'analyst_rating', ticker: 'DLTA', ratingTo: 'buy' });
  });

  it('reads JSON Lines and answers each line with its id, bad lines included', () => {
    const lines = [
      JSON.stringify({ id: 'a', text: 'UBS Downgrades Acme (ACME) to Sell' }),
      '{not json',
      JSON.stringify({ id: 'c', title: 'Acme (ACME) price target raised to $12 from $10 at Citi', body: '' }),
      JSON.stringify({ id: 'd' }),
    ].join('\n');
    const result = run(['analyze', '--jsonl'], lines);
    const out = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o.id)).toEqual(['a', null, 'c', 'd']);
    expect(out[0]).toMatchObject({ tickers: ['ACME'] });
    expect(out[1]).toMatchObject({ line: 2, error: expect.stringMatching(/JSON/) });
    expect(out[3]).toMatchObject({ line: 4, error: expect.stringMatching(/text|body/) });
    expect(result.status).toBe(1);
  });

  it('explains a missing file in one line with exit code 2', () => {
    const result = run(['analyze', join(dir, 'nope.txt')]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(/^tickerwire: cannot read .*nope\.txt: ENOENT$/);
  });
});

describe('tickerwire start', () => {
  it('refuses a Redis Cluster in one line with exit code 2, and a cluster prefix that is not a hash tag names TICKERWIRE_PREFIX', () => {
    const cluster = spawnSync(process.execPath, [main, 'start'], { encoding: 'utf8', env: { ...process.env, REDIS_URL: 'redis-cluster://127.0.0.1:1,127.0.0.1:2', TICKERWIRE_PREFIX: '{tw}' } });
    expect(cluster.status).toBe(2);
    expect(cluster.stderr.trim()).toMatch(/^tickerwire: start runs everything on one Redis server .*"Scaling out"\)$/);
    const plain = spawnSync(process.execPath, [main, 'start'], { encoding: 'utf8', env: { ...process.env, REDIS_URL: 'redis-cluster://127.0.0.1:1', TICKERWIRE_PREFIX: 'tw' } });
    expect(plain.status).toBe(2);
    expect(plain.stderr).toMatch(/TICKERWIRE_PREFIX.*hash tag, e\.g\. \{tw\}/);
  });
});

describe('tickerwire eval', () => {
  it('prints precision, recall and F1 per type, and the misses', () => {
    const file = join(dir, 'labelled.jsonl');
    writeFileSync(file, [
      JSON.stringify({ id: 'r1', text: 'UBS Downgrades Acme (ACME) to Sell', events: [{ type: 'analyst_rating', ticker: 'ACME', firm: 'UBS', action: 'downgrade', ratingTo: 'sell' }] }),
      JSON.stringify({ id: 'r2', text: 'Acme reports record quarter', events: [] }),
      JSON.stringify({ id: 'r3', text: 'Citi Upgrades Beta (BETA) to Buy', events: [{ type: 'analyst_rating', ticker: 'BETA', firm: 'Citi', action: 'upgrade', ratingTo: 'hold' }] }),
    ].join('\n'));
    const result = run(['eval', file]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/analyst_rating\s+1\s+1\s+1\s+50\.0\s+50\.0\s+50\.0/);
    expect(result.stdout).toContain('- r3: Citi Upgrades Beta (BETA) to Buy');
  });

  it('measures sentiment on text,label CSV beside the AFINN baseline', () => {
    const file = join(dir, 'tweets.csv');
    writeFileSync(file, 'text,label\n"Acme beats estimates, raises guidance",bullish\nAcme shares plunge after downgrade,bearish\nAcme to hold annual meeting on Tuesday,neutral\n');
    const result = run(['eval', file]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^3 labelled texts/);
    expect(result.stdout).toMatch(/natural AFINN baseline\s+\d+\.\d\s+\d+\.\d/);
    expect(result.stdout).toMatch(/tickerwire text model\s+\d+\.\d\s+\d+\.\d/);
    expect(result.stdout).toContain('exp\\pred');
  });

  it('measures per-entity sentiment on JSON Lines with entity labels', () => {
    const file = join(dir, 'entities.jsonl');
    writeFileSync(file, JSON.stringify({ id: 'e1', text: 'Acme soars on record profit while Beta slumps', entities: { Acme: 'positive', Beta: 'negative' } }) + '\n');
    const result = run(['eval', file]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^1 headlines, 2 labelled entities/);
    expect(result.stdout).toMatch(/tickerwire per-entity/);
  });
});

describe('tickerwire feeds parse', () => {
  it('prints one line per file, good or bad, and exits 0', () => {
    const good = join(dir, 'good.xml');
    writeFileSync(good, '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>' +
      ['One', 'Two', 'Three', 'Four'].map((t) => `<item><title>${t}</title><link>https://example.com/${t}</link></item>`).join('') + '</channel></rss>');
    const bad = join(dir, 'bad.xml');
    writeFileSync(bad, '<rss><channel><item><title>unclosed');
    const result = run(['feeds', 'parse', good, bad, join(dir, 'missing.xml')]);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toEqual({ file: good, ok: true, items: 4, titles: ['One', 'Two', 'Three'] });
    expect(lines[1]).toMatchObject({ file: bad, ok: false, error: { kind: expect.any(String), message: expect.any(String) } });
    expect(lines[2]).toMatchObject({ ok: false, error: { kind: 'unreadable' } });
  });
});
