import type { MarketEvent, SentimentLabel } from '@tickerwire/core';
import { extractEvents } from '@tickerwire/extract';
import { eventSignal, onlyStatesFigures } from './rules.ts';
import type { TextSentimentScorer } from './text/index.ts';

/*
 * One sentence or headline read the way an analysis reads it: the events extraction finds in
 * it (a company's own results and guidance, ratings, targets, moves) scored by the event rules,
 * and the text model. A sentence that reports a company's figures ("operating profit rose to
 * EUR 9.4 mn", "net loss narrowed") is labelled by its events, which read the figures and
 * which way is good for the metric; with no event, or events that say nothing either way,
 * the text model decides.
 */

export interface SentenceSentiment {
  readonly label: SentimentLabel;
  /** The events' summed signal (each times its confidence) when they decide, else the text model's score. */
  readonly score: number;
  readonly decidedBy: 'events' | 'text';
  readonly events: readonly MarketEvent[];
}

/** Events whose summed signal is at least this far from 0 decide the label. */
export const sentenceEventThreshold = 0.05;

export function createSentenceScorer(text: TextSentimentScorer): (sentence: string) => SentenceSentiment {
  return (sentence) => {
    const events = extractEvents({ body: sentence });
    const signal = events.reduce((sum, event) => sum + eventSignal(event).value * event.confidence, 0);
    if (Math.abs(signal) >= sentenceEventThreshold) {
      return { label: signal > 0 ? 'bullish' : 'bearish', score: Math.max(-1, Math.min(1, signal)), decidedBy: 'events', events };
    }
    // "Operating profit for the period was EUR 8.7 million": a figure and nothing to judge it by.
    if (onlyStatesFigures(events, sentence)) return { label: 'neutral', score: 0, decidedBy: 'events', events };
    const read = text.classifier.classify(sentence);
    return { label: read.label, score: read.score, decidedBy: 'text', events };
  };
}
