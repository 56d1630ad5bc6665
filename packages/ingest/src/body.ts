import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';

/**
 * Reading a response body with a cap on the DECODED size. undici's own size limit counts
 * bytes on the wire, so a 10 KB gzip bomb would sail through it; here every
 * Content-Encoding is undone with node:zlib streams and the output is counted, and the
 * whole pipeline (socket included) is torn down the moment it passes the cap.
 */

export class BodyTooLargeError extends Error {
  readonly limit: number;
  constructor(limit: number, message = `body exceeds ${limit} bytes after decompression`) {
    super(message);
    this.name = 'BodyTooLargeError';
    this.limit = limit;
  }
}

export class UnsupportedEncodingError extends Error {
  constructor(encoding: string) {
    super(`unsupported Content-Encoding "${encoding}"`);
    this.name = 'UnsupportedEncodingError';
  }
}

/** Encodings we can undo, for the Accept-Encoding header. */
export const acceptEncoding = 'gzip, deflate, br';

/** Content-Encoding values in the order they must be undone (the header lists them as applied). */
export function contentCodings(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity')
    .reverse();
}

/**
 * "deflate" should be zlib-wrapped (RFC 9110) but some servers send raw deflate; the first two
 * bytes tell them apart (a zlib header is CM=8 and a multiple of 31).
 */
function looksLikeZlibHeader(first: Buffer): boolean {
  if (first.length < 2) return true;
  const cmf = first[0]!;
  const flg = first[1]!;
  return (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0;
}

function decoderFor(coding: string, firstBytes: Buffer | null): Transform {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'br':
      return createBrotliDecompress();
    case 'deflate':
      return firstBytes !== null && !looksLikeZlibHeader(firstBytes) ? createInflateRaw() : createInflate();
    default:
      throw new UnsupportedEncodingError(coding);
  }
}

/** Wait for the first chunk and push it back, so a decoder can be chosen from it. */
async function peekFirstChunk(stream: Readable): Promise<Buffer | null> {
  for (;;) {
    const chunk: unknown = stream.read();
    if (chunk !== null) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      stream.unshift(buffer);
      return buffer;
    }
    if (stream.readableEnded || stream.destroyed) return null;
    await new Promise<void>((resolve, reject) => {
      const done = () => { cleanup(); resolve(); };
      const failed = (error: Error) => { cleanup(); reject(error); };
      const cleanup = () => {
        stream.off('readable', done).off('end', done).off('close', done).off('error', failed);
      };
      stream.once('readable', done).once('end', done).once('close', done).once('error', failed);
    });
  }
}

/**
 * A decompression bomb gives itself away by its ratio long before its end: deflate tops out
 * near 1,030:1 (runs of one byte), while text, HTML and feeds compress 3–20:1. Past this many
 * decoded bytes, a body decoding to more than `maxCompressionRatio` times its wire size is
 * refused as too large, whether or not it would have ended under the cap: bombs are often cut
 * short (a truncated stream fails with zlib's "unexpected end of file", which would otherwise
 * pass for a network error and be retried).
 */
export const bombCheckAfterBytes = 1024 * 1024;
export const maxCompressionRatio = 200;

/**
 * Read `body`, undoing `contentEncoding`, and return the decoded bytes. Throws
 * BodyTooLargeError as soon as the decoded size passes `maxBytes`, UnsupportedEncodingError
 * for codings we cannot undo, and whatever the stream or zlib throws otherwise
 * (a truncated or corrupt stream, an abort).
 */
export async function readDecodedBody(body: Readable, contentEncoding: string | undefined, maxBytes: number): Promise<Buffer> {
  const codings = contentCodings(contentEncoding);
  const first = codings[0] === 'deflate' ? await peekFirstChunk(body) : null;
  const decoders = codings.map((coding, index) => decoderFor(coding, index === 0 ? first : null));
  const chunks: Buffer[] = [];
  let total = 0;
  let wire = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      wire += chunk.length;
      done(null, chunk);
    },
  });
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      if (total > maxBytes) return done(new BodyTooLargeError(maxBytes));
      if (decoders.length > 0 && total > bombCheckAfterBytes && total > wire * maxCompressionRatio) {
        return done(new BodyTooLargeError(maxBytes, `body decompresses more than ${maxCompressionRatio}:1 (${total} bytes from ${wire}): a decompression bomb`));
      }
      chunks.push(chunk);
      done();
    },
  });
  try {
    await pipeline(decoders.length > 0 ? [body, counter, ...decoders, sink] : [body, sink]);
  } catch (error) {
    body.destroy();
    throw error;
  }
  return Buffer.concat(chunks, total);
}
