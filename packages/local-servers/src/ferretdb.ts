import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { access, cp, mkdir, mkdtemp, open, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { checkMongo } from './mongo.ts';
import { ServiceUnavailableError, reasonOf } from './errors.ts';
import { startThrowawayPostgres } from './postgres.ts';

const run = promisify(execFile);

export const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
export const FERRETDB_VERSION = 'v1.24.2';

export interface RunningServer {
  uri: string;
  stop(): Promise<void>;
  /** The server process, when this run started one (its current one, after a restart). */
  readonly pid?: number | undefined;
}

/** What a started server does when its process dies under it. */
export interface Supervision {
  /** One line: the server died and was started again on the same data. */
  onRestart?(line: string): void;
  /** One line: it died and could not be brought back (or died too often); the caller should stop. */
  onGiveUp?(line: string): void;
  /** Restarts allowed within `windowMs` before giving up (default 3 in a minute). */
  maxRestarts?: number;
  windowMs?: number;
}

/**
 * The FerretDB binary, built once into `cacheDir` from the Go module proxy.
 *
 * Why not plain `go install …/cmd/ferretdb@v1.24.2`: the proxy here refuses the module's
 * version list (which `go install` reads to check deprecation), and a binary built from the
 * module zip panics at start because the zip leaves `build/version/version.txt` empty.
 * So we download that exact module version, fill in version.txt as FerretDB's build docs
 * ask, and `go build` it. Same source, same version.
 */
export async function ferretDbBinary(cacheDir: string): Promise<string> {
  const binDir = join(cacheDir, `ferretdb-${FERRETDB_VERSION}`);
  const binary = join(binDir, 'ferretdb');
  if (await exists(binary)) return binary;

  await assertGoAvailable();
  await mkdir(binDir, { recursive: true });
  const buildDir = await mkdtemp(join(tmpdir(), 'ferretdb-build-'));
  try {
    const { stdout } = await run('go', ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], {
      cwd: buildDir,
      maxBuffer: 1 << 20,
    });
    const moduleDir = (JSON.parse(stdout) as { Dir?: string }).Dir;
    if (!moduleDir) throw new Error(`go mod download gave no directory for ${FERRETDB_MODULE}@${FERRETDB_VERSION}`);
    const source = join(buildDir, 'src');
    await cp(moduleDir, source, { recursive: true });
    await chmod(join(source, 'build', 'version'), 0o755);
    await writeFile(join(source, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    // Build to a temporary name and rename, so a killed build never leaves half a binary.
    const partial = `${binary}.partial-${process.pid}`;
    await run('go', ['build', '-trimpath', '-o', partial, './cmd/ferretdb'], { cwd: source, maxBuffer: 16 << 20 });
    await run('mv', ['-f', partial, binary]);
    return binary;
  } catch (error) {
    throw new ServiceUnavailableError(
      `MongoDB: MONGODB_URI is not set and FerretDB ${FERRETDB_VERSION} could not be built (${firstLine(reasonOf(error))}): fix the Go toolchain or set MONGODB_URI`,
      { cause: error },
    );
  } finally {
    await rm(buildDir, { recursive: true, force: true });
  }
}

/**
 * Starts a throwaway FerretDB in a temporary folder, on a free port of 127.0.0.1: on its
 * SQLite back end, or with `TICKERWIRE_FERRETDB_BACKEND=postgresql` on its PostgreSQL back end
 * over a throwaway PostgreSQL cluster (about 40× faster for a query or an update by `_id`;
 * `auto`: PostgreSQL when it is installed). `stop()` ends the processes and deletes the folders. The process is watched: if
 * it dies (killed, crashed), it is started again on the same folder and port, so the data and
 * the URI stay; after `maxRestarts` deaths within `windowMs`, or a restart that does not come
 * up, `onGiveUp` is told.
 */
export async function startFerretDb(cacheDir: string, startTimeoutMs = 30_000, supervision: Supervision = {}): Promise<RunningServer> {
  const binary = await ferretDbBinary(cacheDir);
  const dataDir = await mkdtemp(join(tmpdir(), 'tickerwire-ferretdb-'));
  const port = await freePort();
  const logPath = join(dataDir, 'ferretdb.log');
  const log = await open(logPath, 'a');
  const uri = `mongodb://127.0.0.1:${port}/`;
  const wanted = process.env.TICKERWIRE_FERRETDB_BACKEND ?? 'sqlite';
  const postgres = wanted === 'sqlite' ? null : await startThrowawayPostgres(await freePort());
  if (wanted === 'postgresql' && !postgres) throw new ServiceUnavailableError('MongoDB: TICKERWIRE_FERRETDB_BACKEND=postgresql but no throwaway PostgreSQL could be started (initdb and pg_ctl needed)');
  const args = [
    ...(postgres ? ['--handler=postgresql', `--postgresql-url=${postgres.url}`] : ['--handler=sqlite', `--sqlite-url=file:${dataDir}/`]),
    `--listen-addr=127.0.0.1:${port}`,
    `--state-dir=${dataDir}`,
    '--debug-addr=-', // no metrics listener: it has a fixed port that parallel runs would fight over
    '--telemetry=disable',
    '--log-level=warn',
  ];
  let child: ChildProcess;
  let exited = false;
  let stopping = false;
  const deaths: number[] = [];
  const spawnChild = () => {
    exited = false;
    child = spawn(binary, args, { stdio: ['ignore', log.fd, log.fd] });
    child.once('exit', (code, signal) => {
      exited = true;
      if (!stopping) void revive(signal ?? `exit code ${code}`);
    });
  };
  const lastLogLine = async () => (await readFile(logPath, 'utf8').catch(() => '')).trim().split('\n').at(-1) ?? '';
  const waitReady = async (): Promise<void> => {
    const deadline = Date.now() + startTimeoutMs;
    for (;;) {
      try {
        await checkMongo(uri, 500);
        return;
      } catch (error) {
        if (exited || stopping || Date.now() > deadline) throw new Error(exited ? `exited: ${await lastLogLine()}` : reasonOf(error));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };
  const revive = async (how: string) => {
    const now = Date.now();
    deaths.push(now);
    const recent = deaths.filter((t) => now - t < (supervision.windowMs ?? 60_000)).length;
    const giveUp = (why: string) => supervision.onGiveUp?.(`mongodb  the throwaway FerretDB (${uri}) died (${how}) ${why}; stopping`);
    if (recent > (supervision.maxRestarts ?? 3)) return giveUp(`${recent} times within ${Math.round((supervision.windowMs ?? 60_000) / 1000)} s`);
    spawnChild();
    try {
      await waitReady();
    } catch (error) {
      if (!stopping) giveUp(`and did not start again (${reasonOf(error)})`);
      return;
    }
    if (!stopping) supervision.onRestart?.(`mongodb  the throwaway FerretDB died (${how}); started again on the same data (${dataDir}), pid ${child.pid}`);
  };
  const stop = async () => {
    stopping = true;
    await stopChild(child);
    await postgres?.stop();
    await log.close().catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
  };

  spawnChild();
  try {
    await waitReady();
  } catch (error) {
    await stop();
    throw new ServiceUnavailableError(`MongoDB: the throwaway FerretDB did not start (${reasonOf(error)}): set MONGODB_URI to a running server`);
  }
  return {
    uri,
    stop,
    get pid() {
      return child.pid;
    },
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function assertGoAvailable(): Promise<void> {
  try {
    await run('go', ['version']);
  } catch {
    throw new ServiceUnavailableError(
      `MongoDB: MONGODB_URI is not set and Go is not on PATH to build FerretDB ${FERRETDB_VERSION}: install Go (https://go.dev/dl) or set MONGODB_URI=mongodb://host:27017/`,
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? text;
}
