import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSentenceScorer, createTextSentimentScorer, evaluateClassification, ownNewsSentences, ownResultSentences, parseLabelledJsonLines, textLabels } from './index.ts';

// Our own PhraseBank-style sentences (fixtures/results-sentences.jsonl, written by us).
describe('a sentence read with its events', () => {
  const text = createTextSentimentScorer();
  const sentence = createSentenceScorer(text);

  it.each([
    ['Operating profit rose to EUR 12.3 mn from EUR 9.8 mn a year earlier.', 'bullish'],
    ["The company's net loss narrowed to EUR 1.1 mn from EUR 3.4 mn.", 'bullish'],
    ["The group's loss narrowed to EUR 0.8 million from a loss of EUR 2.4 million.", 'bullish'],
    ['Operating profit fell to EUR 4.1 mn from EUR 7.9 mn.', 'bearish'],
  ])('labels a company reporting its figures by its events: %j', (s, label) => {
    const read = sentence(s);
    expect(read.decidedBy).toBe('events');
    expect(read.events.some((e) => e.type === 'financial_result')).toBe(true);
    expect(read.label).toBe(label);
  });

  it.each([
    ['Operating profit for the period was EUR 8.7 million.', 'neutral'],
    ["In 2008, the company's net sales were EUR 28 mn and it had 210 employees.", 'neutral'],
    ['Its order book stood at a record EUR 1.9 bn at the end of June.', 'bullish'],
  ])('reads a figure stated with nothing to judge it by as neutral, and one judged by its words as they say: %j', (s, label) => {
    expect(sentence(s).label).toBe(label);
  });

  it('leaves a sentence without events to the text model', () => {
    const read = sentence('The company will publish its interim report on 28 April.');
    expect(read).toMatchObject({ decidedBy: 'text', label: 'neutral' });
    expect(read.events).toEqual([]);
  });

  // The text model now also learns from our own results sentences (text/own-training.ts), so on
  // these it is about as good as the events; news-sentences.jsonl is written in other words.
  it.each([ownResultSentences, ownNewsSentences])('reads our sentences at least as well as the text model alone: %s', (file) => {
    const examples = parseLabelledJsonLines(readFileSync(file, 'utf8'));
    const expected = examples.map((e) => e.label);
    const alone = evaluateClassification(textLabels, expected, examples.map((e) => text.classifier.classify(e.text).label));
    const withEvents = evaluateClassification(textLabels, expected, examples.map((e) => sentence(e.text).label));
    expect(withEvents.accuracy).toBeGreaterThanOrEqual(alone.accuracy);
    expect(withEvents.accuracy).toBeGreaterThanOrEqual(0.8);
  });
});
