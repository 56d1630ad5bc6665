import type { IncomingMessage, ServerResponse } from 'node:http';
import { Source, type SourceInput } from '@tickerwire/core';
import { PrivateNetworkAllowlist } from './private-network.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/**
 * A route table on a test server for the collectArticles tests (127.0.0.1 only). Not part of
 * the package API. Unknown paths, robots.txt included, answer 404 (no robots.txt: all allowed).
 */

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

export interface TestSite extends TestServer {
  routes: Map<string, Route>;
  /** Paths requested since the last reset, in order. */
  paths(): string[];
  reset(): void;
}

export async function startTestSite(): Promise<TestSite> {
  const routes = new Map<string, Route>();
  const server = await startTestServer((request, response) => {
    const route = routes.get(request.url ?? '');
    if (route) route(request, response);
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  return {
    ...server,
    routes,
    paths: () => server.requests.map((request) => request.path),
    reset: () => {
      routes.clear();
      server.requests.splice(0);
    },
  };
}

export const send = (contentType: string, body: string | Buffer, headers: Record<string, string> = {}): Route => (_request, response) => {
  response.writeHead(200, { 'content-type': contentType, ...headers }).end(body);
};
export const html = (body: string) => send('text/html; charset=utf-8', body);
export const rss = (body: string) => send('application/rss+xml', body);

/** A source on the test site (fetch it with `testSiteFetcherOptions`: the operator allows its 127.0.0.1). */
export function testSource(site: TestServer, input: Partial<SourceInput> & Pick<SourceInput, 'kind' | 'url'>): Source {
  return Source.parse({ id: 'test-source', interval: 60, ...input, url: site.origin + input.url });
}

/** What an operator running a site on this machine would allow: loopback 127.0.0.1 only. */
export const testSitePrivateNetwork = PrivateNetworkAllowlist.parse('127.0.0.1');

/** An article page in the sample-site's shape: metadata in the head, the story in <article>. */
export function articlePage(title: string, paragraphs: readonly string[], extraHead = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title} | Test News</title>
<meta property="og:title" content="${title}"><meta name="author" content="Ann Lee">
<meta property="article:published_time" content="2025-07-02T08:00:00Z">${extraHead}</head>
<body><header class="site-header"><nav><a href="/news/">Markets</a></nav></header>
<main><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></main>
<footer><p>Test site footer.</p></footer></body></html>`;
}
