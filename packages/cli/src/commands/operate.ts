import { isDeepStrictEqual } from 'node:util';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { JobProducer, createRedis } from '@tickerwire/queue';
import { connectStore, ensureAllIndexes, repositories, type Repositories } from '@tickerwire/store';
import { destinationRefusal } from '@tickerwire/ingest';
import { Source, SourcePatch, parseContract } from '@tickerwire/core';
import { listDeadLetters, queueDepths, redriveDeadLetters } from '@tickerwire/pipeline';
import { UsageError, type CliConfig } from '../config.ts';

type Out = (line: string) => void;

/**
 * The running pipeline's database: these commands never start a throwaway one. A source is
 * stored only if the fetcher's guard would fetch it (the operator's private-network allowlist).
 */
async function withRepositories<T>(config: CliConfig, use: (repos: Repositories) => Promise<T>): Promise<T> {
  if (!config.MONGODB_URI) {
    throw new UsageError('no database: run ./tickerwire start (these commands find it), or set MONGODB_URI to the database the pipeline uses');
  }
  const store = await connectStore(config.MONGODB_URI, config.MONGODB_DB);
  try {
    const allowlist = config.TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST;
    const repos = repositories(store.db, { destinations: (url) => destinationRefusal(url, allowlist) });
    await ensureAllIndexes(repos);
    return await use(repos);
  } finally {
    await store.close();
  }
}

async function withProducer<T>(config: CliConfig, use: (producer: JobProducer) => Promise<T>): Promise<T> {
  const connection = createRedis(config.REDIS_URL, 'producer', () => {});
  const producer = new JobProducer({ connection, prefix: config.TICKERWIRE_PREFIX, onError: () => {} });
  try {
    return await use(producer);
  } finally {
    await producer.close();
    connection.disconnect();
  }
}

const list = (value: string | undefined) => value?.split(',').map((s) => s.trim()).filter(Boolean);

const updateUsage = 'usage: tickerwire sources update ID [--url URL] [--kind feed|page|page-list] [--interval S] [--tags a,b] [--tickers A,B] [--full-text|--no-full-text] [--enable|--disable]';

/** The fields in which two versions of a source differ. */
function differences(a: Source, b: Source): string[] {
  const fields = ['kind', 'url', 'interval', 'tags', 'tickers', 'fetchFullText', 'enabled'] as const;
  return fields.filter((f) => !isDeepStrictEqual(a[f] ?? null, b[f] ?? null));
}

/** sources list | add (FILE.json | --id … --kind … --url … --interval …) | run ID */
// The source fields `sources add` and `sources update` both take as flags.
const sourceFieldOptions = {
  kind: { type: 'string' },
  url: { type: 'string' },
  interval: { type: 'string' },
  tags: { type: 'string' },
  tickers: { type: 'string' },
  'full-text': { type: 'boolean' },
} as const;

