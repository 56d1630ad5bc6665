/**
 * A rating said as a field of a note, with no verb of action: "Rating: Overweight (unchanged).",
 * "Rating unchanged at Buy.", "Buy rating reiterated.", "Recommendation: Hold (from Buy)."
 * Research summaries and note digests write them under a heading that names the firm and the
 * company, or right after the sentence that moved the target. The rating is that note's: the
 * company and firm of the finding before it, else the one company the text has named so far
 * and the firm named last.
 */
import type { AnalystFinding } from './analyst.ts';
import type { indexEntities } from './entities.ts';
import { ratingPattern, ratingScore } from './lexicon/ratings.ts';
import type { Span } from './sentences.ts';

type EntityIndex = ReturnType<typeof indexEntities>;

const rating = `(${ratingPattern})`;
const fieldForms = [
  // "Rating: Overweight (unchanged)", "Recommendation: Hold (from Buy)", "Rating unchanged at Buy".
  new RegExp(`^\\s*(?:[-•*–]\\s*)?(?:the\\s+)?(?:rating|recommendation|investment\\s+rating)\\s*(?::\\s*|\\s+(?:is\\s+)?(?:unchanged|maintained|kept|reiterated|stays|remains)\\s+(?:at\\s+|as\\s+)?)${rating}(?:\\s*\\(\\s*(?:(unchanged|maintained|reiterated|kept)|(?:from|prev(?:ious(?:ly)?|\\.)?:?|was)\\s+${rating})\\s*\\)|\\s*,?\\s+(?:unchanged|maintained|reiterated|kept))?\\s*[.;]?\\s*$`, 'i'),
  // "Buy rating reiterated.", "Overweight maintained."
  new RegExp(`^\\s*${rating}\\s+(?:rating\\s+)?(?:reiterated|maintained|unchanged|kept|affirmed|reaffirmed)\\s*[.;]?\\s*$`, 'i'),
  // "Still neutral.", "And it's still rated hold.": the rating the note left where it was.
  new RegExp(`^\\s*(?:(?:and|but)\\s+)?(?:(?:it|they)(?:['’]s|['’]re|\\s+is|\\s+are)\\s+)?still\\s+(?:rated\\s+|at\\s+|an?\\s+)?${rating}(?:\\s+rating)?\\s*[.;!]?\\s*$`, 'i'),
];
// "UBS is throwing in the towel on Starbucks. Downgrade to sell.": the move said as a noun, alone.
// "Upgrade to outperform from hold, and the target is now …": the noun may open a longer sentence.
const movedField = new RegExp(`^\\s*(?:(?:a|an|the)\\s+)?(up|down)grade(?:d)?\\s+to\\s+(?:an?\\s+)?${rating}(?:\\s+from\\s+${rating})?(?=\\s*[.;!]?\\s*$|\\s*,\\s+(?:and|with|while|but|as)\\s)`, 'i');
const mayBeField = /rating|recommendation|reiterated|maintained|unchanged|kept|affirmed|still|grade/i;

export function fieldedRating(sentence: Span, previous: readonly AnalystFinding[], entities: EntityIndex): AnalystFinding[] {
  if (!mayBeField.test(sentence.text)) return [];
  let to: string | undefined;
  let from: string | undefined;
  if (sentence.text.length <= 90) for (const form of fieldForms) {
    const m = form.exec(sentence.text);
    if (!m) continue;
    to = m[1];
    from = form === fieldForms[0] ? m[3] : undefined;
    break;
  }
  const moved = to ? null : movedField.exec(sentence.text);
  if (moved) [to, from] = [moved[2], moved[3]];
  if (!to) return [];
  const ratingTo = clean(to);
  const ratingFrom = from ? clean(from) : null;
  const [scoreTo, scoreFrom] = [ratingScore(ratingTo), ratingScore(ratingFrom)];
  const action = moved ? (moved[1]!.toLowerCase() === 'up' ? 'upgrade' : 'downgrade') : scoreTo !== null && scoreFrom !== null && scoreTo !== scoreFrom ? (scoreTo > scoreFrom ? 'upgrade' : 'downgrade') : 'maintain';
  const base = previous.find((f) => f.ticker || f.company);
  const subject = base ? { ticker: base.ticker, company: base.company } : soleCompanyBefore(sentence.start, entities);
  const firm = base?.firm ? { name: base.firm, id: base.firmId } : (() => {
    const named = entities.firmBefore(sentence.start);
    return named ? { name: named.name, id: named.id } : null;
  })();
  if (!subject || !firm) return [];
  // "Rating unchanged at Buy" after "lifts her Visa target": the note's analyst, when the one before named one.
  const analyst = previous.find((f) => f.type === 'analyst_rating' && (f as { analyst?: string | null }).analyst) as { analyst?: string | null } | undefined;
  return [{
    ticker: subject.ticker, company: subject.company, firm: firm.name, firmId: firm.id, evidenceSpan: sentence, confidence: 0.75,
    type: 'analyst_rating', analyst: analyst?.analyst ?? null, action, ratingFrom, ratingTo, ratingScore: scoreTo,
  } as AnalystFinding];
}

