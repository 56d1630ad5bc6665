import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { phraseRules } from './rules.ts';
import { evalDirectory, ownNewsSentences, ownResultSentences } from './text/eval-files.ts';

// A phrase rule is tried only on sentences holding its `needs` words: they must hold wherever its pattern matches.
const needsHold = (needs: readonly (readonly string[])[], text: string) => needs.every((words) => words.some((word) => text.toLowerCase().includes(word)));

describe('phrase rules: needed words', () => {
  it('hold in every example the patterns match', () => {
    const examples = [
      'Shareholder dilution worries', 'the deal is dilutive', 'a secondary offering', 'an at-the-market program', 'its ATM program',
      'on lower bitcoin forecasts', 'a going concern warning', 'filed for bankruptcy', 'Chapter 11', 'defaulted on its bonds',
      'guidance cut', 'slashes its guidance', 'raises full-year guidance', 'guidance raised', 'tops analyst estimates', 'exceeds expectations',
      'missed consensus', 'cash-flow visibility', 'compelling entry points', 'added to the S&P 500', 'joins the Nasdaq-100', 'inclusion in the FTSE 100',
      'enters the OMX Stockholm 30', 'index inclusion', 'removed from the S&P 500', 'exits the Dow', 'index reshuffle hits', 'index rebalancing drops',
      'credit upgrade', 'returned to investment grade', "lifted the company's credit rating", 'credit rating downgrade', 'downgraded its issuer rating',
      'cut into junk', 'raised its EPS estimates', 'estimate bump', 'trims its estimate', 'weighed on margins', 'hurt the result', 'boosted group profit',
      'added EUR 5 million to revenue', 'will contribute to earnings', "didn't meet", 'failed to return to profit', 'was unable to deliver',
      'overran its budget', 'cost overruns', 'halted production', 'shut down operations', 'deliveries were suspended', 'shipments have been disrupted',
      'cost savings', 'savings programme', 'revenue synergies', 'not to renew its supply agreement', 'cancelled the order with',
      'cut 110 jobs', 'lays off about 300 workers', 'will close three of its seven warehouses',
    ];
    for (const rule of phraseRules) {
      for (const text of examples) if (rule.needs && rule.pattern.test(text)) expect(needsHold(rule.needs, text), `${rule.reason}: ${text}`).toBe(true);
    }
    // Every rule is checked by some example.
    for (const rule of phraseRules) expect(examples.some((text) => rule.pattern.test(text)), rule.reason).toBe(true);
  });

  // Our own sentences, and the shared pool of headlines when it is there (read in place, never copied).
  const pool = `${evalDirectory}/unlabeled/headlines-pool.jsonl`;
  const files = [ownNewsSentences, ownResultSentences, pool].filter((f) => existsSync(f));
  it('hold in every sentence of our sets the patterns match', () => {
    for (const file of files) {
      for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
        const text = String((JSON.parse(line) as { text?: unknown }).text ?? '');
        for (const rule of phraseRules) if (rule.needs && rule.pattern.test(text)) expect(needsHold(rule.needs, text), `${rule.reason}: ${text}`).toBe(true);
      }
    }
  });
});
