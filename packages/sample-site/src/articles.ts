import { authors, companies, liveCompanies, liveFirms } from './catalogue.ts';
import { seededRandom, type Random } from './random.ts';
import { analystStoryTemplates, storyTemplates } from './story-templates.ts';

/** One article of the sample site. */
export interface SampleArticle {
  id: string;
  /** URL-safe name: the page is served at /news/<slug>.html. */
  slug: string;
  title: string;
  /** Plain text, paragraphs separated by a blank line. */
  body: string;
  /** ISO 8601. */
  publishedAt: string;
  tickers: string[];
  author: string;
  /** On a syndicated copy: the id of the article it republishes. */
  syndicationOf?: string;
}

export interface GenerateOptions {
  /** The newest article is published at this moment; older ones spread back from it. */
  baseDate?: string | Date;
  /** How many days back the articles spread. */
  days?: number;
  /**
   * How many of the `count` articles are syndicated copies: an earlier story republished
   * under another slug with a lightly edited title and lead, for duplicate-detection tests.
   */
  syndicatedCopies?: number;
}

/** A fixed default so that the same seed gives the same dates on every run. */
export const defaultBaseDate = '2026-03-02T15:00:00.000Z';

const minuteMs = 60_000;

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

function originalArticle(random: Random, index: number, seed: number, publishedAt: Date): SampleArticle {
  const [company, peer] = random.pickTwo(companies);
  const story = random.pick(storyTemplates)({ random, company, peer });
  return {
    id: `sample-${seed}-${index}`,
    // The index keeps slugs unique when two stories get the same headline.
    slug: `${slugify(story.title)}-${index}`,
    title: story.title,
    body: story.paragraphs.join('\n\n'),
    publishedAt: publishedAt.toISOString(),
    tickers: story.tickers,
    author: random.pick(authors),
  };
}

/** The light edits a wire makes when it republishes a story: a dateline, a reworded headline. */
function syndicatedCopy(random: Random, original: SampleArticle, index: number, seed: number): SampleArticle {
  const [lead = '', ...rest] = original.body.split('\n\n');
  const dateline = random.pick(['NEW YORK (Sample Wire) -', 'CHICAGO (Sample Wire) -', 'DENVER (Sample Wire) -']);
  const title = random.pick([`UPDATE 1-${original.title}`, `${original.title} (Wire)`, `${original.title}, Shares Active`]);
  const delayMinutes = random.int(20, 180);
  return {
    ...original,
    id: `sample-${seed}-${index}`,
    slug: `wire-${original.slug}`,
    title,
    body: [`${dateline} ${lead}`, ...rest].join('\n\n'),
    publishedAt: new Date(Date.parse(original.publishedAt) + delayMinutes * minuteMs).toISOString(),
    syndicationOf: original.id,
  };
}

/**
 * `count` articles, the same for the same seed and options. Article 0 is the newest original;
 * the rest go back in time over `days`. Syndicated copies come last and republish the
 * originals from the start of the list.
 */
export function generateArticles(count: number, seed: number, options: GenerateOptions = {}): SampleArticle[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const baseTime = new Date(options.baseDate ?? defaultBaseDate).getTime();
  if (Number.isNaN(baseTime)) throw new RangeError(`unreadable baseDate ${String(options.baseDate)}`);
  const spanMinutes = (options.days ?? 7) * 24 * 60;
  const copies = Math.min(options.syndicatedCopies ?? 0, Math.floor(count / 2));
  const originals = count - copies;

  const random = seededRandom(seed);
  const articles: SampleArticle[] = [];
  for (let index = 0; index < originals; index++) {
    // One slot of the span per article, jittered inside it: dates fall strictly backwards.
    const minutesBack = Math.floor(((index + random.next()) * spanMinutes) / Math.max(originals, 1));
    articles.push(originalArticle(random, index, seed, new Date(baseTime - minutesBack * minuteMs)));
  }
  for (let copy = 0; copy < copies; copy++) {
    articles.push(syndicatedCopy(random, articles[copy]!, originals + copy, seed));
  }
  return articles;
}

/** How many live articles in a row have a (company, firm) pair of their own: 160 × 106. */
export const liveDistinctPairs = liveCompanies.length * liveFirms.length;
// Steps through the pairs in an order that looks random (coprime with 160 × 106 = 2^6·5·53, so
// every pair comes once per cycle) and moves on to another company and firm each time.
const pairStride = 7919;

/**
 * Article `index` of the endless live stream the quick start publishes (one every 20 s for as
 * long as it runs). It depends only on (seed, index): `index` picks a (company, firm) pair no
 * other index of the same seed has within liveDistinctPairs articles (~94 hours at one per
 * 20 s), so each article reports a fact none before it did (a firm acts on a company in every
 * live template) and no two are ever one story; the wording, template, peer and figures come
 * from a generator seeded by (seed, index). `publishedAt` is the caller's (now).
 */
export function liveArticle(seed: number, index: number, publishedAt: Date): SampleArticle {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`index must be a non-negative integer, got ${index}`);
  const offset = Math.imul(seed >>> 0, 0x9e3779b1) >>> 0;
  const pair = (offset + ((index % liveDistinctPairs) * pairStride)) % liveDistinctPairs;
  const company = liveCompanies[pair % liveCompanies.length]!;
  const firm = liveFirms[Math.floor(pair / liveCompanies.length)]!;
  // Neighbouring indexes start their generators far apart (a large odd multiplier).
  const random = seededRandom((offset ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const others = liveCompanies.filter((c) => c !== company);
  const story = random.pick(analystStoryTemplates)({ random, company, peer: random.pick(others), firm });
  return {
    id: `live-${seed}-${index}`,
    slug: `${slugify(story.title)}-live-${index}`,
    title: story.title,
    body: story.paragraphs.join('\n\n'),
    publishedAt: publishedAt.toISOString(),
    tickers: story.tickers,
    author: random.pick(authors),
  };
}
