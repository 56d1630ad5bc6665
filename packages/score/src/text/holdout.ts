import { inSeededThird } from '@tickerwire/extract';
import type { EntityHeadline } from './datasets.ts';

/*
 * sentfin-dev.jsonl is both training data and a measure: a seeded third of it, chosen by each
 * headline's id alone (FNV-1a of seed + id; the text when a row has no id), is held out before
 * training and never trained on, so adding rows never moves old ones between the parts and
 * every retrain holds out the same headlines.
 */
export const sentfinHoldoutSeed = 'tickerwire-sentfin-holdout-1';

export function isHeldOut(key: string): boolean {
  return inSeededThird(sentfinHoldoutSeed, key);
}

const keyOf = (headline: EntityHeadline) => headline.id ?? headline.text;

/** The headlines the model may learn from, and the held-out third it must not see. */
export function splitHeldOut(headlines: readonly EntityHeadline[]): { training: EntityHeadline[]; heldOut: EntityHeadline[] } {
  const training: EntityHeadline[] = [];
  const heldOut: EntityHeadline[] = [];
  for (const headline of headlines) (isHeldOut(keyOf(headline)) ? heldOut : training).push(headline);
  return { training, heldOut };
}
