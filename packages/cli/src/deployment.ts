import { chmod, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { defaultCacheDir, redactUri } from '@tickerwire/local-servers';
import type { CliConfig } from './config.ts';

/**
 * What a running `./tickerwire start` tells the other commands about itself: a small file per
 * run in `<cache>/run/` (mode 0600: the MongoDB URI may hold a password), written once its
 * API is up and removed when it stops. A file whose process is gone is ignored and removed.
 */
export const DeploymentState = z.object({
  pid: z.number().int().positive(),
  /** The process's start time in clock ticks since boot (/proc/PID/stat), so a reused pid is not taken for it. */
  processStart: z.string().nullable(),
  startedAt: z.iso.datetime(),
  redisUrl: z.string(),
  mongodbUri: z.string(),
  mongodbDb: z.string(),
  prefix: z.string(),
  apiUrl: z.string(),
  throwaway: z.boolean(),
});
export type DeploymentState = z.infer<typeof DeploymentState>;

export function runDir(config: Pick<CliConfig, 'XDG_CACHE_HOME'>): string {
  return join(defaultCacheDir(config.XDG_CACHE_HOME), 'run');
}

/** Field 22 of /proc/PID/stat (start time), or null where there is no /proc. */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function alive(state: DeploymentState): boolean {
  try {
    process.kill(state.pid, 0);
  } catch {
    // ESRCH: gone; EPERM: a process of another user holds the pid, so not ours either.
    return false;
  }
  const now = processStart(state.pid);
  return state.processStart === null || now === null || now === state.processStart;
}

/** Writes this run's state file; returns its path and how to remove it. */
export async function writeDeploymentState(dir: string, state: Omit<DeploymentState, 'pid' | 'processStart' | 'startedAt'>): Promise<{ path: string; remove: () => Promise<void> }> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `start-${process.pid}.json`);
  const full: DeploymentState = { pid: process.pid, processStart: processStart(process.pid), startedAt: new Date().toISOString(), ...state };
  await writeFile(path, `${JSON.stringify(full, null, 2)}\n`, { mode: 0o600 });
  await chmod(path, 0o600); // writeFile's mode applies only when it creates the file
  return { path, remove: () => rm(path, { force: true }) };
}

/** Running `start`s, newest first; files of processes that are gone are removed. */
export async function runningDeployments(dir: string): Promise<{ path: string; state: DeploymentState }[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /^start-\d+\.json$/.test(n));
  } catch {
    return [];
  }
  const found: { path: string; state: DeploymentState }[] = [];
  for (const name of names) {
    const path = join(dir, name);
    let state: DeploymentState;
    try {
      state = DeploymentState.parse(JSON.parse(await readFile(path, 'utf8')));
    } catch {
      continue; // being written, or not ours: leave it
    }
    if (alive(state)) found.push({ path, state });
    else await rm(path, { force: true }).catch(() => {});
  }
  return found.sort((a, b) => b.state.startedAt.localeCompare(a.state.startedAt));
}

/** The settings a command uses and one line saying which deployment that is. */
export interface Deployment {
  config: CliConfig;
  description: string;
}

/**
 * Which deployment `sources`, `queues` and `dlq` talk to: the environment's when it names one
 * (MONGODB_URI or TICKERWIRE_PREFIX set), else the newest running `start` (on REDIS_URL's
 * Redis when that is set), else the defaults.
 */
export async function findDeployment(config: CliConfig, env: NodeJS.ProcessEnv = process.env): Promise<Deployment> {
  const describe = (c: CliConfig, from: string) =>
    `${from}: redis ${redactUri(c.REDIS_URL)}, key prefix ${c.TICKERWIRE_PREFIX}, mongodb ${c.MONGODB_URI ? `${redactUri(c.MONGODB_URI)} database ${c.MONGODB_DB}` : '(not set)'}`;
  if (env.MONGODB_URI || env.TICKERWIRE_PREFIX) return { config, description: describe(config, 'deployment from the environment') };
  const running = (await runningDeployments(runDir(config))).filter(({ state }) => !env.REDIS_URL || state.redisUrl === config.REDIS_URL);
  const newest = running[0];
  if (!newest) {
    return { config, description: describe(config, 'no running ./tickerwire start found (set MONGODB_URI and TICKERWIRE_PREFIX for another deployment); defaults') };
  }
  const { state } = newest;
  const others = running.length > 1 ? ` (the newest of ${running.length} running)` : '';
  return {
    config: { ...config, REDIS_URL: state.redisUrl, MONGODB_URI: state.mongodbUri, MONGODB_DB: state.mongodbDb, TICKERWIRE_PREFIX: state.prefix },
    description: `${describe({ ...config, REDIS_URL: state.redisUrl, MONGODB_URI: state.mongodbUri, MONGODB_DB: state.mongodbDb, TICKERWIRE_PREFIX: state.prefix }, `deployment of ./tickerwire start, pid ${state.pid}${others}`)}, api ${state.apiUrl}`,
  };
}
