import { textLabels, type TextLabel } from './labels.ts';

/** The saved form of a trained text model: plain JSON, weights per class in `labels` order. */
export interface TextModelFile {
  readonly format: typeof textModelFormat;
  readonly version: number;
  readonly labels: readonly TextLabel[];
  /** Which feature extraction the weights belong to; a change there is a new feature set. */
  readonly featureSet: typeof textFeatureSet;
  readonly training: {
    readonly examples: number;
    readonly sha256: string;
    readonly hyperparameters: Readonly<Record<string, number>>;
  };
  readonly bias: readonly number[];
  readonly weights: Readonly<Record<string, readonly number[]>>;
}

export const textModelFormat = 'tickerwire-text-sentiment';
export const textFeatureSet = 'stems-bigrams-shapes-afinn-lexicon/3';

function fail(why: string): never {
  throw new Error(`not a ${textModelFormat} model: ${why}`);
}

function isWeightRow(value: unknown): value is number[] {
  return Array.isArray(value) && value.length === textLabels.length && value.every((n) => typeof n === 'number' && Number.isFinite(n));
}

/** Checks a parsed JSON value shape by shape, so a truncated or foreign file fails loudly at load. */
export function parseTextModel(value: unknown): TextModelFile {
  if (typeof value !== 'object' || value === null) fail('not an object');
  const model = value as Partial<Record<keyof TextModelFile, unknown>>;
  if (model.format !== textModelFormat) fail(`format is ${String(model.format)}`);
  if (model.featureSet !== textFeatureSet) fail(`feature set ${String(model.featureSet)}, this code extracts ${textFeatureSet}`);
  if (typeof model.version !== 'number') fail('no version');
  if (JSON.stringify(model.labels) !== JSON.stringify(textLabels)) fail(`labels ${JSON.stringify(model.labels)}`);
  if (!isWeightRow(model.bias)) fail('bad bias');
  if (typeof model.weights !== 'object' || model.weights === null) fail('no weights');
  for (const [feature, row] of Object.entries(model.weights)) {
    if (!isWeightRow(row)) fail(`bad weights for ${JSON.stringify(feature)}`);
  }
  if (typeof model.training !== 'object' || model.training === null) fail('no training record');
  return value as TextModelFile;
}

/**
 * One feature per line and keys in code-unit order, so retraining on the same data gives the
 * same bytes and a changed model reads as a line diff.
 */
export function serializeTextModel(model: TextModelFile): string {
  const { weights, ...header } = model;
  const headerJson = JSON.stringify(header, null, 2);
  const lines = Object.keys(weights)
    .sort()
    .map((feature) => `    ${JSON.stringify(feature)}: ${JSON.stringify(weights[feature])}`);
  return `${headerJson.slice(0, -2)},\n  "weights": {\n${lines.join(',\n')}\n  }\n}\n`;
}
