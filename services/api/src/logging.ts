import type { FastifyRequest } from 'fastify';

/**
 * Credentials never reach a log line. Three layers, because a key can arrive in several places
 * and a log line can be written by code we do not own: the request serializer logs the URL with
 * credential parameters masked and no headers; pino's redaction masks credential headers should
 * anything log them; and every line is scrubbed of anything shaped like one of our secrets
 * (API keys `tw_<id>_<secret>`, webhook secrets `whsec_…`) just before it is written.
 */

export const redacted = '[REDACTED]';

/** Query parameters that carry credentials (compared lower-case). */
const credentialParameters: ReadonlySet<string> = new Set(['api_key', 'apikey', 'api-key', 'key', 'token', 'access_token', 'secret', 'password']);

/** The URL (path and query, as in a request line) with credential parameters' values masked. */
export function redactUrl(url: string): string {
  const question = url.indexOf('?');
  if (question < 0) return url;
  const query = url
    .slice(question + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      let decoded: string;
      try {
        decoded = decodeURIComponent(name.replaceAll('+', ' '));
      } catch {
        decoded = name;
      }
      return credentialParameters.has(decoded.toLowerCase()) && equals >= 0 ? `${name}=${redacted}` : pair;
    })
    .join('&');
  return `${url.slice(0, question)}?${query}`;
}

// tw_<16 hex>_<base64url> (store/api-keys.ts) and whsec_<base64> (Standard Webhooks).
const secretShapes = /\btw_[0-9a-f]{16}_[A-Za-z0-9_-]+|\bwhsec_[A-Za-z0-9+/=]+/g;

/** A log line with anything shaped like one of our secrets masked. */
export function scrubSecrets(line: string): string {
  return line.replace(secretShapes, redacted);
}

const credentialHeaders = ['authorization', 'x-api-key', 'cookie', 'set-cookie', 'proxy-authorization'];

export interface LogDestination {
  write(line: string): void;
}

/** fastify's logger options: its usual request line, without credentials. */
export function loggerOptions(level: string, stream?: LogDestination) {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
    redact: { paths: credentialHeaders.flatMap((name) => [`req.headers["${name}"]`, `headers["${name}"]`]), censor: redacted },
    hooks: { streamWrite: scrubSecrets },
  };
}
