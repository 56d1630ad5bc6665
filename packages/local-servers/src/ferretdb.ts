import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { access, cp, mkdir, mkdtemp, open, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { checkMongo } from './mongo.ts';
import { ServiceUnavailableError, reasonOf } from './errors.ts';

const run = promisify(execFile);

export const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
export const FERRETDB_VERSION = 'v1.24.2';

export interface RunningServer {
  uri: string;
  stop(): Promise<void>;
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
 * Starts a throwaway FerretDB on its SQLite backend in a temporary folder, on a free port
 * of 127.0.0.1. `stop()` ends the process and deletes the folder.
 */
export async function startFerretDb(cacheDir: string, startTimeoutMs = 30_000): Promise<RunningServer> {
  const binary = await ferretDbBinary(cacheDir);
  const dataDir = await mkdtemp(join(tmpdir(), 'tickerwire-ferretdb-'));
  const port = await freePort();
  const logPath = join(dataDir, 'ferretdb.log');
  const log = await open(logPath, 'w');
  const child = spawn(
    binary,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dataDir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${dataDir}`,
      '--debug-addr=-', // no metrics listener: it has a fixed port that parallel runs would fight over
      '--telemetry=disable',
      '--log-level=warn',
    ],
    { stdio: ['ignore', log.fd, log.fd] },
  );
  let exited = false;
  child.once('exit', () => (exited = true));

  const uri = `mongodb://127.0.0.1:${port}/`;
  const stop = async () => {
    await stopChild(child);
    await log.close().catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    try {
      await checkMongo(uri, 500);
      return { uri, stop };
    } catch (error) {
      if (exited || Date.now() > deadline) {
        const tail = (await readFile(logPath, 'utf8').catch(() => '')).trim().split('\n').at(-1) ?? '';
        await stop();
        throw new ServiceUnavailableError(
          `MongoDB: the throwaway FerretDB did not start (${exited ? `exited: ${tail}` : reasonOf(error)}): set MONGODB_URI to a running server`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
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
