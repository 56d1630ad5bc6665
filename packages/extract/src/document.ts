/** What the extractor reads: an article's title and body, and the tickers its source covers. */
export interface ArticleInput {
  title?: string;
  body: string;
  /** Tickers the source is known to cover; they bind company names the text gives no ticker for. */
  tickers?: readonly string[];
}

/**
 * The text evidence offsets point into: the title, a blank line, then the body. A title
 * alone or a body alone is the text itself.
 */
export function documentText(input: ArticleInput): string {
  const title = input.title?.trim() ?? '';
  const body = input.body ?? '';
  if (!title) return body;
  if (!body.trim()) return title;
  return `${title}\n\n${body}`;
}
