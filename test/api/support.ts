import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { MarketEvent, SentimentLabel } from '@tickerwire/core';
import { eventQueryFields, type Repositories, type StoredArticle, type StoredEvent } from '@tickerwire/store';
import { buildApi, type Api, type ApiOptions } from '@tickerwire/api';
import { deleteKeys, freshRepositories, testRedis, uniquePrefix } from '../support/services.ts';

export interface ApiHarness {
  api: Api;
  repos: Repositories;
  redis: Redis;
  db: import('mongodb').Db;
  prefix: string;
  readKey: string;
  adminKey: string;
  close(): Promise<void>;
}

/** A fresh database and Redis prefix, the API over them, and one read and one admin key. */
export async function apiHarness(label: string, options: ApiOptions = {}): Promise<ApiHarness> {
  const { repos, database } = await freshRepositories(label);
  const redis = testRedis('producer');
  const prefix = uniquePrefix(label);
  const api = await buildApi({ repos, db: database.db, redis, queuePrefix: prefix, options });
  const readKey = (await repos.apiKeys.create({ name: 'reader', scopes: ['read'] })).key;
  const adminKey = (await repos.apiKeys.create({ name: 'ops', scopes: ['read', 'admin'] })).key;
  return {
    api,
    repos,
    redis,
    db: database.db,
    prefix,
    readKey,
    adminKey,
    close: async () => {
      await api.close();
      await deleteKeys(redis, prefix);
      redis.disconnect();
      await database.drop();
    },
  };
}

export const auth = (key: string) => ({ authorization: `Bearer ${key}` });

const hex = (s: string) => createHash('sha256').update(s).digest('hex');

export interface ArticleSeed {
  id: string;
  firstSeenAt: Date;
  publishedAt?: Date | null;
  tickers?: string[];
  tags?: string[];
  sources?: string[];
  sentiment?: { label: SentimentLabel; score: number } | null;
  events?: MarketEvent[];
  title?: string;
  body?: string;
  /** Its reports that were the first of their fact, and those that repeated one (as the ledger counts them). */
  novelReports?: number;
  repeatReports?: number;
  /** Sources that carried it later (the ledger adds them to the story): source id and URL. */
  laterSources?: { sourceId: string; url: string; firstSeenAt: Date }[];
}

/** A story as the ledger stores it (every source on it, its reports counted). */
export function articleDoc(seed: ArticleSeed): StoredArticle & { novelReports: number; repeatReports: number } {
  const sources = seed.sources ?? ['wire'];
  return {
    _id: seed.id,
    url: `https://news.example.com/${seed.id}`,
    canonicalUrl: `https://news.example.com/${seed.id}`,
    title: seed.title ?? `Story ${seed.id}`,
    body: seed.body ?? `Body of ${seed.id} & <friends>.`,
    author: null,
    publishedAt: seed.publishedAt === undefined ? seed.firstSeenAt : seed.publishedAt,
    firstSeenAt: seed.firstSeenAt,
    contentHash: hex(seed.id).slice(0, 32),
    sources: [...sources.map((sourceId) => ({ sourceId, url: `https://news.example.com/${seed.id}`, firstSeenAt: seed.firstSeenAt })), ...(seed.laterSources ?? [])],
    novelReports: seed.novelReports ?? 0,
    repeatReports: seed.repeatReports ?? 0,
    analysis: {
      tickers: seed.tickers ?? [],
      ...(seed.sentiment ? { sentiment: { ...seed.sentiment, confidence: 0.8 } } : {}),
      events: seed.events ?? [],
      tags: seed.tags ?? [],
    },
  };
}

export function ratingEvent(ticker: string, firm: string, action: 'upgrade' | 'downgrade' | 'maintain' | 'initiate', ratingTo: string, score: number | null = null): MarketEvent {
  return {
    type: 'analyst_rating',
    ticker,
    company: `${ticker} Inc`,
    firm,
    analyst: null,
    action,
    ratingFrom: null,
    ratingTo,
    ratingScore: 4,
    confidence: 0.9,
    evidence: { text: `${firm} ${action}s ${ticker} to ${ratingTo}`, start: 0, end: 20 },
    ...(score === null ? {} : { sentiment: { label: score > 0.1 ? 'bullish' : score < -0.1 ? 'bearish' : 'neutral', score } }),
  } as MarketEvent;
}

export function targetEvent(ticker: string, firm: string, action: 'raise' | 'lower' | 'initiate' | 'maintain' | 'remove', to: number | null, from: number | null = null): MarketEvent {
  return {
    type: 'price_target',
    ticker,
    company: `${ticker} Inc`,
    firm,
    action,
    from,
    to,
    currency: 'USD',
    changePct: null,
    confidence: 0.9,
    evidence: { text: `${firm} ${action}s ${ticker} target to ${to}`, start: 0, end: 20 },
  } as MarketEvent;
}

export interface EventSeed {
  id: string;
  event: MarketEvent;
  firstSeenAt: Date;
  publishedAt?: Date | null;
  tags?: string[];
  reports?: { articleId: string; sourceIds: string[]; novel: boolean; seenAt?: Date }[];
}

/** An event as the ledger stores it: every report on it, with the source lists the feeds filter on. */
export function eventDoc(seed: EventSeed): StoredEvent {
  const e = seed.event;
  const reports = seed.reports ?? [{ articleId: `a-${seed.id}`, sourceIds: ['wire'], novel: true }];
  const sourcesOf = (rs: typeof reports) => [...new Set(rs.flatMap((r) => r.sourceIds))];
  return {
    reportSourceIds: sourcesOf(reports),
    novelSourceIds: sourcesOf(reports.filter((r) => r.novel)),
    repeatSourceIds: sourcesOf(reports.filter((r) => !r.novel)),
    repeated: reports.some((r) => !r.novel),
    _id: seed.id,
    factKey: hex(seed.id).slice(0, 32),
    ...eventQueryFields(e),
    publishedAt: seed.publishedAt === undefined ? seed.firstSeenAt : seed.publishedAt,
    firstSeenAt: seed.firstSeenAt,
    tags: seed.tags ?? [],
    event: e,
    reports: (seed.reports ?? [{ articleId: `a-${seed.id}`, sourceIds: ['wire'], novel: true }]).map((r) => ({ ...r, seenAt: r.seenAt ?? seed.firstSeenAt })),
  };
}

/** A time `minutes` after a fixed origin: seeds order by it. */
export const at = (minutes: number) => new Date(Date.UTC(2026, 0, 5, 12, 0, 0) + minutes * 60_000);
