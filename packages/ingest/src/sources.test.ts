import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ContractError } from '@tickerwire/core';
import { loadSources, parseSources } from './sources.ts';

const examplePath = fileURLToPath(new URL('../../../infra/sources.example.json', import.meta.url));

describe('sources', () => {
  it('loads the example seed file with defaults filled', async () => {
    const sources = await loadSources(examplePath);
    expect(sources.map((s) => s.id)).toEqual(['example-miners-feed', 'example-analyst-notes', 'example-press-release']);
    expect(sources[0]).toMatchObject({ kind: 'feed', fetchFullText: false, enabled: true });
    expect(sources.every((s) => new URL(s.url).hostname.endsWith('example.com'))).toBe(true);
  });

  it('names the bad field and its index', () => {
    const bad = [
      { id: 'ok', kind: 'feed', url: 'https://example.com/a', interval: 300 },
      { id: 'bad', kind: 'feed', url: 'ftp://example.com/b', interval: 5 },
    ];
    expect(() => parseSources(bad)).toThrow(ContractError);
    expect(() => parseSources(bad)).toThrow(/\[1\]\.url: .*\[1\]\.interval: /);
  });

  it('refuses duplicate ids', () => {
    const twice = { id: 'same', kind: 'feed', url: 'https://example.com/a', interval: 300 };
    expect(() => parseSources([twice, twice])).toThrow(/\[1\]\.id: duplicate id "same"/);
  });

  it('reports a file that is not JSON, naming the file', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'tickerwire-sources-')), 'sources.json');
    await writeFile(path, '[{"id": ');
    await expect(loadSources(path)).rejects.toThrow(new RegExp(`${path}: \\(root\\): not valid JSON`));
  });
});
