// @tickerwire/sample-site: a small news site of our own fictional articles, served on
// 127.0.0.1 for the quick start, the end-to-end tests and the pipeline benchmark.

export { generateArticles, liveArticle, liveDistinctPairs, defaultBaseDate, slugify } from './articles.ts';
export type { SampleArticle, GenerateOptions } from './articles.ts';
export { startSampleSite } from './server.ts';
export type { SampleSite, SampleSiteOptions } from './server.ts';
export { feedNames, feedPaths } from './feeds.ts';
export type { FeedName } from './feeds.ts';
export { sampleSources } from './sources.ts';
