import type { Counters } from '@tickerwire/queue';
import type { QueueDepth } from './dead-letters.ts';

/** One reading of the pipeline's counters and queues, for the live view. */
export interface Snapshot {
  at: number;
  counters: Counters;
  depths: readonly QueueDepth[];
}

function sum(counters: Counters, prefix: string): number {
  let total = 0;
  for (const [field, value] of Object.entries(counters)) if (field.startsWith(prefix)) total += value;
  return total;
}

function rate(now: Snapshot, before: Snapshot | undefined, read: (c: Counters) => number): string {
  if (!before || now.at <= before.at) return '';
  const perSecond = ((read(now.counters) - read(before.counters)) * 1000) / (now.at - before.at);
  return perSecond > 0 ? ` (${perSecond >= 10 ? perSecond.toFixed(0) : perSecond.toFixed(1)}/s)` : '';
}

/**
 * The live view: one line per stage with its totals, its rate since the last reading, and
 * its queue (waiting / active / failed = dead letters).
 */
export function formatProgress(now: Snapshot, before?: Snapshot): string[] {
  const c = now.counters;
  const depth = (queue: string) => {
    const d = now.depths.find((x) => x.queue === queue);
    return d ? `queue ${d.waiting} waiting, ${d.active} active${d.failed ? `, ${d.failed} dead` : ''}` : '';
  };
  const polls = (x: Counters) => sum(x, 'fetch_ok:');
  const fetched = (x: Counters) => x['items:fetch:new'] ?? 0;
  const analysed = (x: Counters) => x['items:analyze:analysed'] ?? 0;
  const stored = (x: Counters) => x['items:store:stored'] ?? 0;
  const line = (label: string, text: string, queue: string) => `${label.padEnd(9)}${text.padEnd(58)}${depth(queue)}`;
  return [
    line('fetch', `${polls(c)} polls, ${fetched(c)} new articles${rate(now, before, fetched)}, ${c['items:fetch:in_existing_job'] ? `${c['items:fetch:in_existing_job']} in an existing job, ` : ''}${sum(c, 'fetch_errors:')} errors`, 'fetch'),
    line('analyze', `${analysed(c)} analysed${rate(now, before, analysed)}, ${c['items:analyze:failed'] ?? 0} failed`, 'analyze'),
    line(
      'store',
      `${stored(c)} stories${rate(now, before, stored)}, ${c['items:store:added_source'] ?? 0} copies, ${c['events:stored'] ?? 0} events, ${c['events:announced'] ?? 0} announced`,
      'store',
    ),
    line('deliver', `${c['webhook:delivered'] ?? 0} webhooks delivered, ${sum(c, 'jobs_failed:')} failed job attempts (all stages)`, 'deliver'),
  ];
}

/**
 * The live view in one line (output that is not a terminal: a log file gets a line per
 * reading, not a table): the stages' totals and rates, then the queues' backlog and dead letters.
 */
export function formatProgressSummary(now: Snapshot, before?: Snapshot): string {
  const c = now.counters;
  const fetched = (x: Counters) => x['items:fetch:new'] ?? 0;
  const analysed = (x: Counters) => x['items:analyze:analysed'] ?? 0;
  const stored = (x: Counters) => x['items:store:stored'] ?? 0;
  const waiting = now.depths.reduce((n, d) => n + d.waiting + d.delayed, 0);
  const active = now.depths.reduce((n, d) => n + d.active, 0);
  const dead = now.depths.reduce((n, d) => n + d.failed, 0);
  const errors = sum(c, 'fetch_errors:') + (c['items:analyze:failed'] ?? 0);
  return [
    `${new Date(now.at).toISOString()}`,
    `fetched ${fetched(c)}${rate(now, before, fetched)}`,
    `analysed ${analysed(c)}${rate(now, before, analysed)}`,
    `stored ${stored(c)}${rate(now, before, stored)} stories, ${c['events:stored'] ?? 0} events`,
    `delivered ${c['webhook:delivered'] ?? 0}`,
    `queued ${waiting}, active ${active}, dead ${dead}, errors ${errors}`,
  ].join(' | ');
}
