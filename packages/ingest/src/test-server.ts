import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A throwaway HTTP server for tests (never reaches the internet). Not part of the package API. */
export interface TestServer {
  /** http://host:port without trailing slash. */
  origin: string;
  port: number;
  /** Every request seen, in arrival order. */
  requests: { path: string; headers: IncomingMessage['headers']; at: number }[];
  close(): Promise<void>;
}

export type TestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** Listen on `host` (127.0.0.1 unless told; "::" listens on IPv4 and IPv6 loopback alike). */
export async function startTestServer(handler: TestHandler, host = '127.0.0.1'): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const server = createServer((request, response) => {
    requests.push({ path: request.url ?? '', headers: request.headers, at: performance.now() });
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen({ host, port: 0, ipv6Only: false }, resolve));
  const { port } = server.address() as AddressInfo;
  const shownHost = host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    origin: `http://${shownHost}:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
