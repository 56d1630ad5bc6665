import { describe, expect, it } from 'vitest';
import { clauseAround, createTextSentimentScorer, findMention } from './index.ts';

describe('per-entity scoring', () => {
  const scorer = createTextSentimentScorer();

  it('finds whole-word mentions, case-insensitively', () => {
    expect(findMention('Shares of ACME Corp rise', 'Acme Corp')).toEqual({ start: 10, end: 19 });
    expect(findMention('Acmeville is a town', 'Acme')).toBeUndefined();
  });

  it('scores each side of a contrast on its own clause', () => {
    const text = 'Contoso shares surge 12%, Fabrikam slumps on weak outlook';
    expect(scorer.scoreEntity(text, 'Contoso').polarity).toBe('positive');
    expect(scorer.scoreEntity(text, 'Fabrikam').polarity).toBe('negative');
  });

  it('lets list items share the verb of their clause', () => {
    const text = 'Contoso, Fabrikam rally up to 6% on strong orders';
    const mention = findMention(text, 'Contoso');
    expect(mention && clauseAround(text, mention)).toBe('Contoso, Fabrikam rally up to 6%');
    expect(scorer.scoreEntity(text, 'Contoso').polarity).toBe('positive');
  });

  it('calls the broker and the quoted person neutral', () => {
    expect(scorer.scoreEntity('Litware slides after Example Bank downgrades the stock', 'Example Bank').polarity).toBe('neutral');
    expect(scorer.scoreEntity('Litware slides after Example Bank downgrades the stock', 'Litware').polarity).toBe('negative');
    expect(scorer.scoreEntity('Buy Contoso for a 20% upside: Jane Doe, Example Capital', 'Jane Doe').basis).toBe('source');
  });

  it('falls back to the whole text when the entity is not mentioned', () => {
    expect(scorer.scoreEntity('Profit warning sends shares tumbling', 'Contoso').basis).toBe('whole-text');
  });
});