export async function sourcesCommand(config: CliConfig, args: string[], out: Out): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list':
      return withRepositories(config, async (repos) => {
        const sources = await repos.sources.list();
        out(`${'id'.padEnd(28)}${'kind'.padEnd(10)}${'every'.padEnd(8)}${'enabled'.padEnd(9)}url`);
        for (const s of sources) out(`${s.id.padEnd(28)}${s.kind.padEnd(10)}${`${s.interval}s`.padEnd(8)}${String(s.enabled).padEnd(9)}${s.url}`);
        out(`${sources.length} source(s)`);
        return 0;
      });
    case 'add': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { id: { type: 'string' }, ...sourceFieldOptions },
      });
      const inputs: unknown[] = positionals[0]
        ? [JSON.parse(await readFile(positionals[0], 'utf8'))].flat()
        : [
            {
              id: values.id,
              kind: values.kind ?? 'feed',
              url: values.url,
              interval: values.interval === undefined ? 300 : Number(values.interval),
              tags: list(values.tags) ?? [],
              ...(values.tickers ? { tickers: list(values.tickers) } : {}),
              fetchFullText: values['full-text'] === true,
            },
          ];
      return withRepositories(config, async (repos) => {
        let conflicts = 0;
        for (const input of inputs) {
          // Checked in full before writing: a bad field is named (ContractError), nothing half-stored.
          const outcome = await repos.sources.add(input);
          const id = (input as { id?: string }).id!;
          if (outcome === 'stored') {
            out(`added ${id}: the scheduler polls it within seconds`);
            continue;
          }
          // The same source again is fine (a seed file run twice); different settings are not silently dropped.
          const stored = await repos.sources.get(id);
          const differing = stored ? differences(stored, parseContract(Source, input, 'source')) : [];
          if (differing.length === 0) out(`${id} exists already with these settings: unchanged`);
          else {
            conflicts++;
            process.stderr.write(`tickerwire: source ${id} exists already with other ${differing.join(', ')}: not changed; use tickerwire sources update ${id} …\n`);
          }
        }
        return conflicts > 0 ? 1 : 0;
      });
    }
    case 'update': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { ...sourceFieldOptions, 'no-full-text': { type: 'boolean' }, enable: { type: 'boolean' }, disable: { type: 'boolean' } },
      });
      const id = positionals[0];
      if (!id || positionals.length > 1) throw new UsageError(updateUsage);
      if (values['full-text'] && values['no-full-text']) throw new UsageError('give --full-text or --no-full-text, not both');
      if (values.enable && values.disable) throw new UsageError('give --enable or --disable, not both');
      const patch = {
        ...(values.kind !== undefined ? { kind: values.kind } : {}),
        ...(values.url !== undefined ? { url: values.url } : {}),
        ...(values.interval !== undefined ? { interval: Number(values.interval) } : {}),
        ...(values.tags !== undefined ? { tags: list(values.tags) } : {}),
        ...(values.tickers !== undefined ? { tickers: list(values.tickers) } : {}),
        ...(values['full-text'] ? { fetchFullText: true } : values['no-full-text'] ? { fetchFullText: false } : {}),
        ...(values.enable ? { enabled: true } : values.disable ? { enabled: false } : {}),
      };
      if (Object.keys(patch).length === 0) throw new UsageError(`nothing to change; ${updateUsage}`);
      // The API's PATCH /v1/sources/{id}: the same patch schema, then the whole source checked and the new URL guarded.
      const checked = parseContract(SourcePatch, patch, `source ${id}`);
      return withRepositories(config, async (repos) => {
        const current = await repos.sources.get(id);
        if (!current) throw new UsageError(`no source "${id}" (tickerwire sources list)`);
        const next = { ...current, ...checked, id: current.id };
        const changed = differences(current, parseContract(Source, next, `source ${id}`));
        if (changed.length === 0) {
          out(`${id}: unchanged (it has these settings already)`);
          return 0;
        }
        await repos.sources.upsert(next);
        out(`updated ${id}: ${changed.join(', ')}; the scheduler picks it up within seconds`);
        return 0;
      });
    }
    case 'remove': {
      const id = rest[0];
      if (!id || rest.length > 1) throw new UsageError('usage: tickerwire sources remove ID');
      return withRepositories(config, async (repos) => {
        if (!(await repos.sources.remove(id))) throw new UsageError(`no source "${id}" (tickerwire sources list)`);
        out(`removed ${id}: no longer polled (its stored stories stay)`);
        return 0;
      });
    }
    case 'run': {
      const id = rest[0];
      if (!id || rest.length > 1) throw new UsageError('usage: tickerwire sources run ID');
      const exists = await withRepositories(config, async (repos) => (await repos.sources.get(id)) !== null);
      if (!exists) throw new UsageError(`no source "${id}" (tickerwire sources list)`);
      const jobId = await withProducer(config, (producer) => producer.add('fetch-source', { sourceId: id, slot: `now-${Date.now()}` }));
      out(`queued ${jobId}`);
      return 0;
    }
    default:
      throw new UsageError(`usage: tickerwire sources list | add (FILE.json | --id ID --url URL [--kind feed|page|page-list] [--interval S] [--tags a,b] [--tickers A,B] [--full-text]) | ${updateUsage.replace('usage: tickerwire sources ', '')} | remove ID | run ID`);
  }
}

/** queues: depth of every queue (waiting, active, delayed, failed = dead letters). */
export async function queuesCommand(config: CliConfig, out: Out): Promise<number> {
  return withProducer(config, async (producer) => {
    out(`${'queue'.padEnd(10)}${'waiting'.padStart(9)}${'active'.padStart(9)}${'delayed'.padStart(9)}${'dead'.padStart(9)}${'done'.padStart(9)}`);
    for (const d of await queueDepths((q) => producer.queue(q))) {
      out(`${d.queue.padEnd(10)}${String(d.waiting).padStart(9)}${String(d.active).padStart(9)}${String(d.delayed).padStart(9)}${String(d.failed).padStart(9)}${String(d.completed).padStart(9)}`);
    }
    return 0;
  });
}

/** dlq list [--json] | dlq redrive (JOB_ID | --all) */
export async function deadLettersCommand(config: CliConfig, args: string[], out: Out): Promise<number> {
  const [sub, ...rest] = args;
  return withProducer(config, async (producer) => {
    const queues = (q: Parameters<typeof producer.queue>[0]) => producer.queue(q);
    if (sub === 'list') {
      const letters = await listDeadLetters(queues);
      if (rest.includes('--json')) {
        for (const letter of letters) out(JSON.stringify(letter));
        return 0;
      }
      for (const l of letters) out(`${l.failedAt?.toISOString() ?? '?'}  ${l.queue}  ${l.jobId}  after ${l.attempts} attempt(s): ${l.reason}\n    ${l.summary}`);
      out(`${letters.length} dead letter(s)${letters.length ? '; re-drive with: tickerwire dlq redrive JOB_ID | --all' : ''}`);
      return 0;
    }
    if (sub === 'redrive' && rest.length === 1) {
      const count = await redriveDeadLetters(queues, rest[0] === '--all' ? 'all' : { jobId: rest[0]! });
      if (count === 0 && rest[0] !== '--all') throw new UsageError(`no dead letter with id ${rest[0]}`);
      out(`re-driven ${count} job(s)`);
      return 0;
    }
    throw new UsageError('usage: tickerwire dlq list [--json] | dlq redrive (JOB_ID | --all)');
  });
}
