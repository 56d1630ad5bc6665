/**
 * Small, linear-time helpers for feed text: strip tags from a summary, decode entities.
 * Regex tag strippers go quadratic on hostile input ("<p" repeated with no ">"), which is how
 * rss-parser's own snippet helper stalls; this scanner looks for each ">" at most once.
 */

// HTML named entities that feeds actually use. Unknown names are left as written.
const namedEntities: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '©', reg: '®', trade: '™',
  hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', euro: '€', pound: '£', yen: '¥', cent: '¢', curren: '¤',
  deg: '°', middot: '·', bull: '•', times: '×', divide: '÷', plusmn: '±', para: '¶', sect: '§', shy: '\u00ad',
  iexcl: '¡', iquest: '¿', frac12: '½', frac14: '¼', frac34: '¾', sup2: '²', sup3: '³', micro: 'µ', permil: '‰',
  prime: '′', Prime: '″', dagger: '†', Dagger: '‡', thinsp: '\u2009', ensp: '\u2002', emsp: '\u2003', zwnj: '\u200c',
  zwj: '\u200d', lrm: '\u200e', rlm: '\u200f', aacute: 'á', Aacute: 'Á', agrave: 'à', Agrave: 'À', acirc: 'â',
  auml: 'ä', Auml: 'Ä', aring: 'å', atilde: 'ã', aelig: 'æ', ccedil: 'ç', Ccedil: 'Ç', eacute: 'é', Eacute: 'É',
  egrave: 'è', Egrave: 'È', ecirc: 'ê', euml: 'ë', iacute: 'í', igrave: 'ì', icirc: 'î', iuml: 'ï', ntilde: 'ñ',
  Ntilde: 'Ñ', oacute: 'ó', Oacute: 'Ó', ograve: 'ò', ocirc: 'ô', ouml: 'ö', Ouml: 'Ö', otilde: 'õ', oslash: 'ø',
  uacute: 'ú', Uacute: 'Ú', ugrave: 'ù', ucirc: 'û', uuml: 'ü', Uuml: 'Ü', szlig: 'ß', yacute: 'ý', yuml: 'ÿ',
};

/** Names XML itself defines: everything else must be rewritten before a strict XML parse. */
const xmlEntityNames = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

function fromCodePoint(value: number): string {
  return value > 0 && value <= 0x10ffff && !(value >= 0xd800 && value <= 0xdfff) ? String.fromCodePoint(value) : '\ufffd';
}

/** Decode &name; &#123; &#x7b; references; unknown names stay as written. */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g, (whole, dec?: string, hex?: string, name?: string) => {
    if (dec) return fromCodePoint(Number(dec));
    if (hex) return fromCodePoint(parseInt(hex, 16));
    return (name && Object.hasOwn(namedEntities, name) ? namedEntities[name] : undefined) ?? whole;
  });
}

/**
 * Make common ill-formed feed XML parseable: HTML-only entities (&nbsp;) become numeric
 * references, and a bare "&" that starts no reference becomes "&amp;".
 */
export function repairXmlEntities(xml: string): string {
  return xml.replace(/&(#\d{1,7};|#[xX][0-9a-fA-F]{1,6};|([A-Za-z][A-Za-z0-9]{0,31});)?/g, (whole, reference?: string, name?: string) => {
    if (reference === undefined) return '&amp;';
    if (name === undefined || xmlEntityNames.has(name)) return whole;
    const known = Object.hasOwn(namedEntities, name) ? namedEntities[name] : undefined;
    return known === undefined ? `&amp;${name};` : `&#${known.codePointAt(0)};`;
  });
}

// Formatting that sits inside words ("<b>Ci</b>pher"): dropping these must not add a space.
const inlineTags = /^(?:a|b|i|u|s|em|strong|span|small|sub|sup|abbr|code|mark|font|q|cite|time)$/i;
const blockTags = /^(?:p|div|br|li|ul|ol|h[1-6]|blockquote|tr|table|section|article|header|footer|pre|hr|dd|dt|figure|figcaption)$/i;

/**
 * Plain text of an HTML fragment: tags dropped (block tags become line breaks), script and
 * style content dropped, entities decoded, whitespace collapsed. Text without tags passes
 * through with only entity decoding and whitespace cleanup.
 */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  let position = 0;
  let skipUntil: string | null = null; // inside <script> or <style>
  while (position < html.length) {
    const open = html.indexOf('<', position);
    if (open < 0) {
      if (skipUntil === null) parts.push(html.slice(position));
      break;
    }
    const next = html.charCodeAt(open + 1);
    const startsTag = (next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 47 || next === 33;
    if (!startsTag) {
      if (skipUntil === null) parts.push(html.slice(position, open + 1));
      position = open + 1;
      continue;
    }
    const close = html.indexOf('>', open);
    if (close < 0) {
      // No ">" anywhere after this point, so no more tags: the rest is text.
      if (skipUntil === null) parts.push(html.slice(position));
      break;
    }
    if (skipUntil === null) parts.push(html.slice(position, open));
    const tag = /^<\/?([A-Za-z][A-Za-z0-9-]*)/.exec(html.slice(open, Math.min(close + 1, open + 64)));
    const name = tag?.[1]?.toLowerCase() ?? '';
    const closing = html.charCodeAt(open + 1) === 47;
    if (skipUntil !== null) {
      if (closing && name === skipUntil) skipUntil = null;
    } else if (!closing && (name === 'script' || name === 'style')) {
      skipUntil = name;
    } else if (blockTags.test(name)) {
      parts.push('\n');
    } else if (!inlineTags.test(name)) {
      parts.push(' ');
    }
    position = close + 1;
  }
  return decodeHtmlEntities(parts.join(''))
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
