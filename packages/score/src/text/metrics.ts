/** Classification metrics over any fixed label set; pure functions, no I/O. */

export interface ClassificationReport<L extends string> {
  readonly labels: readonly L[];
  readonly count: number;
  readonly accuracy: number;
  readonly macroF1: number;
  readonly f1ByLabel: Readonly<Record<L, number>>;
  /** `matrix[expected][predicted]`, rows and columns in `labels` order. */
  readonly confusion: readonly (readonly number[])[];
}

export function confusionMatrix<L extends string>(
  labels: readonly L[],
  expected: readonly L[],
  predicted: readonly L[],
): number[][] {
  if (expected.length !== predicted.length) throw new Error(`${expected.length} expected labels but ${predicted.length} predictions`);
  const index = new Map(labels.map((label, i) => [label, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  expected.forEach((label, i) => {
    const row = index.get(label);
    const column = index.get(predicted[i] as L);
    if (row === undefined || column === undefined) throw new Error(`label outside ${labels.join('/')}: ${label} → ${predicted[i]}`);
    (matrix[row] as number[])[column]! += 1;
  });
  return matrix;
}

/** F1 of one class; 0 when the class is never predicted nor expected (as scikit-learn's zero_division=0). */
function f1Of(matrix: readonly (readonly number[])[], k: number): number {
  const truePositives = matrix[k]?.[k] ?? 0;
  const expectedCount = (matrix[k] ?? []).reduce((sum, n) => sum + n, 0);
  const predictedCount = matrix.reduce((sum, row) => sum + (row[k] ?? 0), 0);
  const denominator = expectedCount + predictedCount;
  return denominator === 0 ? 0 : (2 * truePositives) / denominator;
}

export function evaluateClassification<L extends string>(
  labels: readonly L[],
  expected: readonly L[],
  predicted: readonly L[],
): ClassificationReport<L> {
  const confusion = confusionMatrix(labels, expected, predicted);
  const correct = labels.reduce((sum, _, k) => sum + (confusion[k]?.[k] ?? 0), 0);
  const f1s = labels.map((_, k) => f1Of(confusion, k));
  return {
    labels,
    count: expected.length,
    accuracy: expected.length === 0 ? 0 : correct / expected.length,
    macroF1: labels.length === 0 ? 0 : f1s.reduce((sum, f) => sum + f, 0) / labels.length,
    f1ByLabel: Object.fromEntries(labels.map((label, k) => [label, f1s[k]])) as Record<L, number>,
    confusion,
  };
}

export function accuracy<L extends string>(expected: readonly L[], predicted: readonly L[]): number {
  if (expected.length !== predicted.length) throw new Error(`${expected.length} expected labels but ${predicted.length} predictions`);
  if (expected.length === 0) return 0;
  return expected.filter((label, i) => label === predicted[i]).length / expected.length;
}

/** The matrix as aligned text, rows = expected, columns = predicted. */
export function formatConfusion<L extends string>(report: ClassificationReport<L>): string {
  const width = Math.max(...report.labels.map((l) => l.length), ...report.confusion.flat().map((n) => String(n).length)) + 1;
  const pad = (s: string): string => s.padStart(width);
  const header = `${pad('exp\\pred')} ${report.labels.map(pad).join(' ')}`;
  const rows = report.labels.map((label, k) => `${pad(label)} ${(report.confusion[k] ?? []).map((n) => pad(String(n))).join(' ')}`);
  return [header, ...rows].join('\n');
}
