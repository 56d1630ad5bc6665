import { parentPort } from 'node:worker_threads';
import { extractPage } from './page-extract.ts';

/**
 * Worker side of the page pool: extracts one page per message. Any exception (including
 * RangeError from something recursing too deep) is sent back as a message; the pool's timeout
 * and the worker's heap limit cover what cannot be caught.
 */

export interface PageJob {
  id: number;
  html: string;
  url: string;
}

export type PageJobResult =
  | { id: number; ok: true; page: ReturnType<typeof extractPage> }
  | { id: number; ok: false; message: string };

parentPort?.on('message', (job: PageJob) => {
  let reply: PageJobResult;
  try {
    reply = { id: job.id, ok: true, page: extractPage(job.html, job.url) };
  } catch (error) {
    reply = { id: job.id, ok: false, message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  parentPort?.postMessage(reply);
});
