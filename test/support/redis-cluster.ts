import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';

const run = promisify(execFile);

/** Listens on the port (0: any) for a moment; resolves to the port, or null if it is taken. */
async function tryPort(port: number): Promise<number | null> {
  const server = createServer();
  try {
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
  } catch {
    return null;
  }
  const taken = (server.address() as { port: number }).port;
  server.close();
  await once(server, 'close');
  return taken;
}

/**
 * A throwaway Redis Cluster of `masters` redis-server processes on free 127.0.0.1 ports, each
 * with its own directory in a temp dir, the slots shared out by `redis-cli --cluster create`.
 * Each node's cluster bus listens on its port + 10000, so a port is only taken when that one is free too.
 */
export class ThrowawayRedisCluster {
  readonly ports: number[];
  readonly #dir: string;
  readonly #children: ChildProcess[] = [];

  private constructor(ports: number[], dir: string) {
    this.ports = ports;
    this.#dir = dir;
  }

  static async start(masters = 3): Promise<ThrowawayRedisCluster> {
    const ports: number[] = [];
    while (ports.length < masters) {
      const port = (await tryPort(0))!;
      if (port > 55_535 || ports.includes(port) || (await tryPort(port + 10_000)) === null) continue;
      ports.push(port);
    }
    const cluster = new ThrowawayRedisCluster(ports, await mkdtemp(join(tmpdir(), 'tw-redis-cluster-')));
    try {
      await cluster.#up();
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** REDIS_URL for it: every node as a seed. */
  get url(): string {
    return `redis-cluster://${this.ports.map((p) => `127.0.0.1:${p}`).join(',')}`;
  }

  async #up(): Promise<void> {
    for (const port of this.ports) {
      const child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--dir', this.#dir, '--dbfilename', `dump-${port}.rdb`, '--save', '', '--appendonly', 'no',
          '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '5000', '--maxmemory-policy', 'noeviction'],
        { stdio: 'ignore' },
      );
      this.#children.push(child);
    }
    for (const port of this.ports) await waitForPing(port);
    await run('redis-cli', ['--cluster', 'create', ...this.ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes']);
    // Every node must agree the slots are all served before clients are pointed at it.
    for (const port of this.ports) {
      const node = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1 });
      await node.connect();
      try {
        for (let i = 0; !/cluster_state:ok/.test(await node.cluster('INFO')); i++) {
          if (i > 200) throw new Error(`cluster node ${port} never reached cluster_state:ok`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        node.disconnect();
      }
    }
  }

  /** Which node serves a key's slot, by port. */
  async portOfKey(key: string): Promise<number> {
    const node = new Redis({ port: this.ports[0]!, host: '127.0.0.1', maxRetriesPerRequest: 1 });
    try {
      const slot = (await node.cluster('KEYSLOT', key)) as number;
      const ranges = await node.cluster('SLOTS');
      const [, , master] = ranges.find(([from, to]) => slot >= from && slot <= to)!;
      return master![1];
    } finally {
      node.disconnect();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.#children.map(async (child) => {
        if (child.exitCode !== null) return;
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      }),
    );
    await rm(this.#dir, { recursive: true, force: true });
  }
}

async function waitForPing(port: number): Promise<void> {
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {});
  try {
    for (let i = 0; ; i++) {
      try {
        await probe.connect();
        if ((await probe.ping()) === 'PONG') return;
      } catch {
        if (i > 100) throw new Error(`redis-server on port ${port} did not start`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  } finally {
    probe.disconnect();
  }
}
