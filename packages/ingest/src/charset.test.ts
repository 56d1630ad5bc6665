import { describe, expect, it } from 'vitest';
import { decodeBytes } from './charset.ts';

/** windows-1251 encoder for the tests: Cyrillic А..я sit at 0xC0..0xFF, Ё/ё at 0xA8/0xB8. */
export function encodeWindows1251(text: string): Uint8Array {
  return Uint8Array.from([...text].map((char) => {
    const code = char.codePointAt(0)!;
    if (code < 0x80) return code;
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    if (char === 'Ё') return 0xa8;
    if (char === 'ё') return 0xb8;
    throw new Error(`no windows-1251 byte for ${char} in this test table`);
  }));
}

const utf16 = (text: string, littleEndian: boolean, bom: boolean) => {
  const bytes = Buffer.from(text, 'utf16le');
  if (!littleEndian) bytes.swap16();
  const mark = littleEndian ? [0xff, 0xfe] : [0xfe, 0xff];
  return bom ? Buffer.concat([Buffer.from(mark), bytes]) : bytes;
};

describe('decodeBytes', () => {
  const russian = 'Акции Сбербанка выросли, ёлка';

  it('decodes windows-1251 declared in the XML declaration', () => {
    const bytes = encodeWindows1251(`<?xml version="1.0" encoding="windows-1251"?><rss><title>${russian}</title></rss>`);
    const decoded = decodeBytes(bytes);
    expect(decoded).toMatchObject({ charset: 'windows-1251', source: 'xml-declaration' });
    expect(decoded.text).toContain(russian);
  });

  it('lets the Content-Type charset win over the document', () => {
    const bytes = encodeWindows1251(`<?xml version="1.0" encoding="utf-8"?><t>${russian}</t>`);
    expect(decodeBytes(bytes, 'application/rss+xml; charset="Windows-1251"')).toMatchObject({ charset: 'windows-1251', source: 'content-type' });
  });

  it('reads ISO-8859-1 from the header (as windows-1252, per WHATWG)', () => {
    const bytes = Uint8Array.from([0x63, 0x61, 0x66, 0xe9]); // "café"
    expect(decodeBytes(bytes, 'text/html; charset=ISO-8859-1').text).toBe('café');
  });

  it.each([
    ['<meta charset="windows-1251">', 'html-meta'],
    ['<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', 'html-meta'],
  ])('reads %s', (tag, source) => {
    const bytes = encodeWindows1251(`<html><head>${tag}</head><body>${russian}</body></html>`);
    const decoded = decodeBytes(bytes);
    expect(decoded.source).toBe(source);
    expect(decoded.text).toContain(russian);
  });

  it.each([
    ['UTF-16LE with BOM', true, true, 'utf-16le', 'bom'],
    ['UTF-16BE with BOM', false, true, 'utf-16be', 'bom'],
    ['UTF-16LE without BOM', true, false, 'utf-16le', 'xml-declaration'],
    ['UTF-16BE without BOM', false, false, 'utf-16be', 'xml-declaration'],
  ])('decodes %s', (_name, littleEndian, bom, charset, source) => {
    const text = `<?xml version="1.0" encoding="utf-16"?><t>${russian} ☃</t>`;
    const decoded = decodeBytes(utf16(text, littleEndian, bom));
    expect(decoded).toMatchObject({ charset, source });
    expect(decoded.text).toBe(text);
  });

  it('decodes UTF-32 with a BOM, which TextDecoder cannot', () => {
    const text = '<t>€ 😀</t>';
    const body = Buffer.alloc(4 + [...text].length * 4);
    body.writeUInt32BE(0xfeff, 0);
    [...text].forEach((char, i) => body.writeUInt32BE(char.codePointAt(0)!, 4 + i * 4));
    expect(decodeBytes(body)).toMatchObject({ text, charset: 'utf-32be' });
  });

  it('ignores a UTF-16 declaration in single-byte content, and strips a UTF-8 BOM', () => {
    expect(decodeBytes(Buffer.from('<?xml version="1.0" encoding="utf-16"?><t>é</t>')).text).toBe('<?xml version="1.0" encoding="utf-16"?><t>é</t>');
    expect(decodeBytes(Buffer.from('\ufeff<t/>')).text).toBe('<t/>');
  });

  it('falls back to windows-1252 for undeclared bytes that are not UTF-8', () => {
    expect(decodeBytes(Uint8Array.from([0x93, 0x68, 0x69, 0x94]))).toMatchObject({ text: '“hi”', source: 'legacy-fallback' });
  });
});
