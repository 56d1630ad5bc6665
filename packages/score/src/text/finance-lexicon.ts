/*
 * A small finance word list of our own: which words say a price, a figure or a business moved
 * up or down, or that news is good or bad for a company. The tweets the classifier learns from
 * use only some of these words ("jumps", "falls") and headlines elsewhere use others ("zooms",
 * "tanks", "slumps"); mapping them all to four group features lets weight learned on the
 * common words carry to the rare ones. Matching is on lower-cased word tokens, exact forms.
 */

export type LexiconGroup = 'up' | 'down' | 'good' | 'bad';

/** The groups in the order their features are written. */
export const lexiconGroups: readonly LexiconGroup[] = ['up', 'down', 'good', 'bad'];

const groups: Readonly<Record<LexiconGroup, string>> = {
  up:
    'up surge surges surged surging soar soars soared soaring jump jumps jumped jumping rally rallies rallied rallying ' +
    'zoom zooms zoomed zooming gain gains gained gaining rise rises rose risen rising climb climbs climbed climbing ' +
    'advance advances advanced advancing rebound rebounds rebounded rebounding spurt spurts spurted spike spikes spiked ' +
    'pop pops popped skyrocket skyrockets skyrocketed rocket rockets rocketed leap leaps leapt leaped bounce bounces bounced ' +
    'recover recovers recovered recovering higher highs high-flying uptick upswing upmove ' +
    'outperform outperforms outperformed outperforming extend extends extended ' +
    'add adds added gainer gainers green rallying boost boosts boosted lift lifts lifted buoy buoys buoyed ' +
    'spurs spurred fillip uptrend upside breakout multibagger',
  down:
    'down fall falls fell fallen falling drop drops dropped dropping slump slumps slumped slumping plunge plunges plunged ' +
    'plunging slide slides slid sliding decline declines declined declining tumble tumbles tumbled tumbling crash crashes ' +
    'crashed sink sinks sank sunk sinking dip dips dipped dipping slip slips slipped slipping shed sheds lose loses lost losing ' +
    'lower lows tank tanks tanked tanking plummet plummets plummeted slash slashes slashed sag sags sagged skid skids skidded ' +
    'retreat retreats retreated ease eases eased erode erodes eroded wipe wipes wiped crumble crumbles crumbled ' +
    'underperform underperforms underperformed losers loser red drag drags dragged weigh weighs weighed hammered ' +
    'pressure pressured selloff sell-off rout slide downtrend downside correction bleed bleeds',
  good:
    'beat beats beating tops topped exceed exceeds exceeded surpass surpasses surpassed upgrade upgrades upgraded upgrading ' +
    'raise raises raised raising hike hikes hiked strong stronger strongest robust upbeat bullish buy buying accumulate ' +
    'overweight outperform record profit profits profitable growth grow grows grew expand expands expanded expansion ' +
    'improve improves improved improving strengthen strengthens strengthened accelerate accelerates accelerated ' +
    'win wins won award awarded approval approves approved positive optimistic optimism boom booming best surge ' +
    'dividend bonus buyback undervalued attractive opportunity recovery turnaround windfall upgrade beneficiary benefit benefits',
  bad:
    'miss misses missed missing cut cuts cutting downgrade downgrades downgraded downgrading weak weaker weakest weakness ' +
    'bearish sell selling underweight loss losses lawsuit sue sues sued probe probes investigation fraud scam layoff layoffs ' +
    'bankrupt bankruptcy default defaults defaulted warn warns warned warning worry worries worried concern concerns fear fears ' +
    'risk risks slowdown slowing slow recession crisis trouble troubles struggle struggles struggling halt halts halted ' +
    'suspend suspends suspended recall recalls delay delays delayed penalty ban bans banned negative pessimistic ' +
    'worst disappoint disappoints disappointing disappointed shortfall deficit debt writedown write-down impairment ' +
    'overvalued expensive avoid exit pain woes woe glut downturn contraction shrink shrinks shrank resign resigns quits',
};

const wordGroups = new Map<string, LexiconGroup[]>();
for (const [group, words] of Object.entries(groups) as [LexiconGroup, string][]) {
  for (const word of words.split(/\s+/)) {
    const list = wordGroups.get(word) ?? [];
    if (!list.includes(group)) list.push(group);
    wordGroups.set(word, list);
  }
}

/** Every word of the lexicon with its groups. */
export function lexiconEntries(): IterableIterator<[string, readonly LexiconGroup[]]> {
  return wordGroups.entries();
}

/** How many tokens of each group the text holds (tokens as `featureTokens` gives them). */
export function lexiconCounts(tokens: readonly string[]): Record<LexiconGroup, number> {
  const counts: Record<LexiconGroup, number> = { up: 0, down: 0, good: 0, bad: 0 };
  for (const token of tokens) {
    const found = wordGroups.get(token);
    if (found) for (const group of found) counts[group] += 1;
  }
  return counts;
}
