import { counterparties, ratingSteps, researchFirms, sites, type Company } from './catalogue.ts';
import type { Random } from './random.ts';

/**
 * Story templates: each writes one article about a company in phrasings the extractor reads
 * (rating changes, price targets, contracts with $ and MW, capacity, price moves). Most lead
 * with an analyst action so that tests can expect an analyst_rating or price_target event in
 * nearly every article; one market-wrap template has none, on purpose, for variety.
 */

export interface Story {
  title: string;
  paragraphs: string[];
  tickers: string[];
}

export interface StoryContext {
  random: Random;
  company: Company;
  /** A second company, for sentences about peers. */
  peer: Company;
  /** The research firm acting in the story; default: one of the catalogue's, picked at random. */
  firm?: string;
}

type StoryTemplate = (context: StoryContext) => Story;

const dollars = (value: number): string => `$${value}`;
/** "market perform" -> "Market Perform", for headlines. */
const headlineCase = (words: string): string => words.replace(/(^|[\s-])([a-z])/g, (_, before: string, letter: string) => before + letter.toUpperCase());
const withArticle = (word: string): string => `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;

function targetMove(random: Random, direction: 'raise' | 'cut'): { from: number; to: number } {
  const from = random.int(8, 60);
  const step = random.int(2, Math.max(3, Math.floor(from / 2)));
  return direction === 'raise' ? { from, to: from + step } : { from, to: from - step };
}

/** `subject` names the company; a lead names it with its ticker so the contract binds to it. */
function contractSentence({ random, company }: StoryContext, subject = company.name): string {
  const counterparty = random.pick(counterparties);
  const megawatts = random.int(4, 40) * 10;
  const years = random.int(3, 12);
  const millions = random.int(12, 250) * 10;
  const value = millions >= 1000 ? `$${(millions / 1000).toFixed(1)} billion` : `$${millions} million`;
  return random.pick([
    `${subject} signed a ${years}-year lease worth ${value} for ${megawatts} megawatts with ${counterparty}.`,
    `Earlier this month ${subject} won a ${value} hosting contract from ${counterparty} covering ${megawatts} MW.`,
    `${subject} struck a ${years}-year colocation agreement with ${counterparty} worth ${value} for ${megawatts} MW of IT load.`,
  ]);
}

function capacitySentence({ random, company }: StoryContext): string {
  const site = random.pick(sites);
  const megawatts = random.int(3, 30) * 10;
  return random.pick([
    `${company.shortName} plans to add ${megawatts} MW at its new ${site} campus.`,
    `${company.shortName} is adding ${megawatts} MW at its new ${site} campus.`,
    `${company.shortName} expects to bring ${megawatts} megawatts online in ${site} by the end of next year.`,
  ]);
}

function priceMoveSentence({ random, company }: StoryContext, direction: 'up' | 'down'): string {
  const percent = random.int(2, 14);
  const verb = direction === 'up' ? random.pick(['rose', 'gained', 'jumped']) : random.pick(['fell', 'slipped', 'dropped']);
  return random.pick([
    `Shares of ${company.name} ${verb} ${percent}% in early trading.`,
    `${company.shortName}'s stock ${verb} ${percent}% in premarket trading.`,
    `${company.shortName} shares ${verb} ${percent}% on the news.`,
  ]);
}

/** A closing line with no events: real copy has background, and the extractor must stay quiet on it. */
function backgroundSentence({ random, company }: StoryContext): string {
  return random.pick([
    `${company.shortName} is scheduled to report quarterly results later this month.`,
    `The company did not respond to a request for comment.`,
    `${company.shortName} has expanded steadily since listing three years ago.`,
    `Investors will hear more at the company's annual meeting in the spring.`,
  ]);
}

const upgrade: StoryTemplate = (context) => {
  const { random, company } = context;
  const firm = context.firm ?? random.pick(researchFirms);
  const [from, to] = random.pick(ratingSteps);
  const target = targetMove(random, 'raise');
  return {
    title: random.pick([`${firm} Upgrades ${company.name} to ${headlineCase(to)}`, `${company.name} Upgraded at ${firm} on Hosting Demand`]),
    paragraphs: [
      random.pick([
        `${firm} raised its rating on ${company.name} (${company.ticker}) to ${to} from ${from}, citing demand for AI hosting.`,
        `${firm} upgraded ${company.name} (${company.ticker}) to ${to} from ${from} in a note to clients.`,
      ]),
      // The company is named again: "the firm lifted its price target to $X" alone binds to no company.
      `The firm also lifted its price target on ${company.shortName} to ${dollars(target.to)} from ${dollars(target.from)}. ${priceMoveSentence(context, 'up')}`,
      `${capacitySentence(context)} ${backgroundSentence(context)}`,
    ],
    tickers: [company.ticker],
  };
};

