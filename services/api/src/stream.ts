import type { ServerResponse } from 'node:http';
import type { RedisConnection } from '@tickerwire/queue';
import { parseStreamEntry, type StoredEventMessage } from '@tickerwire/queue';
import { eventPayload, matchesSubscription, type MatchFilter } from '@tickerwire/alerts';
import { securityHeaders } from './security-headers.ts';

/** What a stream client asked for: a matcher filter, and `novel=false` (repeats only). */
export interface StreamFilter {
  match: MatchFilter;
  repeatsOnly: boolean;
}

export function streamMatches(filter: StreamFilter, message: StoredEventMessage): boolean {
  if (filter.repeatsOnly && message.novel) return false;
  return matchesSubscription(filter.match, message);
}

/** One SSE frame: the stream entry id is the event id, so Last-Event-ID resumes after it. */
export function sseFrame(id: string, event: string, data: unknown): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Entry ids compare as (ms, seq). */
export function compareStreamIds(a: string, b: string): number {
  const [am = 0n, as = 0n] = a.split('-').map((x) => BigInt(x));
  const [bm = 0n, bs = 0n] = b.split('-').map((x) => BigInt(x));
  return am === bm ? (as === bs ? 0 : as < bs ? -1 : 1) : am < bm ? -1 : 1;
}

export interface StreamOptions {
  /** A connection of its own: XREAD BLOCK holds it, and disconnecting it ends the wait. */
  connection: RedisConnection;
  response: ServerResponse;
  filter: StreamFilter;
  lastEventId: string | null;
  /** The stream's key: storedEventsKey(prefix). */
  streamKey: string;
  blockMs?: number;
  heartbeatMs?: number;
  onError: (error: Error) => void;
}

type RawEntry = [string, string[]];

/**
 * Serves one client: replays what it missed (entries after its Last-Event-ID, exclusive),
 * then follows new entries. Ends when the client goes away (the caller disconnects the
 * connection) or Redis fails. Entries older than the stream's retention are gone; a client
 * whose Last-Event-ID precedes them gets a `gap` event naming the oldest entry kept.
 */
export async function serveStream(options: StreamOptions, isClosed: () => boolean): Promise<void> {
  const { connection, response, filter, onError } = options;
  const key = options.streamKey;
  const blockMs = options.blockMs ?? 15_000;
  let lastHeartbeat = Date.now();

  const write = async (chunk: string): Promise<void> => {
    if (isClosed()) return;
    if (!response.write(chunk)) await new Promise<void>((resolve) => {
      const done = () => {
        response.off('drain', done);
        response.off('close', done);
        resolve();
      };
      response.on('drain', done);
      response.on('close', done);
    });
  };

  const deliver = async (entries: RawEntry[]): Promise<string | null> => {
    let last: string | null = null;
    for (const entry of entries) {
      last = entry[0];
      const parsed = parseStreamEntry(entry);
      if ('error' in parsed) {
        onError(new Error(`stream entry ${parsed.streamId}: ${parsed.error}`));
        continue;
      }
      if (streamMatches(filter, parsed.message)) await write(sseFrame(parsed.streamId, 'stored-event', eventPayload(parsed.message)));
    }
    return last;
  };

  try {
    // The live position is fixed before the client sees the answer: an event published after
    // its headers arrive is then never missed.
    const newest = options.lastEventId ? [] : ((await connection.xrevrange(key, '+', '-', 'COUNT', 1)) as RawEntry[]);
    // A hijacked reply skips the onSend hook that adds these to every other answer.
    response.writeHead(200, { ...sseHeaders, ...securityHeaders(undefined) });
    response.flushHeaders();
    await write('retry: 2000\n\n');
    let cursor: string;
    if (options.lastEventId) {
      cursor = options.lastEventId;
      const info = (await connection.call('XINFO', 'STREAM', key).catch(() => null)) as unknown[] | null;
      if (info) {
        const field = (name: string) => info[info.indexOf(name) + 1];
        const maxDeleted = field('max-deleted-entry-id');
        const first = field('first-entry') as RawEntry | null | undefined;
        if (typeof maxDeleted === 'string' && compareStreamIds(maxDeleted, cursor) > 0) {
          await write(sseFrame(cursor, 'gap', { message: 'events after Last-Event-ID were trimmed from the stream', oldestKept: first?.[0] ?? null }));
        }
      }
      // Replay in pages: XRANGE with an exclusive start.
      for (;;) {
        const page = (await connection.xrange(key, `(${cursor}`, '+', 'COUNT', 500)) as RawEntry[];
        if (page.length === 0) break;
        cursor = (await deliver(page)) ?? cursor;
        if (page.length < 500 || isClosed()) break;
      }
    } else {
      cursor = newest[0]?.[0] ?? '0-0';
    }
    while (!isClosed()) {
      const result = (await connection.xread('COUNT', 200, 'BLOCK', blockMs, 'STREAMS', key, cursor)) as [string, RawEntry[]][] | null;
      const entries = result?.[0]?.[1] ?? [];
      if (entries.length > 0) cursor = (await deliver(entries)) ?? cursor;
      if (Date.now() - lastHeartbeat >= (options.heartbeatMs ?? blockMs)) {
        await write(': keep-alive\n\n');
        lastHeartbeat = Date.now();
      }
    }
  } catch (error) {
    if (!isClosed()) onError(error as Error);
    if (!response.headersSent) response.writeHead(503, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: { status: 503, code: 'unavailable', message: 'the event stream is unavailable' } }));
  }
}

export const sseHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;
