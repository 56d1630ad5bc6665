import { describe, expect, it } from 'vitest';
import type { AnalysedArticle } from '@tickerwire/queue';
import type { LedgerOutcome } from '@tickerwire/store';
import { reportsToAnnounce, storedBySource } from './store-stage.ts';

const article = (id: string, sourceId: string | null) => ({ id, sources: sourceId ? [{ sourceId }] : [] }) as unknown as AnalysedArticle;
const report = (item: number, status: 'stored' | 'reported-again' | 'already-stored') => ({ item, status }) as unknown as LedgerOutcome['reports'][number];

describe("a store job's counts per source (source health)", () => {
  it('counts new stories and new sources of a story as items, first reports and reports again as events, by the copy’s source', () => {
    const articles = [article('a', 'wire'), article('b', 'wire'), article('c', 'blog'), article('d', 'blog')];
    const recorded = {
      stories: [
        { status: 'stored', articleId: 'a' },
        { status: 'already-stored', articleId: 'b' },
        { status: 'added-source', articleId: 'c' },
        { status: 'stored', articleId: 'd' },
      ],
      reports: [report(0, 'stored'), report(0, 'reported-again'), report(1, 'already-stored'), report(3, 'stored')],
    } as Pick<LedgerOutcome, 'stories' | 'reports'>;
    expect(Object.fromEntries(storedBySource(articles, recorded))).toEqual({ wire: { items: 1, events: 2 }, blog: { items: 2, events: 1 } });
  });

  it('a re-run that finds everything stored counts nothing (no source is written to)', () => {
    const articles = [article('a', 'wire'), article('b', null)];
    const recorded = { stories: [{ status: 'already-stored', articleId: 'a' }, { status: 'stored', articleId: 'b' }], reports: [report(0, 'already-stored'), report(1, 'stored')] } as Pick<LedgerOutcome, 'stories' | 'reports'>;
    expect(storedBySource(articles, recorded).size).toBe(0);
  });
});

describe('the reports a store job announces', () => {
  type R = LedgerOutcome['reports'][number];
  const fact = { type: 'analyst_rating', ticker: 'ACME' } as unknown as R['event'];
  const field = (articleId: string) => `${articleId}:f1`;
  const r = (item: number, status: R['status'], articleId: string) => ({ item, status, articleId, event: fact }) as unknown as R;

  it('announces what this run recorded, and what an earlier run of the job left pending', () => {
    const articles = [{ id: 'a' }, { id: 'b' }];
    const reports = [r(0, 'stored', 'a'), r(1, 'already-stored', 'b')];
    expect(reportsToAnnounce(articles, reports, { 'b:f1': 'p' }, field)).toEqual(reports);
    expect(reportsToAnnounce(articles, reports, {}, field)).toEqual([reports[0]]);
  });

  it("does not announce again, on a retried copy's job, the fact its story's own job recorded and announced", () => {
    // The copy "c" of story "a": its report of the fact is the story's, already stored under "a".
    const articles = [{ id: 'c' }];
    const reports = [r(0, 'already-stored', 'a')];
    expect(reportsToAnnounce(articles, reports, { 'c:f1': 'p' }, field)).toEqual([]);
  });
});
