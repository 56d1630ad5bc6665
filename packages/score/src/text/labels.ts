import type { SentimentLabel } from '@tickerwire/core';

/**
 * The classifier's classes in a fixed order: model weights are stored per class in this
 * order, so changing it invalidates every saved model (bump the model version if you must).
 */
export const textLabels = ['bearish', 'bullish', 'neutral'] as const satisfies readonly SentimentLabel[];
export type TextLabel = (typeof textLabels)[number];

export function isTextLabel(value: string): value is TextLabel {
  return (textLabels as readonly string[]).includes(value);
}

/** SEntFiN's per-entity labels, and how they map onto ours. */
export type EntityPolarity = 'positive' | 'negative' | 'neutral';

export function polarityOf(label: TextLabel): EntityPolarity {
  if (label === 'bullish') return 'positive';
  if (label === 'bearish') return 'negative';
  return 'neutral';
}
