import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseTextModel, type TextModelFile } from './model.ts';

/** The shipped model, rebuilt by `node packages/score/scripts/train.ts`. */
export const defaultModelPath = fileURLToPath(new URL('../../model/text-sentiment.v1.json', import.meta.url));

export function loadTextModel(path: string = defaultModelPath): TextModelFile {
  return parseTextModel(JSON.parse(readFileSync(path, 'utf8')));
}
