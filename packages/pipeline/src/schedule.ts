import type { Queue } from 'bullmq';
import type { Source } from '@tickerwire/core';
import { jobCatalogue, retention } from '@tickerwire/queue';

/** One BullMQ job scheduler per enabled source; its id names the source. */
export function schedulerIdOf(sourceId: string): string {
  return `source.${sourceId}`;
}

export interface ScheduleChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

/**
 * Makes the fetch queue's job schedulers match the sources: one per enabled source on its
 * interval, none for disabled or deleted ones. Only differences are written, so running it
 * every few seconds (to pick up sources added through the CLI or the API) costs one read.
 * A new scheduler polls at once, then every interval.
 */
export async function syncSchedules(queue: Queue, sources: readonly Source[]): Promise<ScheduleChanges> {
  const wanted = new Map(sources.filter((s) => s.enabled).map((s) => [schedulerIdOf(s.id), s]));
  const existing = new Map((await queue.getJobSchedulers(0, -1)).map((s) => [s.key, s]));
  const changes: ScheduleChanges = { added: [], changed: [], removed: [] };
  const fetchSource = jobCatalogue['fetch-source'];

  for (const [id, source] of wanted) {
    const every = source.interval * 1000;
    const current = existing.get(id);
    if (current && current.every === every) continue;
    const data = fetchSource.payload.parse({ sourceId: source.id });
    await queue.upsertJobScheduler(
      id,
      { every },
      { name: 'fetch-source', data, opts: { ...fetchSource.options, ...retention } },
    );
    (current ? changes.changed : changes.added).push(source.id);
  }
  for (const id of existing.keys()) {
    if (id.startsWith('source.') && !wanted.has(id)) {
      await queue.removeJobScheduler(id);
      changes.removed.push(id.slice('source.'.length));
    }
  }
  return changes;
}
