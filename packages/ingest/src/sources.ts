import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ContractError, Source, describeIssues } from '@tickerwire/core';

/** A seed file is a JSON array of sources; ids must be unique within it. */
const SourceList = z.array(Source).superRefine((sources, context) => {
  const seen = new Set<string>();
  sources.forEach((source, index) => {
    if (seen.has(source.id)) context.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate id "${source.id}"` });
    seen.add(source.id);
  });
});

/** Validate parsed JSON as a source list; a ContractError names each bad field (`[1].url: ...`). */
export function parseSources(value: unknown, what = 'sources'): Source[] {
  const result = SourceList.safeParse(value);
  if (!result.success) throw new ContractError(what, describeIssues(result.error));
  return result.data;
}

/** Read and validate a seed file such as infra/sources.example.json. */
export async function loadSources(path: string): Promise<Source[]> {
  const text = await readFile(path, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ContractError(path, [{ path: '(root)', message: `not valid JSON: ${(error as Error).message}` }]);
  }
  return parseSources(value, path);
}
