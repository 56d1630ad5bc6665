import { labelFromAfinn, type AfinnScorer } from './afinn.ts';
import type { TextClassifier } from './classifier.ts';
import type { EntityHeadline, LabelledText } from './datasets.ts';
import { evaluateEntities, scoreEntity } from './entity.ts';
import { polarityOf, textLabels, type EntityPolarity, type TextLabel } from './labels.ts';
import { evaluateClassification, type ClassificationReport } from './metrics.ts';

export interface ScorerEvaluation {
  readonly name: string;
  readonly tweets: ClassificationReport<TextLabel>;
  readonly entities: ClassificationReport<EntityPolarity>;
}

/**
 * The baseline (natural's AFINN over the whole text, as a plain integration would use it) and
 * the trained scorer (classifier; per entity, its clause with the lexicon fallback), on the
 * same files, so the two rows can be read side by side.
 */
export function compareWithBaseline(
  scorers: { readonly classifier: TextClassifier; readonly afinn: AfinnScorer },
  tweets: readonly LabelledText[],
  headlines: readonly EntityHeadline[],
): [baseline: ScorerEvaluation, trained: ScorerEvaluation] {
  const expected = tweets.map((t) => t.label);
  const baselineLabel = (text: string): TextLabel => labelFromAfinn(scorers.afinn.score(text));
  return [
    {
      name: 'natural AFINN (financial) baseline',
      tweets: evaluateClassification(textLabels, expected, tweets.map((t) => baselineLabel(t.text))),
      entities: evaluateEntities(headlines, (text) => ({ polarity: polarityOf(baselineLabel(text)) })),
    },
    {
      name: 'trained classifier',
      tweets: evaluateClassification(textLabels, expected, tweets.map((t) => scorers.classifier.classify(t.text).label)),
      entities: evaluateEntities(headlines, (text, entity) => scoreEntity(scorers, text, entity)),
    },
  ];
}
