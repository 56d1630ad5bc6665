import { z } from 'zod';
import { Analysis } from './analysis.ts';

/** One source that carried a story, and when we first saw it there. */
export const ArticleSighting = z.object({
  sourceId: z.string(),
  url: z.url(),
  firstSeenAt: z.coerce.date(),
});

/** One story, stored once however many sources carried it. */
export const Article = z.object({
  id: z.string().min(1),
  url: z.url(),
  canonicalUrl: z.url(),
  title: z.string(),
  body: z.string(),
  author: z.string().nullable().default(null),
  publishedAt: z.coerce.date().nullable(),
  firstSeenAt: z.coerce.date(),
  contentHash: z.string().regex(/^[0-9a-f]{16,128}$/, 'a hex digest'),
  sources: z.array(ArticleSighting).min(1),
  analysis: Analysis.optional(),
});
export type Article = z.infer<typeof Article>;
