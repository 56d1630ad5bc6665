/** Escaping shared by the feed and page renderers: every article field is text, never markup. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function paragraphsOf(body: string): string[] {
  return body.split(/\n{2,}/).map((paragraph) => paragraph.trim()).filter((paragraph) => paragraph !== '');
}

/** The article body as HTML paragraphs, as feeds carry it in content:encoded and content_html. */
export function bodyHtml(body: string): string {
  return paragraphsOf(body).map((paragraph) => `<p>${escapeXml(paragraph)}</p>`).join('\n');
}

/** The first paragraph: feeds use it as the summary, pages as the og:description. */
export function leadOf(body: string): string {
  return paragraphsOf(body)[0] ?? '';
}
