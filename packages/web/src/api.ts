// The API client: the key from sessionStorage in `Authorization: Bearer`, JSON errors turned
// into messages a person can act on, and a fetch-based SSE reader (EventSource cannot send
// headers, and a key in the URL ends up in logs).

const keyName = 'tickerwire.apiKey';

export const session = {
  key: (): string | null => sessionStorage.getItem(keyName),
  signIn: (key: string) => sessionStorage.setItem(keyName, key),
  signOut: () => sessionStorage.removeItem(keyName),
};

export class ApiFailure extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** What to tell the reader for a failed call. */
export function explain(error: unknown): string {
  if (error instanceof ApiFailure) {
    if (error.status === 401) return 'This API key was not accepted: it is wrong, revoked or expired. Sign in again with a valid key.';
    if (error.status === 403) return 'This API key may not read this (it lacks the scope).';
    if (error.status === 404) return 'Not found.';
    if (error.status === 429) return `Too many requests: ${error.message}`;
    return `The API answered ${error.status}: ${error.message}`;
  }
  if (error instanceof DOMException && error.name === 'AbortError') return 'Cancelled.';
  return 'The API cannot be reached. Check that Tickerwire is running.';
}

/** Called when a request answers 401: the key is no longer good. */
let onUnauthorized: () => void = () => {};
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

async function failure(response: Response): Promise<ApiFailure> {
  let code = 'error';
  let message = response.statusText;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? code;
    message = body.error?.message ?? message;
  } catch {
    // not JSON: keep the status text
  }
  return new ApiFailure(response.status, code, message);
}

export async function getJson<T>(path: string, options: { key?: string; signal?: AbortSignal } = {}): Promise<T> {
  const key = options.key ?? session.key();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await fetch(path, { headers, signal: options.signal ?? null, cache: 'no-store' });
  if (!response.ok) {
    const error = await failure(response);
    if (error.status === 401 && options.key === undefined) onUnauthorized();
    throw error;
  }
  return (await response.json()) as T;
}

export interface SseFrame {
  id: string | null;
  event: string;
  data: string;
}

/** Parses complete SSE frames off the front of a buffer; returns them and the rest. */
export function parseFrames(buffer: string): { frames: SseFrame[]; rest: string } {
  const frames: SseFrame[] = [];
  const normalised = buffer.replace(/\r\n?/g, '\n');
  let start = 0;
  let end: number;
  while ((end = normalised.indexOf('\n\n', start)) >= 0) {
    const block = normalised.slice(start, end);
    start = end + 2;
    let id: string | null = null;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) frames.push({ id, event, data: data.join('\n') });
  }
  return { frames, rest: normalised.slice(start) };
}

/**
 * Follows GET /v1/stream until `signal` aborts, reconnecting with Last-Event-ID after a drop
 * (1 s, doubling to 30 s). A 401 stops it and calls the unauthorized handler.
 */
export async function follow(path: string, onFrame: (frame: SseFrame) => void, signal: AbortSignal, onState: (live: boolean) => void = () => {}): Promise<void> {
  let lastId: string | null = null;
  let delay = 1000;
  while (!signal.aborted) {
    try {
      const headers: Record<string, string> = { accept: 'text/event-stream', authorization: `Bearer ${session.key() ?? ''}` };
      if (lastId) headers['last-event-id'] = lastId;
      const response = await fetch(path, { headers, signal, cache: 'no-store' });
      if (response.status === 401) {
        onUnauthorized();
        return;
      }
      if (!response.ok || !response.body) throw await failure(response);
      onState(true);
      delay = 1000;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const parsed = parseFrames(buffer + value);
        buffer = parsed.rest;
        for (const frame of parsed.frames) {
          if (frame.id) lastId = frame.id;
          onFrame(frame);
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      void error;
    }
    onState(false);
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 30_000);
  }
}

/**
 * A call that changes something (POST, PATCH, DELETE), JSON in and out; 204 gives null. A
 * body-less call sends no content-type (the API refuses an empty JSON body).
 */
export async function sendJson<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${session.key() ?? ''}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? null : JSON.stringify(body), signal: signal ?? null, cache: 'no-store' });
  if (!response.ok) {
    const error = await failure(response);
    if (error.status === 401) onUnauthorized();
    throw error;
  }
  return (response.status === 204 ? null : await response.json()) as T;
}
