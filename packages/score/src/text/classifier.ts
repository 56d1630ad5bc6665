import { lexiconCounts } from './finance-lexicon.ts';
import { createAfinnScorer, tokenizeLikeNatural, type AfinnScorer } from './afinn.ts';
import { featureTokens, ngramFeatures, vectorize, type SparseVector } from './features.ts';
import { textLabels, type TextLabel } from './labels.ts';
import type { TextModelFile } from './model.ts';

export interface TextSentiment {
  readonly label: TextLabel;
  /** p(bullish) − p(bearish), in [−1, 1]. */
  readonly score: number;
  /** Class probabilities in `textLabels` order (bearish, bullish, neutral). */
  readonly probabilities: readonly number[];
}

export interface TextClassifier {
  classify(text: string): TextSentiment;
}

/** Each lexicon group's feature value is this times its count (at most 2); 0.3–1 gave the same CV macro-F1. */
const lexiconScale = 0.6;

/** Dense features beside the n-grams: our finance lexicon's four group counts (finance-lexicon.ts). */
export function lexiconFeatures(tokens: readonly string[]): [string, number][] {
  const counts = lexiconCounts(tokens);
  return (Object.keys(counts) as (keyof typeof counts)[]).map((group) => [`<lex:${group}>`, lexiconScale * Math.min(2, counts[group])]);
}

/** The classifier's input for one text; training and inference share it so they cannot drift. */
export function textVector(text: string, afinn: AfinnScorer): SparseVector {
  const words = tokenizeLikeNatural(text);
  const valenceSum = afinn.scoreWords(words) * words.length;
  const tokens = featureTokens(text);
  return vectorize(ngramFeatures(tokens), valenceSum, lexiconFeatures(tokens));
}

export function softmaxInPlace(logits: number[]): number[] {
  const max = Math.max(...logits);
  let total = 0;
  for (let k = 0; k < logits.length; k++) {
    const e = Math.exp((logits[k] as number) - max);
    logits[k] = e;
    total += e;
  }
  for (let k = 0; k < logits.length; k++) logits[k] = (logits[k] as number) / total;
  return logits;
}

export function sentimentFromProbabilities(probabilities: readonly number[]): TextSentiment {
  let best = 0;
  for (let k = 1; k < probabilities.length; k++) if ((probabilities[k] as number) > (probabilities[best] as number)) best = k;
  const bearish = probabilities[textLabels.indexOf('bearish')] ?? 0;
  const bullish = probabilities[textLabels.indexOf('bullish')] ?? 0;
  return { label: textLabels[best] ?? 'neutral', score: bullish - bearish, probabilities };
}

/** A linear softmax classifier over the model's weights; unknown features weigh nothing. */
export function createTextClassifier(model: TextModelFile, afinn: AfinnScorer = createAfinnScorer()): TextClassifier {
  const weights = new Map(Object.entries(model.weights));
  const classCount = textLabels.length;
  return {
    classify(text) {
      const vector = textVector(text, afinn);
      const logits = model.bias.slice();
      for (let i = 0; i < vector.names.length; i++) {
        const row = weights.get(vector.names[i] as string);
        if (!row) continue;
        const value = vector.values[i] as number;
        for (let k = 0; k < classCount; k++) logits[k] = (logits[k] as number) + (row[k] as number) * value;
      }
      return sentimentFromProbabilities(softmaxInPlace(logits));
    },
  };
}
