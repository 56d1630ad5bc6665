import { readFile, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';

/** Where `pnpm --filter @tickerwire/web build` writes the research page. */
export const defaultWebRoot = fileURLToPath(new URL('../../../../packages/web/dist/', import.meta.url));

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

// Vite's output names: one flat folder of hashed files. Anything else is not ours to serve.
const assetName = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,200}$/;

/** The file under `root/assets` a request names, or null (no traversal, no dot files, known types only). */
export function assetPath(root: string, name: string): string | null {
  if (!assetName.test(name) || name.includes('..')) return null;
  const extension = name.slice(name.lastIndexOf('.'));
  if (!(extension in contentTypes)) return null;
  const folder = resolve(root, 'assets');
  const path = resolve(folder, name);
  return path.startsWith(folder + sep) ? path : null;
}

/**
 * The research page (packages/web): `/` and its hashed `/assets/*`, public static files under
 * the page's own CSP. The page is a client of the API: it holds no data and sends the reader's
 * key with each API call. When the page was not built, `/` says how to build it.
 */
export function webRoutes(root: string = defaultWebRoot): FastifyPluginAsync {
  return async (app) => {
    app.get('/', { config: { scope: 'public', page: 'web' } }, async (_request, reply) => {
      let html: Buffer;
      try {
        html = await readFile(join(root, 'index.html'));
      } catch {
        return reply
          .code(503)
          .type('text/plain; charset=utf-8')
          .send('The research page is not built: run `pnpm --filter @tickerwire/web build` (./tickerwire start does it when the files are missing or stale).\n');
      }
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
    });
    app.get<{ Params: { name: string } }>('/assets/:name', { config: { scope: 'public', page: 'web' } }, async (request, reply) => {
      const path = assetPath(root, request.params.name);
      const found = path ? await stat(path).then((s) => s.isFile(), () => false) : false;
      if (!path || !found) {
        return reply.code(404).type('application/json; charset=utf-8').send({ error: { status: 404, code: 'not_found', message: 'no such asset' } });
      }
      const type = contentTypes[path.slice(path.lastIndexOf('.'))]!;
      // Hashed names: a changed file has a new name.
      return reply.type(type).header('cache-control', 'public, max-age=31536000, immutable').send(await readFile(path));
    });
  };
}
