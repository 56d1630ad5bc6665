/**
 * Bytes to text. The order follows the HTML and XML specs: a byte-order mark wins, then the
 * charset the server declared in Content-Type, then what the document says about itself
 * (XML declaration or HTML <meta>), then UTF-8, falling back to windows-1252 when the bytes
 * are not valid UTF-8 (the usual legacy default). TextDecoder knows the WHATWG encodings
 * (windows-1251, ISO-8859-x, KOI8-R, Shift_JIS, GBK, Big5, UTF-16LE/BE...); UTF-32 it does
 * not, so that is decoded here.
 */

export type CharsetSource = 'bom' | 'content-type' | 'xml-declaration' | 'html-meta' | 'utf-8-default' | 'legacy-fallback';

export interface DecodedText {
  text: string;
  /** WHATWG encoding name actually used, e.g. "windows-1251", or "utf-32le". */
  charset: string;
  source: CharsetSource;
}

// How far into the document we look for a declaration (HTML's prescan uses 1024 bytes;
// real pages often put <meta charset> after long comments, so look a little further).
const prescanBytes = 4096;

/** Charset parameter of a Content-Type header value, or null. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  return match?.[2] ?? null;
}

function sniffBom(bytes: Uint8Array): { charset: string; length: number } | null {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { charset: 'utf-8', length: 3 };
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return { charset: 'utf-32le', length: 4 };
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return { charset: 'utf-32be', length: 4 };
  if (b0 === 0xfe && b1 === 0xff) return { charset: 'utf-16be', length: 2 };
  if (b0 === 0xff && b1 === 0xfe) return { charset: 'utf-16le', length: 2 };
  return null;
}

/** XML spec appendix F: "<?" in a wide encoding without a BOM. */
function sniffWideWithoutBom(bytes: Uint8Array): string | null {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0 && b1 === 0 && b2 === 0 && b3 === 0x3c) return 'utf-32be';
  if (b0 === 0x3c && b1 === 0 && b2 === 0 && b3 === 0) return 'utf-32le';
  if (b0 === 0 && b1 === 0x3c && b2 === 0 && b3 === 0x3f) return 'utf-16be';
  if (b0 === 0x3c && b1 === 0 && b2 === 0x3f && b3 === 0) return 'utf-16le';
  return null;
}

/** encoding="..." of a leading XML declaration, read as ASCII. */
export function xmlDeclaredEncoding(head: string): string | null {
  const match = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match?.[1] ?? null;
}

/** <meta charset="..."> or <meta http-equiv="Content-Type" content="...; charset=...">. */
export function htmlDeclaredEncoding(head: string): string | null {
  for (const tag of head.matchAll(/<meta\b[^>]*>/gi)) {
    const text = tag[0];
    const direct = /\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(text);
    if (direct && !/\bcontent\s*=/i.test(text)) return direct[1] ?? null;
    if (/http-equiv\s*=\s*["']?content-type/i.test(text)) {
      const content = /\bcontent\s*=\s*(["'])(.*?)\1/i.exec(text);
      const charset = charsetFromContentType(content?.[2]);
      if (charset) return charset;
    }
  }
  return null;
}

/** The WHATWG name for a label, or null when TextDecoder does not know it. */
function normaliseLabel(label: string): string | null {
  const lower = label.trim().toLowerCase();
  if (lower === 'utf-32' || lower === 'utf-32le' || lower === 'utf-32be' || lower === 'ucs-4') return lower === 'utf-32be' ? 'utf-32be' : 'utf-32le';
  try {
    return new TextDecoder(lower).encoding;
  } catch {
    return null;
  }
}

function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: string[] = [];
  let codePoints: number[] = [];
  for (let offset = 0; offset + 4 <= bytes.byteLength; offset += 4) {
    const cp = view.getUint32(offset, littleEndian);
    codePoints.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp);
    if (codePoints.length === 8192) {
      chunks.push(String.fromCodePoint(...codePoints));
      codePoints = [];
    }
  }
  chunks.push(String.fromCodePoint(...codePoints));
  return chunks.join('');
}

function decodeWith(bytes: Uint8Array, charset: string): string {
  if (charset === 'utf-32le' || charset === 'utf-32be') return decodeUtf32(bytes, charset === 'utf-32le');
  return new TextDecoder(charset).decode(bytes);
}

const isWide = (charset: string) => charset.startsWith('utf-16') || charset.startsWith('utf-32');

/**
 * Decode a response or file body. `contentType` is the Content-Type header value, if any.
 * A declaration naming a wide encoding (UTF-16/32) inside ASCII-compatible bytes is a lie
 * the document could not have told in that encoding, so it is ignored.
 */
export function decodeBytes(bytes: Uint8Array, contentType?: string | null): DecodedText {
  const bom = sniffBom(bytes);
  if (bom) return { text: decodeWith(bytes.subarray(bom.length), bom.charset), charset: bom.charset, source: 'bom' };

  const wide = sniffWideWithoutBom(bytes);
  const headerCharset = normaliseLabel(charsetFromContentType(contentType) ?? '');
  if (headerCharset && (!isWide(headerCharset) || wide)) {
    return { text: decodeWith(bytes, headerCharset), charset: headerCharset, source: 'content-type' };
  }
  if (wide) return { text: decodeWith(bytes, wide), charset: wide, source: 'xml-declaration' };

  const head = new TextDecoder('latin1').decode(bytes.subarray(0, prescanBytes));
  const xmlDeclared = xmlDeclaredEncoding(head);
  if (xmlDeclared !== null) {
    const charset = normaliseLabel(xmlDeclared);
    if (charset && !isWide(charset)) return { text: decodeWith(bytes, charset), charset, source: 'xml-declaration' };
  } else {
    const metaDeclared = htmlDeclaredEncoding(head);
    const charset = metaDeclared === null ? null : normaliseLabel(metaDeclared);
    if (charset && !isWide(charset)) return { text: decodeWith(bytes, charset), charset, source: 'html-meta' };
  }

  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), charset: 'utf-8', source: 'utf-8-default' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), charset: 'windows-1252', source: 'legacy-fallback' };
  }
}
