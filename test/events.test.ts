import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarketEvent } from '@tickerwire/core';
import { factKeyOf, type FactLookup, type Repositories } from '@tickerwire/store';
import { freshRepositories } from './support/services.ts';

let database: Awaited<ReturnType<typeof freshRepositories>>['database'];
let repos: Repositories;

beforeAll(async () => {
  ({ database, repos } = await freshRepositories('events'));
});
afterAll(async () => database?.drop());

const cut = (evidence: string): MarketEvent => ({
  type: 'price_target', ticker: 'KSTM', company: 'Kestrel Mining', firm: 'Harbor Lane Capital', action: 'lower',
  from: 11, to: 7, currency: 'USD', changePct: -36.36, confidence: 0.9,
  evidence: { text: evidence, start: 0, end: evidence.length }, sentiment: { label: 'bearish', score: -0.5 },
});
const at = (iso: string) => new Date(iso);

describe('events: one fact stored once, with every report (real MongoDB-compatible server)', () => {
  it('the same fact in other words is the same key; other values are another fact', () => {
    const reworded = { ...cut('Kestrel Mining price target lowered to $7 at Harbor Lane'), confidence: 0.6 } as MarketEvent;
    expect(factKeyOf(cut('Harbor Lane cut its Kestrel target to $7 from $11.'))).toBe(factKeyOf(reworded));
    expect(factKeyOf(cut('x'))).not.toBe(factKeyOf({ ...cut('x'), to: 8 } as MarketEvent));
  });

  it('stores a fact first seen as novel, with its query fields at the top level', async () => {
    const outcome = await repos.events.record(cut('first'), { articleId: 'a1', sourceIds: ['wire-a'], seenAt: at('2026-11-20T10:00:00Z'), publishedAt: at('2026-11-20T09:55:00Z'), tags: ['price-target'] });
    expect(outcome).toMatchObject({ status: 'stored', novel: true });
    const stored = await repos.events.get(outcome.eventId);
    expect(stored).toMatchObject({ ticker: 'KSTM', type: 'price_target', action: 'lower', sentimentLabel: 'bearish', firm: 'Harbor Lane Capital' });
    expect(stored!.reports).toEqual([{ articleId: 'a1', sourceIds: ['wire-a'], seenAt: at('2026-11-20T10:00:00Z'), novel: true }]);
  });

  it('adds a later report of the same fact to the same event, not novel', async () => {
    const outcome = await repos.events.record(cut('second wording'), { articleId: 'a2', sourceIds: ['wire-b'], seenAt: at('2026-11-20T13:00:00Z'), publishedAt: null });
    expect(outcome).toMatchObject({ status: 'reported-again', novel: false });
    const stored = await repos.events.get(outcome.eventId);
    expect(stored!.reports.map((r) => [r.articleId, r.novel])).toEqual([['a1', true], ['a2', false]]);
    expect(await repos.events.count({ ticker: 'KSTM' })).toBe(1);
  });

  it('is idempotent: the same article recorded again changes nothing', async () => {
    const again = await repos.events.record(cut('second wording'), { articleId: 'a2', sourceIds: ['wire-b'], seenAt: at('2026-11-20T13:05:00Z'), publishedAt: null });
    expect(again.status).toBe('already-stored');
    const stored = await repos.events.get(again.eventId);
    expect(stored!.reports).toHaveLength(2);
  });

  it('keeps a later report apart from its event: recording it never rewrites the event', async () => {
    const [raw] = await repos.events.collection.find({ ticker: 'KSTM' }).toArray();
    expect(raw!.reports.map((r) => r.articleId)).toEqual(['a1']);
    expect(await repos.events.laterReports.collection.find({ eventId: raw!._id }).toArray()).toMatchObject([{ articleId: 'a2', sourceIds: ['wire-b'], novel: false }]);
  });

  it('a re-run whose lookup lost the report (a crash before it was remembered) still stores it once', async () => {
    const forgetful: FactLookup = {
      find: async (keys, from, to) => (await repos.events.mongoLookup.find(keys, from, to)).map((c) => ({ ...c, reports: c.reports.filter((r) => r.articleId !== 'a2') })),
      remember: async () => {},
    };
    const [outcome] = await repos.events.recordMany([{ event: cut('second wording'), articleId: 'a2', sourceIds: ['wire-b'], seenAt: at('2026-11-20T13:00:00Z'), publishedAt: null }], forgetful);
    expect((await repos.events.get(outcome!.eventId))!.reports.map((r) => r.articleId)).toEqual(['a1', 'a2']);
  });

  it('the same values a week later are a new fact', async () => {
    const later = await repos.events.record(cut('a week later'), { articleId: 'a9', sourceIds: ['wire-a'], seenAt: at('2026-11-28T10:00:00Z'), publishedAt: null });
    expect(later).toMatchObject({ status: 'stored', novel: true });
    expect(await repos.events.count({ ticker: 'KSTM' })).toBe(2);
  });

  it('concurrent writers of the same new fact from the same article store it once', async () => {
    const report = { articleId: 'race-1', sourceIds: ['wire-c'], seenAt: at('2026-12-10T10:00:00Z'), publishedAt: null };
    const event = { ...cut('race'), ticker: 'RACE' } as MarketEvent;
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => repos.events.record(event, report)));
    expect(new Set(outcomes.map((o) => o.eventId)).size).toBe(1);
    expect(await repos.events.count({ ticker: 'RACE' })).toBe(1);
    const stored = await repos.events.get(outcomes[0]!.eventId);
    expect(stored!.reports).toHaveLength(1);
  });
});
