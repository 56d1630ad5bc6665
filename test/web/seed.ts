import type { MarketEvent, ScoreReason, SentimentLabel } from '@tickerwire/core';
import type { Repositories, StoredArticle, StoredEvent } from '@tickerwire/store';
import { articleDoc, eventDoc, ratingEvent, targetEvent } from '../api/support.ts';

// Sample stories for the browser tests: real-looking text whose events point at their
// evidence (offsets into title + "\n\n" + body), per-ticker sentiment and reasons.

const hour = 3_600_000;

export interface Spec {
  id: string;
  hoursAgo: number;
  title: string;
  body: string;
  sources?: string[];
  tickers: { ticker: string; label: SentimentLabel; score: number }[];
  events: { make: () => MarketEvent; phrase: string }[];
  reasons?: ScoreReason[];
  tags?: string[];
  /** Publication time, when it differs from the fetch time (`hoursAgo`). */
  publishedAt?: Date;
  /** false: the story only repeats facts reported before (default: it first reported them). */
  novel?: boolean;
}

const label = (score: number): SentimentLabel => (score > 0.1 ? 'bullish' : score < -0.1 ? 'bearish' : 'neutral');

export function storyDocs(spec: Spec, now: number): { article: StoredArticle; events: StoredEvent[] } {
  const text = `${spec.title}\n\n${spec.body}`;
  const events = spec.events.map(({ make, phrase }) => {
    const start = text.indexOf(phrase);
    if (start < 0) throw new Error(`${spec.id}: evidence "${phrase}" is not in the text`);
    return { ...make(), evidence: { text: phrase, start, end: start + phrase.length } } as MarketEvent;
  });
  const firstSeenAt = new Date(now - spec.hoursAgo * hour);
  const mean = spec.tickers.reduce((sum, t) => sum + t.score, 0) / Math.max(1, spec.tickers.length);
  const novel = spec.novel ?? true;
  const article = articleDoc({
    id: spec.id,
    firstSeenAt,
    ...(spec.publishedAt ? { publishedAt: spec.publishedAt } : {}),
    title: spec.title,
    body: spec.body,
    tickers: spec.tickers.map((t) => t.ticker),
    sources: spec.sources ?? ['wire'],
    tags: spec.tags ?? [],
    events,
    sentiment: { label: label(mean), score: mean },
    novelReports: novel ? events.length : 0,
    repeatReports: novel ? 0 : events.length,
  });
  article.analysis = {
    ...article.analysis!,
    tickerSentiment: spec.tickers.map((t) => ({ ...t, relevance: 1 })),
    reasons: spec.reasons ?? events.map((e) => ({ ticker: e.ticker, source: 'event' as const, detail: `${e.type} ${'action' in e ? e.action : ''}`.trim(), evidence: e.evidence.text, contribution: e.type === 'analyst_rating' && e.action === 'downgrade' ? -0.8 : 0.6 })),
  };
  const stored = events.map((event, i) =>
    eventDoc({ id: `${spec.id}-e${i}`, event, firstSeenAt, ...(spec.publishedAt ? { publishedAt: spec.publishedAt } : {}), tags: spec.tags ?? [], reports: [{ articleId: spec.id, sourceIds: spec.sources ?? ['wire'], novel }] }),
  );
  return { article, events: stored };
}

/** Stores the stories of `specs` (articles and their events) as the pipeline would have. */
export async function storeStories(repos: Pick<Repositories, 'articles' | 'events'>, specs: readonly Spec[], now: number): Promise<void> {
  const docs = specs.map((spec) => storyDocs(spec, now));
  await repos.articles.collection.insertMany(docs.map((d) => d.article) as never);
  await repos.events.collection.insertMany(docs.flatMap((d) => d.events));
}

export const rating = (ticker: string, firm: string, action: 'upgrade' | 'downgrade' | 'initiate' | 'maintain', to: string) => () => ratingEvent(ticker, firm, action, to);
export const target = (ticker: string, firm: string, action: 'raise' | 'lower', to: number, from: number) => () => targetEvent(ticker, firm, action, to, from);

export const specs: Spec[] = [
  {
    id: 'cifr-upgrade',
    hoursAgo: 1,
    title: 'JPMorgan upgrades Cipher Mining to Overweight, lifts target to $18',
    body: 'JPMorgan upgraded Cipher Mining (CIFR) to overweight from neutral on Tuesday. The bank raised its price target to $18 from $12, citing new hosting contracts.',
    sources: ['wire', 'blog'],
    tickers: [{ ticker: 'CIFR', label: 'bullish', score: 0.72 }],
    events: [
      { make: rating('CIFR', 'JPMorgan', 'upgrade', 'Overweight'), phrase: 'JPMorgan upgraded Cipher Mining (CIFR) to overweight from neutral' },
      { make: target('CIFR', 'JPMorgan', 'raise', 18, 12), phrase: 'raised its price target to $18 from $12' },
    ],
  },
  {
    id: 'aapl-cut',
    hoursAgo: 2,
    title: 'Barclays downgrades Apple to Underweight on iPhone demand',
    body: 'Barclays downgraded Apple (AAPL) to underweight, saying demand for the new iPhone looks soft into the holiday quarter.',
    tickers: [{ ticker: 'AAPL', label: 'bearish', score: -0.64 }],
    events: [{ make: rating('AAPL', 'Barclays', 'downgrade', 'Underweight'), phrase: 'Barclays downgraded Apple (AAPL) to underweight' }],
  },
  {
    id: 'msft-pt',
    hoursAgo: 3,
    title: 'Morgan Stanley raises Microsoft price target to $600',
    body: 'Morgan Stanley raised its Microsoft (MSFT) price target to $600 from $550 and kept an overweight rating.',
    tickers: [{ ticker: 'MSFT', label: 'bullish', score: 0.41 }],
    events: [{ make: target('MSFT', 'Morgan Stanley', 'raise', 600, 550), phrase: 'raised its Microsoft (MSFT) price target to $600 from $550' }],
  },
  ...Array.from({ length: 9 }, (_, i): Spec => {
    const ticker = ['NVDA', 'CIFR', 'AAPL'][i % 3]!;
    const score = [0.3, -0.25, 0.1][i % 3]!;
    return {
      id: `brief-${i}`,
      hoursAgo: 6 + i * 20,
      title: `Market brief ${i + 1}: ${ticker} in focus`,
      body: `Analysts at Roth reiterated their view on ${ticker} in a note to clients. Volume was ${100 + i}% of average.`,
      tickers: [{ ticker, label: label(score), score }],
      events: [{ make: rating(ticker, 'Roth', 'maintain', 'Buy'), phrase: `Analysts at Roth reiterated their view on ${ticker}` }],
    };
  }),
];
