/**
 * Credit-rating agencies: they rate a company's debt, not its stock. Their ratings are no
 * analyst's rating (analyst.ts), and an agency acting on another company's credit is the
 * source of that news, not one of its subjects (entity/salience.ts).
 */

/** The whole name of an agency: "Moody's", "S&P Global Ratings", "Fitch". */
export const creditAgencyName = /^(?:Moody['’]?s(?:\s+Investors\s+Service|\s+Ratings)?|S&P(?:\s+Global(?:\s+Ratings)?)?|Standard\s+&\s+Poor['’]?s|Fitch(?:\s+Ratings)?|DBRS(?:\s+Morningstar)?|Kroll(?:\s+Bond\s+Rating\s+Agency)?|A\.?\s?M\.?\s+Best|Scope\s+Ratings)$/i;

/** A firm mention that starts with an agency's name ("Moody", "Scope Ratings"): never the broker a later sentence speaks for. */
export const creditAgencyStart = /^(?:Moody|S&P|Standard\s*&\s*Poor|Fitch|DBRS|Kroll|A\.?\s?M\.?\s+Best|Scope)/i;

/** An agency named somewhere in a text ("S&P 500", "S&P Global Market Intelligence" are not the agency). */
export const creditAgencyNamed = /\b(?:Moody['’]s|Fitch(?:\s+Ratings)?|S&P(?!\s*(?:\d|Global\s+Market|Capital\s+IQ|Dow))|Standard\s*&\s*Poor['’]s|DBRS)\b/;

/** The words of a credit rating: "Moody's downgrades Ford's debt to junk". Letter grades in quotes are a credit scale too: "to 'A' from 'A-'". */
export const creditWords = /['‘"“](?:AAA|AA|A|BBB|BB|B|CCC)[+-]?['’"”]|\b(?:credit\s+ratings?|debt\s+ratings?|bond\s+ratings?|issuer\s+ratings?|credit\s+outlook|junk|investment[-\s]grade|senior\s+(?:unsecured\s+)?(?:notes|debt)|(?:Aaa|Aa[123]|A[123]|Baa[123]|Ba[123]|B[123]|Caa[123]|AAA|AA[+-]?|BBB[+-]?|BB[+-]?|CCC[+-]?)(?![\w&])(?!\s+(?:rating|on)\s+(?:shares|the\s+stock)))/;

/** What an agency does to a company's credit, besides the words of the scale: "downgrades Intel, keeps outlook negative". */
export const creditAction = /\b(?:downgrad|upgrad|affirm|reaffirm)\w*|\boutlook\b|\bon\s+(?:review|(?:credit\s+)?watch)\b/i;

/** A text that speaks of a credit rating or an agency's action on one. */
export function speaksOfCredit(text: string): boolean {
  return creditWords.test(text) || creditAction.test(text);
}
