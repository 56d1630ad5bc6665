import { Source } from '@tickerwire/core';
import type { SampleArticle } from './articles.ts';
import { articlePath, feedPaths } from './feeds.ts';

/**
 * Sources for the pipeline pointing at a running sample site. The site listens on 127.0.0.1,
 * which the fetcher refuses unless the operator allows it: whoever runs these sources puts
 * 127.0.0.1 on TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST (the quick start does it for its run).
 * Short intervals (30-60 s) keep the quick start and end-to-end runs lively.
 */
export function sampleSources(origin: string, pageArticle: SampleArticle | undefined): Source[] {
  const common = { tags: ['sample-site'] };
  const inputs = [
    { ...common, id: 'sample-markets-rss', kind: 'feed', url: origin + feedPaths.markets, interval: 30 },
    // The Atom feed carries summaries only, so its items are completed from their pages.
    { ...common, id: 'sample-research-atom', kind: 'feed', url: origin + feedPaths.research, interval: 45, fetchFullText: true },
    { ...common, id: 'sample-wire-json', kind: 'feed', url: origin + feedPaths.wire, interval: 60 },
    ...(pageArticle ? [{ ...common, id: 'sample-article-page', kind: 'page', url: origin + articlePath(pageArticle), interval: 60, tickers: pageArticle.tickers }] : []),
  ];
  return inputs.map((input) => Source.parse(input));
}