function clean(rating: string): string {
  return rating.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The one company (not a firm) the text names before `position`, or null. */
function soleCompanyBefore(position: number, entities: EntityIndex): { ticker: string | null; company: string | null } | null {
  const named = entities.mentions.filter((m) => m.kind === 'name' && m.end <= position && !entities.firms.some((f) => m.start < f.end && m.end > f.start));
  const tickers = new Set(named.map((m) => m.ticker));
  if (tickers.size !== 1) return null;
  return { ticker: named[0]!.ticker, company: named[0]!.text.replace(/['’]s$/, '') };
}

// "…, hold kept", "equal-weight maintained", "buy reiterated": a rating with its verb after it, inside a list item.
const postposed = new RegExp(`(?:^|[,;:]\\s*)${rating}\\s+(?:rating\\s+)?(?:kept|maintained|reiterated|unchanged|affirmed|reaffirmed)\\b(?=\\s*(?:[,;.)]|$))`, 'i');

// "…, both still rated hold", "(equal weight, unchanged)", "keeping strong buy ratings on both".
const postposedForms = [
  postposed,
  // "…, still a buy."
  new RegExp(`(?:^|[,;:(]\\s*|\\s)(?:(both|all|each)\\s+)?(?:still|stays|remains)\\s+(?:rated\\s+|at\\s+|an?\\s+)?${rating}\\b(?=\\s*(?:rating\\b|[,;.)]|$))`, 'i'),
  // "raises the Mastercard target to $680 from $655 (Buy)": the rating in brackets after the figure.
  new RegExp(`\\d\\s*\\(\\s*(?:rated\\s+)?${rating}(?:\\s+rating)?\\s*\\)`, 'i'),
  new RegExp(`\\(\\s*${rating}\\s*,\\s*(?:unchanged|maintained|reiterated|kept)\\s*\\)`, 'i'),
  new RegExp(`\\bkeeping\\s+(?:its\\s+|their\\s+|her\\s+|his\\s+)?${rating}\\s+ratings\\s+on\\s+(both|all|each)\\b`, 'i'),
];

/**
 * The rating a sentence keeps after the fact ("trimmed its target to $128, hold kept") for the
 * company its other finding is about; said of "both" or "all", for each company it moved.
 */
export function postposedRating(sentence: Span, found: readonly AnalystFinding[]): AnalystFinding[] {
  if (!/kept|maintained|reiterated|unchanged|affirmed|still|keeping|stays|remains|\(/i.test(sentence.text)) return [];
  let m: RegExpExecArray | null = null;
  for (const form of postposedForms) if ((m = form.exec(sentence.text))) break;
  if (!m) return [];
  const rated = m.slice(1).find((g) => g !== undefined && !/^(?:both|all|each)$/i.test(g))!;
  const every = /\b(?:both|all|each)\b/i.test(m[0]);
  const subjects = found.filter((f) => (f.ticker || f.company) && f.firm).filter((f, i, all) => all.findIndex((g) => g.ticker === f.ticker && g.company === f.company) === i);
  const ratingTo = clean(rated);
  return (every ? subjects : subjects.slice(0, 1))
    .filter((base) => !found.some((f) => f.type === 'analyst_rating' && f.ticker === base.ticker && f.company === base.company))
    .map((base) => ({
      ticker: base.ticker, company: base.company, firm: base.firm, firmId: base.firmId, evidenceSpan: sentence, confidence: base.confidence,
      type: 'analyst_rating', analyst: null, action: 'maintain', ratingFrom: null, ratingTo, ratingScore: ratingScore(ratingTo),
    }) as AnalystFinding);
}
