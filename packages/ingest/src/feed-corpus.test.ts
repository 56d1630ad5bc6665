import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeedFile, type FeedFileResult } from './feed.ts';

// Third-party test feeds (rss-parser's and Python feedparser's corpora), read in place, never copied.
const corpus = '/work/shared/eval/feeds';
const classifiedKinds = ['empty', 'too-large', 'malformed-xml', 'malformed-json', 'not-a-feed', 'malformed-feed', 'no-items'];

describe.skipIf(!existsSync(corpus))('feed parser over the shared feed corpus', () => {
  it('parses every file to items or a classified error: no crash, no hang, no unhandled rejection', async () => {
    const files = (await readdir(corpus, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const counts = { parsed: 0, classified: 0, crashed: 0 };
    const byKind: Record<string, number> = {};
    const crashed: string[] = [];
    let slowest = { file: '', ms: 0 };
    try {
      for (const file of files) {
        const started = performance.now();
        let result: FeedFileResult;
        try {
          result = await parseFeedFile(file);
        } catch (error) {
          counts.crashed++;
          crashed.push(`${file}: ${String(error)}`);
          continue;
        }
        const ms = performance.now() - started;
        if (ms > slowest.ms) slowest = { file, ms };
        if (result.ok && result.items.length > 0 && result.items.every((item) => item.title !== null || item.link !== null)) {
          counts.parsed++;
        } else if (!result.ok && classifiedKinds.includes(result.error.kind) && !result.error.message.startsWith('unexpected')) {
          counts.classified++;
          byKind[result.error.kind] = (byKind[result.error.kind] ?? 0) + 1;
        } else {
          counts.crashed++;
          crashed.push(`${file}: ${JSON.stringify(result).slice(0, 200)}`);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 50)); // let stray rejections surface
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    console.log(`feed corpus: ${files.length} files: ${counts.parsed} parsed, ${counts.classified} classified errors ${JSON.stringify(byKind)}, ${counts.crashed} crashed; slowest ${slowest.ms.toFixed(0)} ms (${slowest.file})`);
    expect(crashed).toEqual([]);
    expect(unhandled).toEqual([]);
    expect(counts.parsed).toBeGreaterThan(100);
    expect(slowest.ms).toBeLessThan(5000);
  }, 120_000);
});
