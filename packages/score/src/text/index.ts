/**
 * Text sentiment: natural's AFINN baseline, the trained classifier, per-entity scoring, and
 * the metrics that compare them. Pure functions over strings; the model is a JSON file.
 */
import { createAfinnScorer, type AfinnScorer } from './afinn.ts';
import { createTextClassifier, type TextClassifier } from './classifier.ts';
import { scoreEntity, type EntitySentiment } from './entity.ts';
import { loadTextModel } from './model-file.ts';
import type { TextModelFile } from './model.ts';

export { afinnNeutralBand, createAfinnScorer, labelFromAfinn, type AfinnScorer } from './afinn.ts';
export { createTextClassifier, type TextClassifier, type TextKind, type TextSentiment } from './classifier.ts';
export { crossValidate } from './cross-validation.ts';
export {
  parseCsv,
  parseEntityJsonLines,
  parseLabelledCsv,
  parseLabelledJsonLines,
  type EntityHeadline,
  type LabelledText,
} from './datasets.ts';
export {
  classifyWithLexiconFallback,
  clauseAround,
  entityContext,
  entityPolarities,
  evaluateEntities,
  findMention,
  findMentions,
  scoreEntity,
  type EntityPolarityScorer,
  type EntityScorers,
  type EntitySentiment,
  type Mention,
} from './entity.ts';
export { blind3EntityTexts, blind3NewsSentences, blind4EntityTexts, blind5EntityTexts, blind6EntityTexts, blindEntityTexts, blindNewsSentences, evalDirectory, evalFiles, evalFilesPresent, ownEntitySentences, ownNewsSentences, ownResultSentences, resultsGuidanceSentences } from './eval-files.ts';
export { isHeldOut, sentfinHoldoutSeed, splitHeldOut } from './holdout.ts';
export { denseFeatureNames, denseFeatures } from './dense-features.ts';
export { entityTrainingExamples, readTrainingSources, trainingExamples } from './training-data.ts';
export { polarityOf, textLabels, type EntityPolarity, type TextLabel } from './labels.ts';
export { accuracy, confusionMatrix, evaluateClassification, formatConfusion, type ClassificationReport } from './metrics.ts';
export { defaultModelPath, loadTextModel } from './model-file.ts';
export { parseTextModel, serializeTextModel, type TextModelFile } from './model.ts';
export { defaultTrainingOptions, trainTextModel, type TrainingOptions } from './train.ts';

export interface TextSentimentScorer {
  readonly classifier: TextClassifier;
  readonly afinn: AfinnScorer;
  scoreEntity(text: string, entity: string): EntitySentiment;
}

/** Everything a worker needs, built once (loads the shipped model unless given one). */
export function createTextSentimentScorer(model: TextModelFile = loadTextModel()): TextSentimentScorer {
  const afinn = createAfinnScorer();
  const classifier = createTextClassifier(model, afinn);
  const scorers = { classifier, afinn };
  return { classifier, afinn, scoreEntity: (text, entity) => scoreEntity(scorers, text, entity) };
}
