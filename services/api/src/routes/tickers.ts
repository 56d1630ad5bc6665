import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Ticker } from '@tickerwire/core';
import type { ApiContext } from '../app.ts';
import { ApiError } from '../errors.ts';
import { authQuery } from '../filters.ts';
import { ApiEvent, toApiEvent } from '../representations.ts';
import { errorResponses, readSecurity } from '../schemas.ts';
import { TickerSummary, bucketSizes, latestRatingPerFirm, maxBuckets, priceTargetSummary, sentimentBuckets, type BucketSize } from '../ticker-summary.ts';

// Enough history for every firm's latest rating and target; older notes are superseded.
const ratingLookback = 500;
const sentimentSampleCap = 20_000;

export function tickerRoutes(context: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/v1/tickers/:ticker',
      {
        config: { scope: 'read', etag: true },
        schema: {
          summary: 'One ticker at a glance',
          description: 'Latest rating per firm, each firm\'s current price target with their range and median, sentiment per time bucket over a window, and the most recent events.',
          tags: ['tickers'],
          security: readSecurity,
          params: z.object({ ticker: z.string().transform((t) => t.toUpperCase()).pipe(Ticker) }),
          querystring: z
            .strictObject({
              days: z.coerce.number().int().min(1).max(730).default(30).meta({ description: 'Sentiment window, in days back from now.' }),
              bucket: z.enum(['hour', 'day', 'week']).default('day'),
              recent: z.coerce.number().int().min(0).max(100).default(20).meta({ description: 'How many recent events.' }),
              ...authQuery,
            })
            .refine((q) => (q.days * 86_400_000) / bucketSizes[q.bucket] <= maxBuckets, { path: ['bucket'], message: `more than ${maxBuckets} buckets: use a larger bucket or fewer days` }),
          response: { 200: TickerSummary.extend({ recentEvents: z.array(ApiEvent) }), ...errorResponses(400, 401, 404, 429) },
        },
      },
      async (request) => {
        const { ticker } = request.params;
        const { days, bucket, recent } = request.query;
        const until = new Date();
        const since = new Date(until.getTime() - days * 86_400_000);
        const feeds = context.repos.feeds;
        const [ratings, targets, recentEvents, samples] = await Promise.all([
          feeds.latestOfTicker(ticker, 'analyst_rating', ratingLookback),
          feeds.latestOfTicker(ticker, 'price_target', ratingLookback),
          recent > 0 ? feeds.latestOfTicker(ticker, null, recent) : Promise.resolve([]),
          feeds.tickerSentimentSamples(ticker, since, sentimentSampleCap),
        ]);
        if (ratings.length === 0 && targets.length === 0 && recentEvents.length === 0 && samples.length === 0) {
          throw new ApiError(404, 'not_found', `ticker ${ticker}: no article or event mentions it`);
        }
        const links = await feeds.articleLinks(recentEvents.flatMap((e) => (e.reports[0] ? [e.reports[0].articleId] : [])));
        return {
          ticker,
          ratings: latestRatingPerFirm(ratings),
          priceTargets: priceTargetSummary(targets),
          sentiment: { bucket: bucket as BucketSize, since: since.toISOString(), buckets: sentimentBuckets(samples, bucket, since, until) },
          recentEvents: recentEvents.map((e) => toApiEvent(e, links)),
        };
      },
    );
  };
}
