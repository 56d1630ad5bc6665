import { randomBytes } from 'node:crypto';
import type { StoredEventMessage } from '@tickerwire/queue';

/** A ticker no other test uses, so a subscription on it sees only this test's events. */
export function uniqueTicker(): string {
  return `T${randomBytes(4).toString('hex').toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 8)}`;
}

let sequence = 0;
const run = randomBytes(3).toString('hex');

/** A stored-event message for one ticker: a price-target raise, bullish, novel. */
export function storedMessage(ticker: string, overrides: Partial<StoredEventMessage> = {}): StoredEventMessage {
  sequence += 1;
  const text = `Harbor Lane raised its ${ticker} price target to $12 from $9.`;
  const now = new Date();
  return {
    eventId: `ev-${run}-${sequence}`,
    articleId: `art-${run}-${sequence}`,
    sourceIds: ['wire-a'],
    novel: true,
    type: 'price_target',
    ticker,
    action: 'raise',
    sentimentLabel: 'bullish',
    sentimentScore: 0.5,
    tags: ['price-target'],
    publishedAt: now,
    firstSeenAt: now,
    reportedAt: now,
    event: {
      type: 'price_target', ticker, company: 'Kestrel Mining', firm: 'Harbor Lane', action: 'raise', from: 9, to: 12, currency: 'USD', changePct: 33.33,
      confidence: 0.9, evidence: { text, start: 0, end: text.length }, sentiment: { label: 'bullish', score: 0.5 },
    },
    ...overrides,
  };
}
