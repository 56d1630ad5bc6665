/**
 * Every match of a global regular expression in `text`, as `[...text.matchAll(re)]` gives
 * them. `matchAll` copies the expression on every call, which for our long alternations
 * (firm names, money, trigger phrases) cost more than the matching; this runs `re` itself
 * from offset 0 and leaves its `lastIndex` at 0. All matches are read before the caller
 * sees any, so the caller may use `re` again (findMoney recurses) while walking them.
 */
export function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let match = re.exec(text); match; match = re.exec(text)) {
    found.push(match);
    // An empty match would be found again at the same place: step over one character.
    if (match[0] === '') re.lastIndex = advance(text, re.lastIndex, re.unicode || re.unicodeSets);
  }
  return found;
}

function advance(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const code = text.charCodeAt(index);
  if (code < 0xd800 || code > 0xdbff) return index + 1;
  const next = text.charCodeAt(index + 1);
  return next >= 0xdc00 && next <= 0xdfff ? index + 2 : index + 1;
}
