/**
 * Reading xml2js output (what rss-parser hands back) without trusting its shape: an element
 * is a string, an array of elements, or an object with "$" (attributes), "_" (text) and child
 * arrays, and hostile input can put "__proto__" or odd types anywhere. Every read here checks
 * the type it gets and only ever returns strings or plain arrays of them.
 */

export type XmlRecord = { readonly [key: string]: unknown };

export function isRecord(value: unknown): value is XmlRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own property only: never walks into Object.prototype, whatever the key. */
export function field(node: unknown, key: string): unknown {
  return isRecord(node) && Object.hasOwn(node, key) ? node[key] : undefined;
}

export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** An attribute of an element (xml2js keeps them under "$"). */
export function attribute(node: unknown, name: string): string | null {
  const value = field(field(node, '$'), name);
  return typeof value === 'string' ? value : null;
}

const maxTextNodes = 10_000;

/**
 * All text inside an element, depth-first, without recursion (xhtml titles and content can
 * nest arbitrarily deep). Null when there is none.
 */
export function textOf(node: unknown): string | null {
  if (typeof node === 'string') return node;
  const parts: string[] = [];
  const stack: unknown[] = [node];
  let visited = 0;
  while (stack.length > 0 && visited++ < maxTextNodes) {
    const current = stack.pop();
    if (typeof current === 'string') {
      parts.push(current);
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push(current[i]);
    } else if (isRecord(current)) {
      const text = field(current, '_');
      if (typeof text === 'string') parts.push(text);
      const children = Object.keys(current).filter((key) => key !== '$' && key !== '_');
      for (let i = children.length - 1; i >= 0; i--) stack.push(current[children[i]!]);
    }
  }
  return parts.length > 0 ? parts.join('') : null;
}

/** Text of the first element of a field, trimmed; null when missing or blank. */
export function firstText(node: unknown, key: string): string | null {
  const value = asArray(field(node, key))[0];
  const text = textOf(value)?.trim();
  return text ? text : null;
}
