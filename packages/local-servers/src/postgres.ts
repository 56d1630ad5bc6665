import { execFile, spawnSync } from 'node:child_process';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL cluster for FerretDB's PostgreSQL back end, in a temporary folder
 * on a port of 127.0.0.1, with fsync off (its data is thrown away). FerretDB answers queries
 * and updates there about 40× faster than on SQLite (shared/notes.md), which is what keeps the
 * tests and the quick start quick. PostgreSQL refuses to run as root: then the cluster is
 * run as the `postgres` user (through runuser), when there is one.
 */
export interface ThrowawayPostgres {
  /** The URL FerretDB's --postgresql-url takes. */
  url: string;
  stop(): Promise<void>;
}

/** PostgreSQL's server tools, when installed: on PATH, or Debian's versioned folder. */
async function postgresBin(): Promise<string | null> {
  if (spawnSync('sh', ['-c', 'command -v initdb && command -v pg_ctl'], { stdio: 'ignore' }).status === 0) return '';
  try {
    const versions = (await readdir('/usr/lib/postgresql')).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const bin = join('/usr/lib/postgresql', v, 'bin');
      if (spawnSync('test', ['-x', join(bin, 'initdb')]).status === 0) return `${bin}/`;
    }
  } catch {
    // No Debian PostgreSQL.
  }
  return null;
}

/** Starts one, or returns null when PostgreSQL is not installed or will not start here. */
export async function startThrowawayPostgres(port: number): Promise<ThrowawayPostgres | null> {
  const bin = await postgresBin();
  if (bin === null) return null;
  const asRoot = userInfo().uid === 0;
  if (asRoot && spawnSync('id', ['-u', 'postgres'], { stdio: 'ignore' }).status !== 0) return null;
  const dir = await mkdtemp(join(tmpdir(), 'tickerwire-postgres-'));
  const as = (command: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', command, ...args]) : run(command, args));
  const data = join(dir, 'data');
  try {
    if (asRoot) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      await chown(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    await as(`${bin}initdb`, ['-D', data, '-U', 'tickerwire', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    await as(`${bin}pg_ctl`, ['-D', data, '-o', options, '-l', join(dir, 'postgres.log'), '-w', '-t', '30', 'start']);
  } catch {
    await rm(dir, { recursive: true, force: true });
    return null;
  }
  return {
    url: `postgres://tickerwire@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await as(`${bin}pg_ctl`, ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
