import { parseFeedFile } from '@tickerwire/ingest';

/**
 * `feeds parse FILE…`: each saved feed parsed as the pipeline would, one JSON line per file:
 * {"file", "ok": true, "items": N, "titles": [first 3]} or {"file", "ok": false, "error": {"kind", "message"}}.
 * A file that fails is a line, never a crash; the exit code is 0 once every file was handled.
 */
export async function parseFeeds(files: readonly string[], out: (line: string) => void): Promise<number> {
  for (const file of files) {
    const result = await parseFeedFile(file);
    out(JSON.stringify(result.ok ? { file, ok: true, items: result.items.length, titles: result.titles.slice(0, 3) } : { file, ok: false, error: result.error }));
  }
  return 0;
}
