import type { MarketEvent } from '@tickerwire/core';

/** Themes: a tag and the words that raise it. Add a theme: one line. */
const themes: readonly [string, RegExp][] = [
  ['hpc', /\b(?:HPC|high[-\s]performance computing|AI data cent(?:er|re)s?|GPU cloud|colocation|co-location)\b/i],
  ['bitcoin-miners', /\b(?:bitcoin miners?|crypto miners?|bitcoin mining|hashrate)\b/i],
  ['ai', /\b(?:artificial intelligence|AI|generative AI|LLMs?)\b/],
  ['data-centers', /\bdata cent(?:er|re)s?\b/i],
  ['dilution', /\b(?:dilution|share offering|stock offering|at-the-market|ATM program|secondary offering)\b/i],
  ['earnings', /\b(?:earnings|EPS|quarterly results|Q[1-4] results)\b/],
  ['guidance', /\bguidance\b/i],
  ['m-and-a', /\b(?:merger|acquisition|acquire[sd]?|takeover|buyout)\b/i],
];

/** Tags of an article: its event types (kebab-case) and the themes its text raises. */
export function tagsOf(text: string, events: readonly MarketEvent[]): string[] {
  const tags = new Set<string>();
  for (const event of events) tags.add(event.type.replaceAll('_', '-'));
  for (const [tag, pattern] of themes) if (pattern.test(text)) tags.add(tag);
  return [...tags];
}
