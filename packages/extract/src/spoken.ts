/**
 * Figures said in words, as broadcast transcripts and interviews write them: "goes to fifty
 * dollars from thirty-two", "target's down to one sixty from one ninety", "a
 * hundred-and-five-dollar target", "four-seventy-five". Written as "$50", "$160", "$105",
 * "$475" in place, padded with spaces to the same length, so every offset still points into
 * the text and the grammars read them as the figures they are.
 *
 * Only money is rewritten: a phrase followed by "dollars"/"bucks"/"-dollar", or one in a
 * sentence about a price target after a word that introduces a figure ("to", "from", "at",
 * "had", "target's"). "Three calls", "one of the analysts" stay words.
 */

const unitWords = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const teenWords = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const tensWords = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const valueOf = new Map<string, number>([
  ...unitWords.map((w, i) => [w, i] as const),
  ...teenWords.map((w, i) => [w, 10 + i] as const),
  ...tensWords.map((w, i) => [w, 20 + 10 * i] as const),
]);
const numberWord = `(?:${[...valueOf.keys(), 'hundred', 'thousand'].sort((a, b) => b.length - a.length).join('|')})`;
const phrase = new RegExp(`\\b(?:an?[\\s-]+)?${numberWord}(?:(?:[\\s-]+and)?[\\s-]+${numberWord})*\\b(?<unit>[\\s-]*(?:dollars?|bucks)\\b)?`, 'gi');
// Money in words only where the text speaks of dollars: a text about yen or euros is left as written.
const otherCurrency = /\b(?:yen|euros?|pence|pounds?\s+sterling|francs?|won|rupees?|crowns?|kron(?:a|e|or|er)|yuan|renminbi)\b|[€£¥₹₩]/i;
const targetWord = /\b(?:target|PT|objective)\b/i;
// "to fifty", "from thirty-two", "Target's thirty-six", "she had forty-five", "by five bucks".
const figureBefore = /(?:\b(?:to|from|at|of|is|was|had|by|now)|['’]s)\s+$/i;
const targetAfter = /^\s*(?:price\s+)?(?:target|PT|objective)\b/i;

/** The sign a figure of the currency `word` is written with ("rupees" ₹), or null for one without a sign we read. */
function currencySign(word: string): string | null {
  const w = word.toLowerCase();
  if (/^rupees?$|₹/.test(w)) return '₹';
  if (/^yen$|¥/.test(w)) return '¥';
  if (/^euros?$|€/.test(w)) return '€';
  if (/^(?:pounds?|pence)|£/.test(w)) return w.startsWith('pence') ? null : '£';
  if (/^won$|₩/.test(w)) return '₩';
  return null;
}

/** The value of number words ("a hundred and ten" 110, "one sixty" 160, "four-seventy-five" 475), or null. */
export function spokenValue(words: string): number | null {
  const tokens = words.toLowerCase().split(/[\s-]+/).filter((t) => t !== 'and' && t !== 'a' && t !== 'an');
  if (tokens.length === 0) return null;
  // "one sixty", "two-sixty-five", "four-twenty": a hundreds digit said before the rest, as prices are.
  const first = valueOf.get(tokens[0]!);
  const second = tokens[1] === undefined ? undefined : valueOf.get(tokens[1]);
  // "thirteen eighty", "twelve fifty": the hundreds may be a teen, then the rest a tens word.
  if (first !== undefined && first >= 1 && first < 20 && second !== undefined && second >= (first < 10 ? 10 : 20) && !tokens.includes('hundred') && !tokens.includes('thousand')) {
    const rest = spokenValue(tokens.slice(1).join(' '));
    return rest !== null && rest < 100 ? first * 100 + rest : null;
  }
  let total = 0;
  let current = 0;
  let last: 'unit' | 'teen' | 'tens' | 'scale' | null = null;
  for (const token of tokens) {
    if (token === 'hundred') {
      current = (current || 1) * 100;
      last = 'scale';
    } else if (token === 'thousand') {
      total += (current || 1) * 1000;
      current = 0;
      last = 'scale';
    } else {
      const v = valueOf.get(token);
      if (v === undefined) return null;
      const kind = v < 10 ? 'unit' : v < 20 ? 'teen' : 'tens';
      // "thirty six" is one number; "five ten" or "thirty forty" is two.
      if (last === 'unit' || last === 'teen' || (last === 'tens' && kind !== 'unit')) return null;
      current += v;
      last = kind;
    }
  }
  return total + current;
}

// "Chewy, C-H-W-Y": a ticker spelled out letter by letter, as presenters say it.
const spelledTicker = /(?<![\w-])[A-Z](?:-[A-Z]){2,4}(?![\w-])/g;

/** `text` with money said in words written as figures and spelled tickers joined, same length (see above). */
export function withSpokenFigures(text: string): string {
  let out: string | null = null;
  if (text.includes('-')) {
    for (const m of text.matchAll(spelledTicker)) {
      const joined = m[0].replace(/-/g, '');
      out = (out ?? text).slice(0, m.index) + joined + ' '.repeat(m[0].length - joined.length) + (out ?? text).slice(m.index + m[0].length);
    }
  }
  // In a text about rupees or yen a figure said in words is written as bare digits, and only
  // beside the currency's word or in a target sentence naming it: "three thousand nine hundred
  // rupees from four thousand four hundred and fifty".
  const other = otherCurrency.exec(text);
  phrase.lastIndex = 0;
  for (let m = phrase.exec(text); m; m = phrase.exec(text)) {
    const words = m.groups?.unit ? m[0].slice(0, m[0].length - m.groups.unit.length) : m[0];
    const value = spokenValue(words);
    if (value === null || value === 0) continue;
    const sentenceStart = Math.max(text.lastIndexOf('.', m.index - 1), text.lastIndexOf('?', m.index - 1), text.lastIndexOf('!', m.index - 1), text.lastIndexOf('\n', m.index - 1)) + 1;
    const sentenceEnd = text.slice(m.index).search(/[.?!\n]/);
    const sentence = text.slice(sentenceStart, sentenceEnd < 0 ? text.length : m.index + sentenceEnd);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 30);
    // A lone small word after "to" ("cut to one notch") is no figure: ten or more, or said as money.
    const inTarget = value >= 10 && targetWord.test(sentence) && figureBefore.test(text.slice(Math.max(0, m.index - 12), m.index));
    if (other) {
      if (m.groups?.unit) continue;
      const beside = otherCurrency.exec(after);
      const named = beside !== null && beside.index === after.search(/\S/);
      if (!named && !(inTarget && otherCurrency.test(sentence))) continue;
      // Written with the currency's sign in place of the words ("₹3900" for "three thousand nine
      // hundred rupees"), the word itself too when it stands right after; padded after, so the
      // figure stays where the grammars look for it.
      const word = named ? beside![0] : otherCurrency.exec(sentence)![0];
      const sign = currencySign(word);
      const spanEnd = named ? m.index + m[0].length + beside!.index + word.length : m.index + m[0].trimEnd().length;
      const figure = sign !== null ? sign + String(value) : named ? `${value} ${word}` : null;
      if (figure === null || figure.length > spanEnd - m.index) continue;
      out ??= text;
      out = out.slice(0, m.index) + figure + ' '.repeat(spanEnd - m.index - figure.length) + out.slice(spanEnd);
      continue;
    }
    const said = !!m.groups?.unit || targetAfter.test(after.replace(/^-dollar/i, ''));
    if (!said && !inTarget) continue;
    const figure = `$${value}`;
    if (figure.length > m[0].length) continue;
    out ??= text;
    out = out.slice(0, m.index) + figure + ' '.repeat(m[0].length - figure.length) + out.slice(m.index + m[0].length);
  }
  return out ?? text;
}
