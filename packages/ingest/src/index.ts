// @tickerwire/ingest: sources, guarded fetching, feed and page parsing, story identity.

export { collectArticles, defaultMaxItems } from './collect.ts';
export type { CollectOptions, CollectResult } from './collect.ts';
export type { ArticleCandidate, ItemError } from './candidate.ts';
export { extractArticleLinks, maxListingChars, maxArticleLinks } from './article-links.ts';

export { loadSources, parseSources } from './sources.ts';

export { Fetcher, fetchSource, userAgent, robotsProductToken } from './fetcher.ts';
export type { FetcherOptions, FetchRequest, FetchResult, Fetched, NotModified, Validators } from './fetcher.ts';
export { FetchError, FeedError, PageError, isPermanentStatus, errorChain } from './errors.ts';
export type { FetchErrorKind, FeedErrorKind, PageErrorKind } from './errors.ts';
export { blockedAddressReason, blockedUrlReason, refusedAddressReason, refusedUrlReason } from './address-guard.ts';
export { PrivateNetworkAllowlist, PrivateNetworkAllowlistEnv } from './private-network.ts';
export { destinationRefusal, type ResolveHost } from './destination-check.ts';
export { parseRobots, isPathAllowed } from './robots.ts';
export type { RobotsPolicy } from './robots.ts';
export { decodeBytes, charsetFromContentType } from './charset.ts';
export type { DecodedText, CharsetSource } from './charset.ts';

export { parseFeedText, parseFeedBytes, parseFeedFile, isUsableItem } from './feed.ts';
export type { FeedFileResult, ParseFeedOptions } from './feed.ts';
export type { FeedItem, Enclosure, FeedFormat, ParsedFeed } from './feed-types.ts';
export { htmlToText } from './html-text.ts';

export { extractPage } from './page-extract.ts';
export type { ExtractedPage } from './page-extract.ts';
export { PagePool } from './page-pool.ts';
export type { PagePoolOptions } from './page-pool.ts';
export { tickersFromText, tickersFromMetadata } from './tickers.ts';

export { canonicalizeUrl, itemId, contentHash, normalizeText } from './identity.ts';
export type { ItemIdentityInput } from './identity.ts';
export { simhash64, storyFingerprint, hammingDistance, isSameStory, sameStoryMaxDistance } from './simhash.ts';
export type { StoryText } from './simhash.ts';
export { createGuardedAgent, guardedAgentFor, firstRefusedAddress, BlockedAddressError, type AgentTimeouts } from './guarded-agent.ts';