const downgrade: StoryTemplate = (context) => {
  const { random, company } = context;
  const firm = context.firm ?? random.pick(researchFirms);
  const [to, from] = random.pick(ratingSteps);
  return {
    title: random.pick([`${firm} Downgrades ${company.name}`, `${company.name} Cut to ${headlineCase(to)} at ${firm}`]),
    paragraphs: [
      random.pick([
        `${firm} downgraded ${company.name} (${company.ticker}) to ${to} from ${from}, pointing to rising power costs.`,
        `${firm} lowered its rating on ${company.name} (${company.ticker}) to ${to} from ${from}.`,
      ]),
      priceMoveSentence(context, 'down'),
      backgroundSentence(context),
    ],
    tickers: [company.ticker],
  };
};

const targetChange: StoryTemplate = (context) => {
  const { random, company } = context;
  const firm = context.firm ?? random.pick(researchFirms);
  const direction = random.pick(['raise', 'cut'] as const);
  const { from, to } = targetMove(random, direction);
  const verb = direction === 'raise' ? random.pick(['raised', 'lifted']) : random.pick(['cut', 'lowered']);
  return {
    title: `${firm} ${direction === 'raise' ? 'Lifts' : 'Trims'} ${company.name} Price Target to ${dollars(to)}`,
    paragraphs: [
      `${firm} ${verb} its price target on ${company.name} (${company.ticker}) to ${dollars(to)} from ${dollars(from)}.`,
      direction === 'raise' ? `${contractSentence(context)} ${priceMoveSentence(context, 'up')}` : priceMoveSentence(context, 'down'),
      backgroundSentence(context),
    ],
    tickers: [company.ticker],
  };
};

const initiation: StoryTemplate = (context) => {
  const { random, company } = context;
  const firm = context.firm ?? random.pick(researchFirms);
  const rating = random.pick(['buy', 'outperform', 'overweight', 'neutral']);
  const target = random.int(10, 70);
  return {
    title: `${firm} Starts ${company.name} at ${headlineCase(rating)}`,
    paragraphs: [
      `${firm} initiated coverage of ${company.name} (${company.ticker}) with ${withArticle(rating)} rating and a ${dollars(target)} price target.`,
      capacitySentence(context),
      backgroundSentence(context),
    ],
    tickers: [company.ticker],
  };
};

const contractWithReaction: StoryTemplate = (context) => {
  const { random, company } = context;
  const firm = context.firm ?? random.pick(researchFirms);
  const { from, to } = targetMove(random, 'raise');
  return {
    title: `${company.name} Lands Hosting Deal; ${firm} Raises Target`,
    paragraphs: [
      `${contractSentence(context, `${company.name} (${company.ticker})`)} ${priceMoveSentence(context, 'up')}`,
      `${firm} raised its price target on ${company.shortName} to ${dollars(to)} from ${dollars(from)} after the announcement.`,
      backgroundSentence(context),
    ],
    tickers: [company.ticker],
  };
};

const peerNote: StoryTemplate = (context) => {
  const { random, company, peer } = context;
  const firm = context.firm ?? random.pick(researchFirms);
  const [from, to] = random.pick(ratingSteps);
  const cut = targetMove(random, 'cut');
  return {
    title: `${firm} Prefers ${company.shortName} Over ${peer.shortName} in Grid Miners`,
    paragraphs: [
      `${firm} raised its rating on ${company.name} (${company.ticker}) to ${to} from ${from}.`,
      `Price targets for ${peer.name} (${peer.ticker}) were cut to ${dollars(cut.to)} from ${dollars(cut.from)} at ${firm} amid dilution from a new share offering.`,
      capacitySentence(context),
    ],
    tickers: [company.ticker, peer.ticker],
  };
};

/** No analyst action: the market wrap keeps the extractor honest about what is not there. */
const marketWrap: StoryTemplate = (context) => {
  const { company, peer } = context;
  return {
    title: `Grid Miners Mixed as ${company.shortName} Gains and ${peer.shortName} Slides`,
    paragraphs: [
      `${company.name} (${company.ticker}) was the group's best performer. ${priceMoveSentence(context, 'up')}`,
      `${peer.name} (${peer.ticker}) was the weakest of the group. ${priceMoveSentence({ ...context, company: peer }, 'down')}`,
      backgroundSentence(context),
    ],
    tickers: [company.ticker, peer.ticker],
  };
};

/** Weighted by repetition: analyst-led stories dominate, one template in twelve is a market wrap. */
export const storyTemplates: readonly StoryTemplate[] = [
  upgrade, upgrade, downgrade, downgrade, targetChange, targetChange,
  initiation, contractWithReaction, contractWithReaction, peerNote, upgrade, marketWrap,
];

/**
 * The live stream's templates: every one has a firm act on the story's company, so a story
 * whose (company, firm) pair is new reports a fact no earlier story did. (A market wrap's
 * price moves could come back word for word, and two such wraps would be one story.)
 */
export const analystStoryTemplates: readonly StoryTemplate[] = storyTemplates.filter((template) => template !== marketWrap);
