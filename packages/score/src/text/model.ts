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
  /**
   * For an entity's context, added to `weights` (a feature absent there weighs this alone):
   * what per-entity headlines taught beyond what whole texts did. Absent in a model trained
   * without domain copies.
   */
  readonly entityWeights?: Readonly<Record<string, readonly number[]>>;
}

export const textModelFormat = 'tickerwire-text-sentiment';
export const textFeatureSet = 'stems-bigrams-shapes-afinn-lexicon-crosses-context/4';

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
  if (model.entityWeights !== undefined) {
    if (typeof model.entityWeights !== 'object' || model.entityWeights === null) fail('bad entityWeights');
    for (const [feature, row] of Object.entries(model.entityWeights)) {
      if (!isWeightRow(row)) fail(`bad entity weights for ${JSON.stringify(feature)}`);
    }
  }
  if (typeof model.training !== 'object' || model.training === null) fail('no training record');
  return value as TextModelFile;
}

/**
 * One feature per line and keys in code-unit order, so retraining on the same data gives the
 * same bytes and a changed model reads as a line diff.
 */
export function serializeTextModel(model: TextModelFile): string {
  const { weights, entityWeights, ...header } = model;
  const headerJson = JSON.stringify(header, null, 2);
  const section = (name: string, rows: Readonly<Record<string, readonly number[]>>) =>
    `  ${JSON.stringify(name)}: {\n${Object.keys(rows)
      .sort()
      .map((feature) => `    ${JSON.stringify(feature)}: ${JSON.stringify(rows[feature])}`)
      .join(',\n')}\n  }`;
  const sections = [section('weights', weights), ...(entityWeights ? [section('entityWeights', entityWeights)] : [])];
  return `${headerJson.slice(0, -2)},\n${sections.join(',\n')}\n}\n`;
}
