import { createAfinnScorer } from './afinn.ts';
import { createTextClassifier } from './classifier.ts';
import type { LabelledText } from './datasets.ts';
import { textLabels, type TextLabel } from './labels.ts';
import { evaluateClassification, type ClassificationReport } from './metrics.ts';
import { trainTextModel, type TrainingOptions } from './train.ts';

/**
 * k-fold cross-validation: example i is held out in fold i mod k (the files are not sorted
 * by label, so this is close to stratified), and the pooled predictions are scored once.
 */
export function crossValidate(
  examples: readonly LabelledText[],
  options: TrainingOptions,
  folds = 5,
): ClassificationReport<TextLabel> {
  const afinn = createAfinnScorer();
  const predicted: TextLabel[] = new Array<TextLabel>(examples.length);
  for (let fold = 0; fold < folds; fold++) {
    const training = examples.filter((_, i) => i % folds !== fold);
    const classifier = createTextClassifier(trainTextModel(training, options, afinn), afinn);
    examples.forEach((example, i) => {
      if (i % folds === fold) predicted[i] = classifier.classify(example.text).label;
    });
  }
  return evaluateClassification(textLabels, examples.map((e) => e.label), predicted);
}
