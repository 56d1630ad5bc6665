import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface ServiceProcess {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  /** Resolves when the process has printed this text. */
  saw: (text: string, timeoutMs?: number) => Promise<void>;
  kill: (signal: NodeJS.Signals) => Promise<number | null>;
}

/** Runs `node services/<name>` (or any script under the repo) as its own process with this environment. */
export function startProcess(script: string, env: Record<string, string>, args: string[] = []): ServiceProcess {
  const child = spawn(process.execPath, [script, ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env } });
  let output = '';
  const waiters: (() => void)[] = [];
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of waiters.splice(0)) waiter();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return {
    child,
    output: () => output,
    saw: (text, timeoutMs = 20_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${script} did not print "${text}" within ${timeoutMs} ms; it printed:\n${output}`)), timeoutMs);
        const check = () => {
          if (output.includes(text)) {
            clearTimeout(timer);
            resolve();
          } else waiters.push(check);
        };
        check();
      }),
    kill: async (signal) => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    },
  };
}

/** The tickerwire command line, run by these helpers the way `./tickerwire` runs it. */
const cliMain = 'packages/cli/src/main.ts';

/** Runs a long-lived tickerwire command (`start …`) in the background; stop it with `kill('SIGINT')`. */
export function startCli(args: string[], env: Record<string, string>): ServiceProcess {
  return startProcess(cliMain, env, args);
}

/** Runs the tickerwire command line to completion. */
export async function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [cliMain, ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}
