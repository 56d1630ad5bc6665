import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '@tickerwire/core';
import { extractAnalysis, extractEvents } from './index.ts';

// The kinds of text issue #14 names: each case is a mechanism (a phrasing, a role, a number
// form), not one headline; the labelled sets in eval/ measure how far they carry.
const analystEvents = (title: string, body = '') => extractEvents({ title, body }).filter((e) => e.type === 'analyst_rating' || e.type === 'price_target');
const pick = (events: MarketEvent[]) => events.map((e) => {
  const r = e as unknown as Record<string, unknown>;
  return Object.fromEntries(['type', 'ticker', 'firm', 'analyst', 'action', 'ratingFrom', 'ratingTo', 'from', 'to', 'currency'].filter((k) => k in r).map((k) => [k, r[k]]));
});

describe('headlines', () => {
  it('reads groups of companies each closed by the rating they share', () => {
    expect(analystEvents('Mizuho Initiates AbbVie, Biohaven With Buy Ratings, Eli Lilly, Alkermes With Neutral Ratings').map((e) => [e.ticker, e.action, (e as { ratingTo?: string }).ratingTo])).toEqual([
      ['ABBV', 'initiate', 'buy'], ['BHVN', 'initiate', 'buy'], ['LLY', 'initiate', 'neutral'], ['ALKS', 'initiate', 'neutral'],
    ]);
  });
  it('reads a firm written with its own ticker as the firm when it goes on to act', () => {
    expect(pick(analystEvents('Wells Fargo (WFC) Downgrades Nike Inc. (NKE) To Equal Weight'))).toEqual([
      { type: 'analyst_rating', ticker: 'NKE', firm: 'Wells Fargo', analyst: null, action: 'downgrade', ratingFrom: null, ratingTo: 'equal weight' },
    ]);
    expect(analystEvents('', 'JPMorgan Chase (JPM) shares fell after Citi downgraded the bank to neutral.')[0]).toMatchObject({ ticker: 'JPM', firm: 'Citi' });
  });
  it('reads company names that start with "The"', () => {
    expect(pick(analystEvents('Piper Sandler Upgrades The Trade Desk To Overweight'))).toEqual([
      { type: 'analyst_rating', ticker: 'TTD', firm: 'Piper Sandler', analyst: null, action: 'upgrade', ratingFrom: null, ratingTo: 'overweight' },
    ]);
    expect(analystEvents('Baird Downgrades The Home Depot to Neutral')[0]).toMatchObject({ ticker: 'HD', action: 'downgrade', ratingTo: 'neutral' });
  });

  it('initiates without the word coverage, at or with the rating', () => {
    expect(analystEvents('UBS Initiates Nike With Neutral')[0]).toMatchObject({ ticker: 'NKE', firm: 'UBS', action: 'initiate', ratingTo: 'neutral' });
    expect(pick(analystEvents('Morgan Stanley Assumes AbbVie at Equal-weight, Announces $72.00 PT'))).toEqual([
      { type: 'analyst_rating', ticker: 'ABBV', firm: 'Morgan Stanley', analyst: null, action: 'initiate', ratingFrom: null, ratingTo: 'equal-weight' },
      { type: 'price_target', ticker: 'ABBV', firm: 'Morgan Stanley', action: 'initiate', from: null, to: 72, currency: 'USD' },
    ]);
  });

  it('takes a list of tickers in parentheses as the objects, one event each', () => {
    expect(analystEvents('KeyBanc Upgrades (CRM, NOW) To Overweight').map((e) => e.ticker)).toEqual(['CRM', 'NOW']);
    expect(analystEvents('Stifel Upgrades (ABCQ, DEFQ) To Buy').map((e) => [e.ticker, (e as { ratingTo?: string }).ratingTo])).toEqual([['ABCQ', 'buy'], ['DEFQ', 'buy']]);
    expect(analystEvents('Dahlman Rose Initiates Coverage on (AAWW, AYR, ATSG)').map((e) => e.ticker)).toEqual(['AAWW', 'AYR', 'ATSG']);
  });

  it('gives no event for round-ups', () => {
    expect(analystEvents("Benzinga's Top Upgrades & Downgrades (AAPL, MSFT, NVDA)")).toEqual([]);
    expect(analystEvents('Top Upgrades, Downgrades For October 4')).toEqual([]);
  });

  it('reads the rating before the company, and a target beside it', () => {
    expect(pick(analystEvents('Imperial Capital Reiterates In-Line Rating, Raises PT on Atlas Air Worldwide Holdings'))).toEqual([
      expect.objectContaining({ type: 'analyst_rating', firm: 'Imperial Capital', action: 'maintain', ratingTo: 'in-line' }),
      expect.objectContaining({ type: 'price_target', firm: 'Imperial Capital', action: 'raise', from: null, to: null }),
    ]);
    expect(pick(analystEvents('Citigroup Maintains Buy, $46 PT on Agilent Technologies'))).toEqual([
      expect.objectContaining({ type: 'analyst_rating', ticker: 'A', action: 'maintain', ratingTo: 'buy' }),
      expect.objectContaining({ type: 'price_target', ticker: 'A', action: 'maintain', to: 46 }),
    ]);
  });

  it('reads "Hearing X Upgrading Y", "Maintains Buy on X" and a removed target', () => {
    expect(analystEvents('Hearing Jefferies Upgrading Nike')[0]).toMatchObject({ ticker: 'NKE', firm: 'Jefferies', action: 'upgrade' });
    expect(analystEvents('Maintains Buy on Apple')[0]).toMatchObject({ ticker: 'AAPL', action: 'maintain', ratingTo: 'buy' });
    expect(pick(analystEvents('Goldman Sachs Removes $40 PT on Netflix'))).toEqual([
      { type: 'price_target', ticker: 'NFLX', firm: 'Goldman Sachs', action: 'remove', from: 40, to: null, currency: 'USD' },
    ]);
  });

  it('gives no analyst event for look-alikes: guidance, trials, data centers, stakes, credit ratings, estimates', () => {
    for (const text of [
      'Apple reaffirms guidance for the year',
      'Acme Pharma initiates a Phase 2 trial of its drug',
      'Microsoft upgrades its data centers in Ohio',
      'Vanguard maintains its stake in Apple',
      "Moody's downgrades Ford's credit rating to junk",
      'S&P cuts Boeing to BBB-',
      'Jefferies raised its EPS estimate for Apple to $7.10',
    ]) expect(analystEvents(text), text).toEqual([]);
  });
});

describe('prose', () => {
  it('takes the firm from "the bank", an analyst or a pronoun, and the company from a description', () => {
    const events = analystEvents(
      'Morgan Stanley cuts Texas Instruments',
      'Morgan Stanley analyst Lena Okafor downgraded Texas Instruments to underweight from equal-weight. ' +
        'The bank cut its price target on the analog chipmaker by $22 to $150. ' +
        'Okafor also reiterated an overweight rating on Nvidia, and she raised her target on the stock to $250 from $220.',
    );
    expect(pick(events)).toEqual(expect.arrayContaining([
      { type: 'analyst_rating', ticker: 'TXN', firm: 'Morgan Stanley', analyst: 'Lena Okafor', action: 'downgrade', ratingFrom: 'equal-weight', ratingTo: 'underweight' },
      { type: 'price_target', ticker: 'TXN', firm: 'Morgan Stanley', action: 'lower', from: 172, to: 150, currency: 'USD' },
      { type: 'analyst_rating', ticker: 'NVDA', firm: 'Morgan Stanley', analyst: 'Lena Okafor', action: 'maintain', ratingFrom: null, ratingTo: 'overweight' },
      { type: 'price_target', ticker: 'NVDA', firm: 'Morgan Stanley', action: 'raise', from: 220, to: 250, currency: 'USD' },
    ]));
  });

  it('reads targets moved "by" an amount and currencies written after the number', () => {
    expect(analystEvents('', 'Nomura raised its price target on Toyota Motor Corp <7203.T> to 3,400 yen from 3,100 yen.')[0]).toMatchObject({ ticker: '7203.T', from: 3100, to: 3400, currency: 'JPY' });
    expect(analystEvents('', 'Deutsche Bank cut its price target on SAP SE <SAP.DE> to 215 euros from 290 euros.')[0]).toMatchObject({ ticker: 'SAP.DE', from: 290, to: 215, currency: 'EUR' });
    expect(analystEvents('', 'UBS nudged its target on Berkshire Hathaway up by $10 to $540.')[0]).toMatchObject({ ticker: 'BRK-B', action: 'raise', from: 530, to: 540 });
    expect(analystEvents('', 'Barclays lifted its target on Unilever to 5,200 pence.')[0]).toMatchObject({ to: 52, currency: 'GBP' });
  });

  it('gives one event per company when one note covers several', () => {
    const events = analystEvents('', 'Jefferies lowered its target on MARA Holdings to $14 from $19. It raised its target on Cipher Mining to $22 from $18.');
    expect(pick(events)).toEqual([
      { type: 'price_target', ticker: 'MARA', firm: 'Jefferies', action: 'lower', from: 19, to: 14, currency: 'USD' },
      { type: 'price_target', ticker: 'CIFR', firm: 'Jefferies', action: 'raise', from: 18, to: 22, currency: 'USD' },
    ]);
  });

  it('reads a ticker or a name that is also a trigger word as the company', () => {
    // "UPS" in capitals is United Parcel Service, not the verb "ups".
    expect(pick(analystEvents('UPS cut to underperform at Bank of America'))).toEqual([
      { type: 'analyst_rating', ticker: 'UPS', firm: 'Bank of America', analyst: null, action: 'downgrade', ratingFrom: null, ratingTo: 'underperform' },
    ]);
    expect(analystEvents('Jefferies Ups Target on Nike to $120')[0]).toMatchObject({ type: 'price_target', ticker: 'NKE', action: 'raise', to: 120 });
    // "Target" the retailer, named in prose, is not a price target that "keeps".
    expect(pick(analystEvents('Target keeps missing its own targets', 'Target posted falling sales again. JPMorgan cut its price target on the stock to $95.'))).toEqual([
      { type: 'price_target', ticker: 'TGT', firm: 'JPMorgan', action: 'lower', from: null, to: 95, currency: 'USD' },
    ]);
  });

  it('reads phrasings of coverage, of keeping a rating and of target nouns with hyphenated words', () => {
    expect(analystEvents('', 'Sidoti today initiated research coverage of Cheesecake Factory with a Neutral rating and a $58 price target.').map((e) => [e.type, e.action])).toEqual([['analyst_rating', 'initiate'], ['price_target', 'initiate']]);
    expect(analystEvents('', 'Mizuho bumped its Exxon target to $135 from $128 and stayed at outperform.').map((e) => [e.type, e.action, (e as { ratingTo?: string }).ratingTo ?? null])).toEqual([['price_target', 'raise', null], ['analyst_rating', 'maintain', 'outperform']]);
    expect(analystEvents('', 'CFRA lowered its 12-month target price on Dollar General by $12 to $98.')[0]).toMatchObject({ ticker: 'DG', action: 'lower', from: 110, to: 98 });
  });

  it('keeps two companies apart when their names share a first word', () => {
    const events = analystEvents('', 'CFRA downgraded Dollar General Corporation to hold. CFRA maintains its buy opinion on Dollar Tree, Inc., citing its pricing.');
    expect(events.map((e) => [e.ticker, e.action])).toEqual([['DG', 'downgrade'], ['DLTR', 'maintain']]);
  });

  it('gives each rated company its figure from a list: "for" each one, or "respectively"', () => {
    const listed = analystEvents('', 'BofA Securities initiated coverage of the payment networks with buy ratings on Visa (NYSE: V) and Mastercard (NYSE: MA) and price targets of $410 and $680, respectively.');
    expect(listed.filter((e) => e.type === 'price_target').map((e) => [e.ticker, (e as { to: number }).to])).toEqual([['V', 410], ['MA', 680]]);
    const forEach = analystEvents('', 'Wells Fargo started Vistra at overweight. The brokerage set price targets of $240 for Vistra, $410 for Constellation Energy and $395 for Talen Energy.');
    expect(forEach.filter((e) => e.type === 'price_target').map((e) => [e.ticker, (e as { to: number }).to])).toEqual([['VST', 240], ['CEG', 410], ['TLN', 395]]);
    expect(analystEvents('', 'Berenberg initiated coverage of Sanofi with a buy rating and a price target of 95 euros.').find((e) => e.type === 'price_target')).toMatchObject({ to: 95, currency: 'EUR', action: 'initiate' });
  });

  it('reads an analyst named before the verb as the one acting, for the firm named with them', () => {
    const events = analystEvents('', "Morgan Stanley's chip team, led by analyst Rachel Whitcombe, named Broadcom its top pick. Whitcombe reiterated overweight ratings on Nvidia and Advanced Micro Devices.");
    expect(events.filter((e) => e.ticker !== 'AVGO').map((e) => [e.ticker, e.firm, (e as { analyst: string }).analyst, (e as { ratingTo: string }).ratingTo])).toEqual([
      ['NVDA', 'Morgan Stanley', 'Rachel Whitcombe', 'overweight'], ['AMD', 'Morgan Stanley', 'Rachel Whitcombe', 'overweight'],
    ]);
  });

  it('takes the firm from the name before the noun "upgrade", and no event from a compound noun', () => {
    expect(analystEvents('Apple rises after Jefferies upgrade')[0]).toMatchObject({ ticker: 'AAPL', firm: 'Jefferies', action: 'upgrade' });
    expect(analystEvents('US to pause student visa interviews for two weeks amid system upgrade')).toEqual([]);
    expect(analystEvents('Utility shares slip as network downgrade work drags on')).toEqual([]);
  });

  it('merges a headline event into the body one and keeps the fuller names', () => {
    const events = analystEvents('Citi jumps on Piper upgrade', 'Citigroup (C) climbed 3.1% after Piper Sandler upgraded the bank to overweight from neutral.');
    expect(pick(events)).toEqual([{ type: 'analyst_rating', ticker: 'C', firm: 'Piper Sandler', analyst: null, action: 'upgrade', ratingFrom: 'neutral', ratingTo: 'overweight' }]);
  });

  it('takes the one company a headline names when a later clause leaves it unsaid, but not the company acting', () => {
    expect(analystEvents('Goldman Bullish On Agilent Technologies, Raises Price Target To $53')[0]).toMatchObject({ type: 'price_target', ticker: 'A', firm: 'Goldman', action: 'raise', to: 53 });
    expect(analystEvents('Microsoft upgrades its data centers in Ohio')).toEqual([]);
  });

  it('reads a firm whose name holds a credit grade (BB&T) as a firm, and a grade as a credit rating', () => {
    expect(analystEvents('BB&T Capital Upgrades Asbury Automotive Group Inc to Buy, Announces $67.00 PT').map((e) => [e.type, e.ticker, e.firm])).toEqual([['analyst_rating', 'ABG', 'BB&T Capital'], ['price_target', 'ABG', 'BB&T Capital']]);
    expect(analystEvents("Moody's cuts Ford to BB+")).toEqual([]);
  });

  it('reads the rating written after the company, or after the firm with no verb', () => {
    expect(pick(analystEvents('J.P. Morgan Reiterates Agilent Technologies Overweight, Raises PT'))[0]).toEqual({ type: 'analyst_rating', ticker: 'A', firm: 'J.P. Morgan', analyst: null, action: 'maintain', ratingFrom: null, ratingTo: 'overweight' });
    expect(analystEvents('Citi Maintains Apple Buy Rating')[0]).toMatchObject({ ticker: 'AAPL', company: 'Apple', ratingTo: 'buy' });
    expect(analystEvents('Jefferies keeps Nvidia a buy after results')[0]).toMatchObject({ ticker: 'NVDA', action: 'maintain', ratingTo: 'buy' });
    expect(analystEvents('Goldman Sachs Neutral On Agilent Technologies (A)')[0]).toMatchObject({ ticker: 'A', firm: 'Goldman Sachs', action: 'maintain', ratingTo: 'neutral' });
    // A view in words is not a rating: only the one the verb states.
    expect(analystEvents('Goldman Sachs Positive on Cardinal Health; Reiterates Buy Rating').map((e) => (e as { ratingTo: string }).ratingTo)).toEqual(['buy']);
  });

  it('reads a list of tickers written without parentheses, and rating abbreviations', () => {
    expect(analystEvents('Stifel Nicolaus Upgrades ABCQ, BOKF To Buy').map((e) => [e.ticker, (e as { ratingTo: string }).ratingTo])).toEqual([['ABCQ', 'buy'], ['BOKF', 'buy']]);
    expect(analystEvents('J.P. Morgan Upgrades Agilent Tech To OW')[0]).toMatchObject({ ticker: 'A', ratingTo: 'ow', ratingScore: 4 });
  });

  it('pairs targets with companies "respectively" and keeps a ticker in parentheses from being a firm', () => {
    const events = analystEvents('', 'Jefferies analyst Carla Denton reworked her bank coverage. Denton reiterated buy ratings on JPMorgan Chase (JPM) and Citigroup (C), lifting her targets to $345 from $320 and to $125 from $110, respectively.');
    expect(events.filter((e) => e.type === 'price_target').map((e) => [e.ticker, e.firm, (e as { from: number }).from, (e as { to: number }).to])).toEqual([['JPM', 'Jefferies', 320, 345], ['C', 'Jefferies', 110, 125]]);
  });

  it('takes the company a noun-form action explains, and the rating on the scale over "top pick"', () => {
    expect(analystEvents('FTSE 100 hits record as Rolls-Royce rallies on Deutsche Bank target hike')[0]).toMatchObject({ type: 'price_target', company: 'Rolls-Royce', firm: 'Deutsche Bank', action: 'raise' });
    expect(analystEvents('Meta Reiterated as Top Pick at JPMorgan', 'Meta Platforms remains the top pick of JPMorgan, which reiterated an overweight rating on the Facebook owner.').filter((e) => e.type === 'analyst_rating').map((e) => (e as { ratingTo: string }).ratingTo)).toEqual(['overweight']);
  });

  it('reads registered names written with a possessive, whose words are trigger words', () => {
    expect(pick(analystEvents("Children's Place price target cut to $80 from $105 at Monness Crespi Hardt"))).toEqual([
      { type: 'price_target', ticker: 'PLCE', firm: 'Monness Crespi Hardt', action: 'lower', from: 105, to: 80, currency: 'USD' },
    ]);
    expect(analystEvents('Spotify Double Downgrade Reflects Prospect of Slower Growth')[0]).toMatchObject({ ticker: 'SPOT', company: 'Spotify', action: 'downgrade' });
  });

  it('reads "maintained as", "initiated as" and "vs." for the previous rating', () => {
    expect(pick(analystEvents('DLH Holdings maintained as buy with $7 price target at Canaccord'))).toEqual([
      { type: 'analyst_rating', ticker: 'DLHC', firm: 'Canaccord', analyst: null, action: 'maintain', ratingFrom: null, ratingTo: 'buy' },
      { type: 'price_target', ticker: 'DLHC', firm: 'Canaccord', action: 'maintain', from: null, to: 7, currency: 'USD' },
    ]);
    expect(analystEvents('Etsy initiated as buy with $55 price target at SunTrust Robinson Humphrey').map((e) => [e.type, e.action])).toEqual([['analyst_rating', 'initiate'], ['price_target', 'initiate']]);
    expect(analystEvents('CF Industries upgraded to buy vs. neutral at BofA Merrill Lynch')[0]).toMatchObject({ ratingFrom: 'neutral', ratingTo: 'buy' });
  });

  it('reads a listed company whose name starts like a credit agency, cents, and a cashtag between verb and rating', () => {
    expect(analystEvents('S&P Global stock price target raised to $322 from $274 at Stifel Nicolaus')[0]).toMatchObject({ ticker: 'SPGI', from: 274, to: 322 });
    expect(analystEvents("Moody's Reviews Barrick's Ratings for Downgrade")).toEqual([]);
    expect(analystEvents('J.C. Penney stock price target raised to $1.00 from 80 cents at B. Riley FBR')[0]).toMatchObject({ from: 0.8, to: 1, currency: 'USD' });
    expect(analystEvents('Jefferies analysts lifted Tesla $TSLA shares to buy while paring the price target 19%.')[0]).toMatchObject({ ticker: 'TSLA', firm: 'Jefferies', action: 'upgrade', ratingTo: 'buy' });
  });

  it('reads a move between two ratings as an upgrade or a downgrade by their levels', () => {
    expect(analystEvents('', 'Evercore ISI moved Microsoft to outperform from in line.')[0]).toMatchObject({ ticker: 'MSFT', action: 'upgrade', ratingFrom: 'in line', ratingTo: 'outperform' });
    expect(analystEvents('Microsoft moved to underperform from neutral at BofA')[0]).toMatchObject({ action: 'downgrade', ratingTo: 'underperform' });
  });

  it('reads a target figure in any currency before the noun, and "the brokerage also" as the firm', () => {
    expect(analystEvents('', 'Berenberg resumed coverage of Adidas with a hold rating and a 190 euro price target.').find((e) => e.type === 'price_target')).toMatchObject({ to: 190, currency: 'EUR' });
    expect(analystEvents('', 'Jefferies raised Ferrari to buy. The brokerage also lifted its price target on the luxury carmaker to 480 euros from 430 euros.').find((e) => e.type === 'price_target')).toMatchObject({ ticker: 'RACE', firm: 'Jefferies', from: 430, to: 480 });
  });

  it('does not take a company from elsewhere in the clause for a rating verb with no object', () => {
    const events = analystEvents('', "Analysts at Morgan Stanley trimmed their price objective on Salesforce to $310 from $330, though they kept an overweight rating, arguing the company's AI agents would take longer to monetize.");
    expect(events.map((e) => [e.type, e.ticker])).toEqual([['price_target', 'CRM'], ['analyst_rating', 'CRM']]);
  });

  it('continues the company of the sentence before when a sentence names none, and reads suspended or unchanged ratings', () => {
    expect(analystEvents('', 'Raymond James on Monday upgraded Chevron to strong buy. It set a $190 target.').map((e) => [e.type, e.ticker, e.firm])).toEqual([['analyst_rating', 'CVX', 'Raymond James'], ['price_target', 'CVX', 'Raymond James']]);
    expect(analystEvents('', 'Raymond James maintains outperform on Apple. We think upgrades to 5G are inevitable.').map((e) => e.action)).toEqual(['maintain']);
    expect(analystEvents('', 'RBC analyst Brad Erickson cut his price target on DoorDash to $190 but left his outperform rating unchanged.').find((e) => e.type === 'analyst_rating')).toMatchObject({ ticker: 'DASH', action: 'maintain', ratingTo: 'outperform' });
    expect(analystEvents('', 'Piper Sandler said it is suspending its rating on Peloton Interactive pending the merger.')[0]).toMatchObject({ firm: 'Piper Sandler', action: 'terminate' });
    expect(analystEvents('', "HSBC downgraded Alibaba's Hong Kong-listed shares to hold.")[0]).toMatchObject({ ticker: 'BABA', company: 'Alibaba' });
  });

  it('reads phrasings found in prose set C: no object means the company that moved, firms as objects, noun forms', () => {
    const wrap = analystEvents('', 'Lam Research added 2% as Cantor Fitzgerald initiated coverage at overweight with a $205 price target. Texas Instruments dipped after Goldman Sachs reiterated its sell rating.');
    expect(wrap.filter((e) => e.type === 'analyst_rating').map((e) => [e.ticker, e.firm])).toEqual([['LRCX', 'Cantor Fitzgerald'], ['TXN', 'Goldman Sachs']]);
    expect(analystEvents('', 'Wells Fargo raised its price target on Goldman Sachs to $1,050 from $920 and reiterated an overweight rating.').map((e) => [e.type, e.ticker, e.firm])).toEqual([['price_target', 'GS', 'Wells Fargo'], ['analyst_rating', 'GS', 'Wells Fargo']]);
    expect(analystEvents('', 'Loop Capital downgraded Apple to hold, saying the iPhone 18 upgrade cycle looks priced in. Ford said the downgrade would not affect its liquidity.').map((e) => e.action)).toEqual(['downgrade']);
    expect(analystEvents('', 'Amazon.com Inc. is upgrading its data centers in northern Virginia.')).toEqual([]);
    expect(analystEvents('', 'Palantir Technologies on Thursday set a target of $15 billion in annual revenue by 2030.')).toEqual([]);
    expect(analystEvents('', 'Argus Research today announced the initiation of coverage of The Cooper Companies, Inc. (NASDAQ: COO) with a BUY rating and a 12-month target price of $95.').map((e) => [e.type, e.ticker, e.action, (e as { to?: number }).to ?? null])).toEqual([['analyst_rating', 'COO', 'initiate', null], ['price_target', 'COO', 'initiate', 95]]);
    expect(analystEvents('', 'Bernstein trimmed its Netflix target to $118 from $130, but stuck with its outperform.').map((e) => e.action)).toEqual(['lower', 'maintain']);
  });

  it('keeps "and Co" in a name, reads numeric venue codes, and knows S&P Global Ratings is the agency', () => {
    expect(analystEvents('', 'UBS raised its price target on Eli Lilly and Co by $75 to $1,150 on Thursday.')).toMatchObject([{ ticker: 'LLY', from: 1075, to: 1150 }]);
    expect(analystEvents('', 'Morgan Stanley lifted its target on the shares of Alibaba (9988.HK) to HK$215 from HK$188.')[0]).toMatchObject({ ticker: '9988.HK', currency: 'HKD' });
    expect(analystEvents('', "S&P Global Ratings on Monday downgraded Ford Motor Co's long-term credit rating by one notch to 'BB+'.")).toEqual([]);
  });

  it('reads more phrasings from prose set C: began covering, has a rating, goes to, at a short firm name, his or her target', () => {
    expect(analystEvents('', 'Needham & Company began covering Rubrik Inc (NYSE: RBRK) with a buy rating and a $95 price target.').map((e) => [e.type, e.action])).toEqual([['analyst_rating', 'initiate'], ['price_target', 'initiate']]);
    expect(analystEvents('', 'UBS raised its price target on Eli Lilly by $75 to $1,150. The bank, which has a buy rating on the stock, cited prescriptions.').map((e) => [e.type, e.firm, e.action])).toEqual([['price_target', 'UBS', 'raise'], ['analyst_rating', 'UBS', 'maintain']]);
    expect(analystEvents('', 'Wells Fargo analyst Priyanka Desai reaffirmed her underweight rating on Boeing. Her price target goes to $150 from $165.')[1]).toMatchObject({ type: 'price_target', firm: 'Wells Fargo', action: 'lower', from: 165, to: 150 });
    expect(analystEvents('Bank stocks: Goldman target raised at Wells')[0]).toMatchObject({ type: 'price_target', ticker: 'GS', firm: 'Wells' });
    expect(analystEvents('Goldman Sachs cuts Coca-Cola to neutral from buy')[0]).toMatchObject({ ticker: 'KO', action: 'downgrade' });
    expect(analystEvents('', 'Daiwa raised its target price on the electronics and entertainment conglomerate Sony Group to 5,200 yen from 4,600 yen.')[0]).toMatchObject({ from: 4600, to: 5200, currency: 'JPY' });
  });

  it('finds the analyst written "X, who covers Y for Firm" and "the bank\'s analyst, Name,"', () => {
    expect(analystEvents('', 'Lena Ostrowski, who covers Starbucks for Jefferies, says the plan is working. In a Wednesday note, Ostrowski kept her hold rating but trimmed her price target to $88 from $94.').map((e) => [e.type, e.firm, (e as { analyst?: string }).analyst ?? null])).toEqual([['analyst_rating', 'Jefferies', 'Lena Ostrowski'], ['price_target', 'Jefferies', null]]);
    expect(analystEvents('', "Goldman Sachs upgraded Micron to buy. The bank's analyst, Dylan Ostrander, lifted his price target to $260 from $175.").map((e) => [e.type, e.firm])).toEqual([['analyst_rating', 'Goldman Sachs'], ['price_target', 'Goldman Sachs']]);
  });

  it('reads a target "up by" an amount from a set figure, a target sentence standing alone, and compound title nouns', () => {
    expect(analystEvents('', 'Piper Sandler bumped CrowdStrike to overweight and put a $640 target on it, up by $95 from where it was.')[1]).toMatchObject({ type: 'price_target', action: 'raise', from: 545, to: 640 });
    expect(analystEvents('Mizuho starts Arm Holdings at Outperform', 'Price target $210.').map((e) => [e.type, e.ticker, e.firm, e.action])).toEqual([['analyst_rating', 'ARM', 'Mizuho', 'initiate'], ['price_target', 'ARM', 'Mizuho', 'initiate']]);
    expect(analystEvents('Digital Realty Completes Upgrade of Ashburn Campus')).toEqual([]);
    expect(analystEvents('Amazon Is Upgrading Virginia Data Centers for Next-Generation AI Chips')).toEqual([]);
    expect(analystEvents('Apple rises after Jefferies upgrade')[0]).toMatchObject({ firm: 'Jefferies', action: 'upgrade' });
  });

  it('reads headline forms found in the unlabeled pool: a view then a verb, a company before the word coverage, shares that moved', () => {
    expect(analystEvents('Goldman Positive On Zeta Widgets, Raises PT To $15')[0]).toMatchObject({ type: 'price_target', company: 'Zeta Widgets', firm: 'Goldman', to: 15 });
    expect(analystEvents("KeyBanc Capital Markets Initiates Aaron's Coverage: Buy, $34 PT").map((e) => [e.type, e.company, e.action])).toEqual([['analyst_rating', "Aaron's", 'initiate'], ['price_target', "Aaron's", 'initiate']]);
    expect(analystEvents('ACADIA Pharma Shares Move Higher as JMP Boosted Price Target from $16 to $27')[0]).toMatchObject({ company: 'ACADIA Pharma', firm: 'JMP', from: 16, to: 27 });
  });

  it('reads title-case firms after "At", ratings after the object and agency outlooks in any clause of a headline', () => {
    expect(analystEvents('ABB Initiated With Buy At ING Group')[0]).toMatchObject({ ticker: 'ABB', firm: 'ING Group', ratingTo: 'buy' });
    expect(analystEvents('Abaxis Downgraded At Feltl & Co. From Neutral To Sell')[0]).toMatchObject({ firm: 'Feltl & Co', ratingFrom: 'neutral', ratingTo: 'sell' });
    expect(analystEvents('Credit Suisse Upgrades Ambev S.A. ADS Outperform')[0]).toMatchObject({ ratingTo: 'outperform' });
    expect(analystEvents('KBW Maintains MP Rating, $24 PT On Shares Of AB').map((e) => [e.type, e.ticker])).toEqual([['analyst_rating', 'AB'], ['price_target', 'AB']]);
    expect(analystEvents("Moody's Affirms Agilent Ratings; Outlook Lowered from Stable to Negative")).toEqual([]);
    expect(analystEvents('Applied Optoelectronics Faces Competitive Pressure, Piper Jaffray Says In Downgrade')[0]).toMatchObject({ ticker: 'AAOI', company: 'Applied Optoelectronics' });
  });

  it('gives no event for look-alikes found among tweets: an adjective, a forecast, a verb "to buy the company"', () => {
    for (const text of ['Ekso launches upgraded cloud platform to support use of exoskeleton', "IMF Likely To Downgrade India's Growth Forecast Significantly In January", "HP reiterates its rejection of Xerox's offer to buy the company"]) expect(analystEvents(text), text).toEqual([]);
    expect(analystEvents('American Tower +2.1% after Wells upgrade to Overweight')[0]).toMatchObject({ ticker: 'AMT', firm: 'Wells', ratingTo: 'overweight' });
  });
  it('reads more headline mechanisms from the unlabeled pool: title-case "On", a standing target, "And" lists, sector groups, a later verb\'s "on"', () => {
    expect(analystEvents('Morgan Stanley Reiterates On Microsoft Following Investor Day')[0]).toMatchObject({ ticker: 'MSFT', firm: 'Morgan Stanley', action: 'maintain', ratingTo: null });
    expect(analystEvents('Microsoft Reiterates On Its Guidance')).toEqual([]);
    expect(pick(analystEvents('KBW Has $28 Target On Microsoft'))).toEqual([{ type: 'price_target', ticker: 'MSFT', firm: 'KBW', action: 'maintain', from: null, to: 28, currency: 'USD' }]);
    expect(analystEvents('', 'Citigroup, which has a $150 price target on the stock, said Apple looks cheap.')[0]).toMatchObject({ ticker: 'AAPL', firm: 'Citigroup', action: 'maintain', to: 150 });
    expect(analystEvents('', 'The company has a $5 billion revenue target for 2027.')).toEqual([]);
    expect(analystEvents('Goldman Upgrades Apple, Zeta Widgets And Microsoft').map((e) => e.company)).toEqual(['Apple', 'Zeta Widgets', 'Microsoft']);
    expect(analystEvents('Goldman Upgrades Bed Bath And Beyond').map((e) => e.company)).toEqual(['Bed Bath']);
    expect(analystEvents('Morgan Stanley Initiates Coverage On Specialty Retailers')).toMatchObject([{ ticker: null, company: null, firm: 'Morgan Stanley', action: 'initiate' }]);
    expect(extractEvents({ title: 'Deutsche Bank Cuts Targets On Most US Autos, Auto Parts Stocks', body: '', tickers: ['ABG'] }).filter((e) => e.type === 'price_target')).toMatchObject([{ ticker: null, company: null, action: 'lower' }]);
    expect(extractEvents({ title: 'Barclays Pleased With Microsoft Report, Lowers PT By $2 To $42 And Awaits Clarity On Macro Environment', body: '' }).find((e) => e.type === 'price_target')).toMatchObject({ ticker: 'MSFT', from: 44, to: 42 });
  });
  it('gives each firm of a listed subject its event, reads "cuts X from <rating>", and a move explained by firms with "of" and "and" in their names', () => {
    expect(analystEvents('', 'Zeta Widgets shares fell after Evercore ISI and Bank of America downgraded the stock; Bank of America also lowered its price target from $95 to $76.').map((e) => [e.type, e.company, e.firm])).toEqual([
      ['analyst_rating', 'Zeta Widgets', 'Bank of America'],
      ['analyst_rating', 'Zeta Widgets', 'Evercore ISI'],
      ['price_target', 'Zeta Widgets', 'Bank of America'],
    ]);
    expect(analystEvents('UBS, Jefferies and Citi upgraded Microsoft to buy.').map((e) => e.firm).sort()).toEqual(['Citi', 'Jefferies', 'UBS']);
    expect(pick(analystEvents('Leerink Cuts Microsoft from Outperform'))).toEqual([{ type: 'analyst_rating', ticker: 'MSFT', firm: 'Leerink', analyst: null, action: 'downgrade', ratingFrom: 'outperform', ratingTo: null }]);
    expect(analystEvents('Apple lifts sales from Buy Now Pay Later plans')).toEqual([]);
  });
  it('moves a "with a $X target" figure as the rating beside it does, and reads "as hold" as the rating, not the verb "holds"', () => {
    expect(analystEvents('Zeta Widgets maintained as buy with $165 price target at Canaccord').map((e) => [e.type, e.action])).toEqual([['analyst_rating', 'maintain'], ['price_target', 'maintain']]);
    expect(analystEvents('Zeta Widgets initiated as hold with $28 price target at Jefferies').map((e) => [e.type, e.action, (e as { ratingTo?: string }).ratingTo ?? (e as { to?: number }).to])).toEqual([['analyst_rating', 'initiate', 'hold'], ['price_target', 'initiate', 28]]);
    expect(analystEvents('Microsoft lower after Morgan Stanley target cut')[0]).toMatchObject({ type: 'price_target', ticker: 'MSFT', firm: 'Morgan Stanley', action: 'lower' });
  });
  it('reads prose mechanisms found on set D dev: names in any script, press-release datelines, a company\'s own upgrades, firms described with adjectives', () => {
    expect(analystEvents('', 'Oppenheimer began coverage of Zeta Widgets with an outperform rating, analyst Carla Menéndez wrote.')[0]).toMatchObject({ analyst: 'Carla Menéndez' });
    expect(analystEvents('', 'REDWOOD CITY, Calif., Dec. 2, 2026 -- Equinix, Inc. today announced the completion of a major upgrade at its FR13 data center. "This upgrade delivers it," said the head of EMEA.')).toEqual([]);
    expect(analystEvents('', 'Nomura raised its rating on Tokyo Electron Ltd. (TSE: 8035) to buy from neutral. The Japanese brokerage lifted its target price to 38,000 yen from 29,500 yen.')[1]).toMatchObject({ type: 'price_target', firm: 'Nomura', from: 29500, to: 38000, currency: 'JPY' });
    expect(analystEvents('', 'JPMorgan Chase rose after Keefe, Bruyette & Woods raised its price target on the lender. Lazard slid 4.5% as the same brokerage downgraded the advisory firm to underperform.')[1]).toMatchObject({ company: 'Lazard', firm: 'Keefe, Bruyette & Woods', action: 'downgrade' });
    expect(analystEvents('', 'The central bank cut its rate target to 4%.')).toEqual([]);
  });
  it('reads pence written as a suffix and rupees written "Rs"', () => {
    expect(analystEvents('', 'Berenberg slashed its price target on Burberry Group to 720p from 1,050p.')[0]).toMatchObject({ type: 'price_target', from: 10.5, to: 7.2, currency: 'GBP' });
    expect(analystEvents('', 'Jefferies assumed coverage of Reliance Industries with a buy rating and a Rs 1,850 target.')[1]).toMatchObject({ type: 'price_target', to: 1850, currency: 'INR' });
    expect(analystEvents('Jefferies started Microsoft at buy with a 12-month $1,250 target.')[1]).toMatchObject({ type: 'price_target', to: 1250, currency: 'USD' });
  });
  it('reads a numeric home code after its exchange as that listing, and the exchange as no company', () => {
    expect(analystEvents('', 'Li Auto Inc. (HKEX: 2015) fell 7.2% in Hong Kong. Daiwa Capital Markets cut the stock to hold from buy.')[0]).toMatchObject({ ticker: '2015.HK', company: 'Li Auto Inc.' });
    expect(analystEvents('', 'Nomura trimmed its target on Screen Holdings (TSE: 7735) to ¥14,200 from ¥15,000.')[0]).toMatchObject({ ticker: '7735.T', from: 15000, to: 14200, currency: 'JPY' });
    expect(analystEvents('', 'Oddo BHF cut its price objective on Renault (EPA: RNO) to 41 euros from 48 euros.')[0]).toMatchObject({ ticker: 'RNO.PA', company: 'Renault', currency: 'EUR' });
    expect(analystEvents('', 'Jefferies assumed coverage of Reliance Industries (NSE: RELIANCE) with a buy rating.')[0]).toMatchObject({ ticker: 'RELIANCE.NS' });
  });
  it('reads a company name holding a target noun as a name, and a capitalised compound adjective as no name', () => {
    expect(pick(analystEvents('', 'Bernstein analyst Priya Raman moved Target Corp to underperform from market perform. Raman also cut her price objective to $88 from $104.'))).toEqual([
      { type: 'analyst_rating', ticker: 'TGT', firm: 'Bernstein', analyst: 'Priya Raman', action: 'downgrade', ratingFrom: 'market perform', ratingTo: 'underperform' },
      { type: 'price_target', ticker: 'TGT', firm: 'Bernstein', action: 'lower', from: 104, to: 88, currency: 'USD' },
    ]);
    expect(analystEvents('', 'Eli Lilly received a Street-high price target on Monday when Guggenheim lifted its objective by $150 to $1,300.')[0]).toMatchObject({ ticker: 'LLY', company: 'Eli Lilly', from: 1150, to: 1300 });
  });
  it('reads a target moved with its noun unsaid, "its objective", and a second company after "and" with "on" unsaid', () => {
    expect(pick(analystEvents('', 'Mizuho raised its price target on Broadcom to $420 from $380, Bank of America lifted its objective to $450 from $400, and Bernstein moved to $410 from $365.'))).toEqual([
      { type: 'price_target', ticker: 'AVGO', firm: 'Mizuho', action: 'raise', from: 380, to: 420, currency: 'USD' },
      { type: 'price_target', ticker: 'AVGO', firm: 'Bank of America', action: 'raise', from: 400, to: 450, currency: 'USD' },
      { type: 'price_target', ticker: 'AVGO', firm: 'Bernstein', action: 'raise', from: 365, to: 410, currency: 'USD' },
    ]);
    expect(analystEvents('', 'Citi lifted Royal Caribbean (NYSE: RCL) to $340 from $310 and Carnival (NYSE: CCL) to $36 from $33.').map((e) => [e.ticker, (e as { to?: number }).to])).toEqual([['RCL', 340], ['CCL', 36]]);
    for (const text of ['Apple raised its dividend to $0.50 from $0.45.', 'The stock moved to $410 from $365 in heavy trading.', 'Microsoft cut prices to $999 from $1,099.', 'Apple raised its objectives for 2027.']) expect(analystEvents('', text), text).toEqual([]);
  });
  it('pairs "to $82 and $125, respectively" with the companies in order', () => {
    expect(analystEvents('', 'Citi raised its price targets on Apple and Microsoft to $200 and $400, respectively.').map((e) => [e.ticker, (e as { to?: number }).to])).toEqual([['AAPL', 200], ['MSFT', 400]]);
  });
  it('reads a firm acting in a sentence that names no company as acting on the text\'s company, and an everyday word opening a sentence as no name', () => {
    expect(analystEvents('', 'Microsoft shares fell 5% on Thursday. Others held firm: Citi reiterated buy with a $232 target.').map((e) => [e.type, e.ticker, e.company, e.firm])).toEqual([
      ['analyst_rating', 'MSFT', 'Microsoft', 'Citi'],
      ['price_target', 'MSFT', 'Microsoft', 'Citi'],
    ]);
    expect(analystEvents('', 'Two upgrades in a week: Monness, Crespi, Hardt moved PayPal ($PYPL) to buy from neutral.').map((e) => e.firm)).toEqual(['Monness, Crespi, Hardt']);
    expect(analystEvents('', 'Rumors of an imminent analyst upgrade swirled on social media Monday.')).toEqual([]);
    // An unknown company whose name is an everyday word still opens a headline.
    expect(analystEvents('Elastic upgraded to buy from hold at Canaccord Genuity')[0]).toMatchObject({ company: 'Elastic', firm: 'Canaccord Genuity', action: 'upgrade' });
    expect(analystEvents('Anthem stock price target raised to $330 from $300 at SunTrust RH')[0]).toMatchObject({ company: 'Anthem', from: 300, to: 330 });
    expect(analystEvents("Citi Initiates Aaron's Coverage: Buy, $34 PT").map((e) => e.type)).toEqual(['analyst_rating', 'price_target']);
  });
  it('gives no event for actions told as history, but reads reported speech ("said that he had raised") as news', () => {
    for (const text of ['In 2022, Morgan Stanley and JPMorgan had downgraded Netflix as subscriber numbers fell.', 'Last spring, a handful of brokers downgraded Microsoft on fears about its margins.']) expect(analystEvents('', text), text).toEqual([]);
    expect(analystEvents('', 'Loop Capital analyst Devon Marsh told CNBC on Thursday that he had raised his price target on Nvidia to $300 from $250.')[0]).toMatchObject({ ticker: 'NVDA', action: 'raise', from: 250, to: 300 });
    expect(analystEvents('', 'Jefferies upgraded Apple to buy on Monday, a year after it had cut the stock to hold.').map((e) => e.action)).toEqual(['upgrade']);
  });
  it("gives no event for a speculative question or a credit grade in quotes, but reads a question about a done action", () => {
    for (const text of ['Is an upgrade coming for Starbucks? Don\'t hold your breath', "BRIEF-S&P upgrades Netflix to 'A' on cash generation"]) expect(analystEvents(text), text).toEqual([]);
    expect(analystEvents('Why did JPMorgan downgrade Tesla?')[0]).toMatchObject({ ticker: 'TSLA', firm: 'JPMorgan', action: 'downgrade' });
  });
  it("reads a target named with its owner and no verb of its own after a rating, and an analyst's possessive as no part of the name", () => {
    expect(pick(analystEvents('', "Oppenheimer began coverage of Duolingo with an outperform rating on Tuesday. Analyst Carla Menéndez's $420 price target implies about 31% upside."))).toEqual([
      { type: 'analyst_rating', ticker: 'DUOL', firm: 'Oppenheimer', analyst: 'Carla Menéndez', action: 'initiate', ratingFrom: null, ratingTo: 'outperform' },
      { type: 'price_target', ticker: 'DUOL', firm: 'Oppenheimer', action: 'initiate', from: null, to: 420, currency: 'USD' },
    ]);
    expect(analystEvents('', 'BofA Securities analyst Lionel Park upgraded Home Depot to buy from neutral. Park said his new $470 price target, up from $400, assumes sales turn positive.')[1]).toMatchObject({ type: 'price_target', action: 'raise', from: 400, to: 470 });
  });
  it('reads the subject of a reported clause, "left the stock at <rating>", and a numbered list item\'s firm', () => {
    expect(analystEvents('', "BofA Securities analyst Lionel Park upgraded Home Depot to buy. Park added that he remains at neutral on Lowe's Companies (NYSE: LOW).")[1]).toMatchObject({ ticker: 'LOW', firm: 'BofA Securities', action: 'maintain', ratingTo: 'neutral' });
    expect(analystEvents('', '1) Home Depot reaffirmed its guidance. 2) Morgan Stanley raised its earnings estimates for Caterpillar but left the stock at equal-weight.')).toMatchObject([{ ticker: 'CAT', firm: 'Morgan Stanley', action: 'maintain', ratingTo: 'equal-weight' }]);
    expect(analystEvents('', 'The storm left Apple at a standstill.')).toEqual([]);
  });
  it("gives an analyst named with a title before the verb, and no firm, the text's one firm", () => {
    expect(analystEvents('', 'MINNEAPOLIS, Dec. 1, 2026 -- Northland Capital Markets today announced the initiation of coverage of three nuclear energy companies. Analyst Rebecca Tran initiated Oklo Inc. with an Outperform rating and a $118 price target.').map((e) => [e.type, e.ticker, e.firm])).toEqual([
      ['analyst_rating', 'OKLO', 'Northland Capital'],
      ['price_target', 'OKLO', 'Northland Capital'],
    ]);
  });
  it('gives each company of a rating list its own rating when the verb is said once, and a legal suffix after a comma no event', () => {
    expect(analystEvents('Mackie Research Cuts Barrick Gold To Hold, Iamgold To Sell').map((e) => [e.company, (e as { ratingTo?: string }).ratingTo, e.firm])).toEqual([
      ['Barrick Gold', 'hold', 'Mackie Research'],
      ['Iamgold', 'sell', 'Mackie Research'],
    ]);
    expect(analystEvents('Citi downgraded Ford to sell, and GM to neutral.').map((e) => e.ticker)).toEqual(['F', 'GM']);
    expect(analystEvents('Morgan Stanley Initiates Coverage on Agilent Technologies, Inc. at Equalweight').map((e) => e.company)).toEqual(['Agilent Technologies']);
  });
  it('reads the noun of a move before the company and its target ("gives big boost to Deere PT")', () => {
    expect(analystEvents('Citi gives big boost to Deere PT')[0]).toMatchObject({ type: 'price_target', ticker: 'DE', firm: 'Citi', action: 'raise' });
    expect(analystEvents('Company announces boost to Dividend Target')).toEqual([]);
  });
  it('reads a listed research firm whose own shares move as the company, so a description can point back to it', () => {
    expect(analystEvents('', "BNP Paribas rose 3.2% after Deutsche Bank's research team raised its price target on the French lender to 88 euros from 79 euros.")[0]).toMatchObject({ company: 'BNP Paribas', firm: 'Deutsche Bank', from: 79, to: 88, currency: 'EUR' });
    expect(analystEvents('', 'Goldman Sachs added Uber Technologies to its conviction list, reiterating a buy rating.')[0]).toMatchObject({ firm: 'Goldman Sachs', ratingTo: 'buy' });
  });
  it('reads set E dev mechanisms: bare datelines, "(HKG: 3690)", "Name of Firm", hyphenated currency figures, column titles after "Analyst"', () => {
    expect(analystEvents('', 'MUMBAI, Dec 4 - Kotak Institutional Equities downgraded Asian Paints (NSE: ASIANPAINT) to sell from add.')[0]).toMatchObject({ firm: 'Kotak Institutional Equities', ticker: 'ASIANPAINT.NS' });
    expect(analystEvents('', 'Dec 4 - Luxury group Kering (EPA: KER) was cut to underperform at Jefferies.')[0]).toMatchObject({ ticker: 'KER.PA', firm: 'Jefferies' });
    expect(analystEvents('', 'Meituan (HKG: 3690) surged 6.5% after Citi upgraded the food-delivery giant to buy.')[0]).toMatchObject({ ticker: '3690.HK' });
    expect(analystEvents('', 'Harold Quist of RBC Capital Markets has an underperform rating and a $45 price target on Palantir Technologies.').map((e) => [e.type, e.firm])).toEqual([['analyst_rating', 'RBC Capital Markets'], ['price_target', 'RBC Capital Markets']]);
    expect(analystEvents('', 'Degroof Petercam kept its 850-euro target on ASML Holding.')[0]).toMatchObject({ type: 'price_target', to: 850, currency: 'EUR' });
    expect(analystEvents('Analyst Actions Roundup: Barclays downgrades Hormel Foods to underweight')[0]).toMatchObject({ firm: 'Barclays', analyst: null });
  });
  it('gives a passive its agent: "by the bank", the firm of the note before when none is said, and a listed firm rated in the passive is the company', () => {
    expect(analystEvents('', 'Goldman Sachs turned cautious. UnitedHealth Group was cut to neutral from buy by the bank, which lowered its price target by $60 to $330.').map((e) => [e.type, e.ticker, e.firm])).toEqual([
      ['analyst_rating', 'UNH', 'Goldman Sachs'],
      ['price_target', 'UNH', 'Goldman Sachs'],
    ]);
    expect(analystEvents('', "Morgan Stanley's bank team made two moves. Citigroup was upgraded to overweight from equal-weight. U.S. Bancorp was cut to equal-weight from overweight.").map((e) => [e.ticker, e.firm, e.action])).toEqual([
      ['C', 'Morgan Stanley', 'upgrade'],
      ['USB', 'Morgan Stanley', 'downgrade'],
    ]);
    expect(analystEvents('', 'Apple was upgraded to buy.')[0]).toMatchObject({ ticker: 'AAPL', firm: null });
  });
  it('reads "left its $575 target unchanged" as a kept target and an unknown firm before ", which …" as the firm', () => {
    expect(analystEvents('', 'CrowdStrike rose. Morgan Stanley, which rates the stock overweight, left its $575 target unchanged.').find((e) => e.type === 'price_target')).toMatchObject({ ticker: 'CRWD', firm: 'Morgan Stanley', action: 'maintain', to: 575 });
    expect(analystEvents('', 'ASML rose. Degroof Petercam, which has an accumulate rating on the stock, kept its 850-euro target.').map((e) => [e.type, e.firm])).toEqual([['analyst_rating', 'Degroof Petercam'], ['price_target', 'Degroof Petercam']]);
    expect(analystEvents('', 'The CEO left the company to join a rival.')).toEqual([]);
  });
  it('gives no event for a company\'s goal for a metric or an action dated "back in March"', () => {
    for (const text of ['Salesforce lifted its fiscal 2027 target for adjusted operating margin to 34.5%.', 'The stock has gained about 20% since Wolfe Research upgraded Chewy back in March.']) expect(analystEvents('', text), text).toEqual([]);
  });
  it('reads the company as the subject of "stays at" and "starts at", the firm from the note before, and a target that rises by itself', () => {
    expect(pick(analystEvents('', 'In a note, Mizuho analyst Ingrid Vale rotated her preferences. Lam Research stays at outperform and its target rises to $115 from $105.'))).toEqual([
      { type: 'analyst_rating', ticker: 'LRCX', firm: 'Mizuho', analyst: null, action: 'maintain', ratingFrom: null, ratingTo: 'outperform' },
      { type: 'price_target', ticker: 'LRCX', firm: 'Mizuho', action: 'raise', from: 105, to: 115, currency: 'USD' },
    ].map((e, i) => (i === 0 ? { ...e, analyst: expect.anything() } : e)));
    expect(analystEvents('', 'HSBC launched coverage of European airlines. Ryanair Holdings starts at buy with a target price of €32.').map((e) => [e.type, e.company, e.firm])).toEqual([
      // "European airlines" is a group: its coverage event goes, as the airlines' own events follow.
      ['analyst_rating', 'Ryanair Holdings', 'HSBC'],
      ['price_target', 'Ryanair Holdings', 'HSBC'],
    ]);
    expect(analystEvents('', "Apple's sales target rose to $400 billion.")).toEqual([]);
  });
  it('drops a describing noun capitalised before a name and reads an analyst\'s name followed by an adverb', () => {
    expect(analystEvents('', 'Carmaker BYD (HKG: 1211) fell 2.1% after Macquarie cut it to neutral from outperform.')[0]).toMatchObject({ company: 'BYD', ticker: '1211.HK' });
    expect(analystEvents('', 'Bernstein analyst Lionel Grace cut Howmet Aerospace to market perform. In a note to clients, Grace nonetheless raised his price target on Howmet to $128 from $120.')[1]).toMatchObject({ type: 'price_target', firm: 'Bernstein', from: 120, to: 128 });
  });
  it('gives an action whose sentence names no firm the broker the text named before, and a firm\'s rating its one named analyst', () => {
    const text = "Scotiabank's energy analysts, led by Roland Ebbesen, swapped their favourite oil name on Wednesday. Chevron moves to sector outperform from sector perform, with the price target raised to $185 from $170. Exxon Mobil is cut to sector perform.";
    expect(analystEvents('', text).map((e) => [e.type, e.ticker, e.firm, (e as { analyst?: string | null }).analyst ?? '-'])).toEqual([
      ['analyst_rating', 'CVX', 'Scotiabank', 'Roland Ebbesen'],
      ['price_target', 'CVX', 'Scotiabank', '-'],
      ['analyst_rating', 'XOM', 'Scotiabank', 'Roland Ebbesen'],
    ]);
    // No analyst named: none is made up.
    expect(analystEvents('', 'Citi wrote on banks. Wells Fargo was cut to neutral.')[0]).toMatchObject({ firm: 'Citi', analyst: null });
    // No firm named before: none is made up.
    expect(analystEvents('', 'Apple was upgraded to buy. Citi said so.')[0]).toMatchObject({ firm: null });
  });
  it('reads a rating the firm holds, said inside a relative clause, a "with" phrase or a noun', () => {
    const rating = (text: string) => analystEvents('', text).filter((e) => e.type === 'analyst_rating').map((e) => [e.ticker, e.firm, (e as { ratingTo: string | null }).ratingTo]);
    expect(rating('CrowdStrike rose. Morgan Stanley, which rates the stock overweight, left its $575 target unchanged.')).toEqual([['CRWD', 'Morgan Stanley', 'overweight']]);
    expect(rating('Starbucks fell. JPMorgan, which is overweight on the shares, kept a $115 target.')).toEqual([['SBUX', 'JPMorgan', 'overweight']]);
    expect(rating('Apple fell. Wedbush raised its target to $350 from $325, with its outperform rating reiterated.')).toEqual([['AAPL', 'Wedbush', 'outperform']]);
    expect(rating('The week brought a reiteration of an equal weight rating from Wells Fargo on PepsiCo.')).toEqual([['PEP', 'Wells Fargo', 'equal weight']]);
    // A view in words, and a rating the firm used to hold, are not kept ratings.
    expect(rating('Acadia fell after a doctor on a Cowen panel who is negative on Pimavanserin spoke.')).toEqual([]);
    expect(rating('Hologic agreed to be taken private. The brokerage previously rated the shares in line with a $78 target.')).toEqual([]);
  });
  it('reads a dropped target as removed, a fair value as the target, and share prices in millions of won', () => {
    const targets = (text: string) => analystEvents('', text).filter((e) => e.type === 'price_target').map((e) => { const t = e as { action: string; from: number | null; to: number | null; currency: string }; return [t.action, t.from, t.to, t.currency]; });
    expect(targets('KeyBanc moved Advanced Micro Devices to sector weight from overweight, and dropped its $240 price target along with it.')).toEqual([['remove', 240, null, 'USD']]);
    expect(targets('KeyBanc dropped its target on Advanced Micro Devices to $200.')).toEqual([['lower', null, 200, 'USD']]);
    expect(targets('Kotak downgraded Asian Paints (NSE: ASIANPAINT) to sell and cut its fair value to Rs 2,150 from Rs 2,600.')).toEqual([['lower', 2600, 2150, 'INR']]);
    expect(targets('CLSA raised its target price for Samsung Biologics (KRX: 207940) to 1.3 million won from 1.15 million won.')).toEqual([['raise', 1150000, 1300000, 'KRW']]);
    expect(targets('Morningstar lowered its fair value estimate for Halliburton by $3 to $31 a share.')).toEqual([['lower', 34, 31, 'USD']]);
    expect(targets('Mizuho started Palantir at neutral with a $165 objective.')).toEqual([['initiate', null, 165, 'USD']]);
    // A billion in another currency is a deal's size, not a share price.
    expect(targets('Citi raised its target on Apple to $250 after a $1.4 billion deal.')).toEqual([['raise', null, 250, 'USD']]);
  });
  it('reads "began at", "opened at", "knocked X down to", a firm\'s possessive noun-form action and an analyst read as the firm', () => {
    const events = (text: string) => analystEvents('', text).map((e) => [e.type, e.ticker, e.firm, e.action]);
    expect(events('Klarna rose. J.P. Morgan began at overweight with a $50 target, while Morgan Stanley opened at equal-weight.')).toEqual([
      ['analyst_rating', 'KLAR', 'J.P. Morgan', 'initiate'],
      ['price_target', 'KLAR', 'J.P. Morgan', 'initiate'],
      ['analyst_rating', 'KLAR', 'Morgan Stanley', 'initiate'],
    ]);
    expect(events("It's Macquarie, which knocked Netflix (NFLX) down to neutral from outperform.")).toEqual([['analyst_rating', 'NFLX', 'Macquarie', 'downgrade']]);
    expect(events("Buried under the Nvidia news was Melius Research's upgrade of Advanced Micro Devices (AMD) to buy from hold.")).toEqual([['analyst_rating', 'AMD', 'Melius Research', 'upgrade']]);
    expect(events('Kasimir Oduya, who covers the company for DZ Bank, moved his rating on Adobe to hold from buy and cut his fair value to $410 from $520.')).toEqual([
      ['analyst_rating', 'ADBE', 'DZ Bank', 'downgrade'],
      ['price_target', 'ADBE', 'DZ Bank', 'lower'],
    ]);
    // Share prices open at figures, not ratings.
    expect(events('Klarna shares opened at $41 on their first day.')).toEqual([]);
  });
  it('blanks a capitals-only city dateline, reads no speaker as the firm, and takes an interview\'s firm from the title', () => {
    const events = (title: string, body: string) => extractEvents({ title, body }).filter((e) => e.type === 'analyst_rating' || e.type === 'price_target').map((e) => [e.type, e.ticker, e.company, e.firm]);
    expect(events('', 'FRANKFURT - Shares in SAP fell after the software group was downgraded to hold by Kepler Cheuvreux.')).toEqual([['analyst_rating', 'SAP', 'SAP', 'Kepler Cheuvreux']]);
    expect(events('Q&A with a chip-equipment analyst at Needham', 'Q: You upgraded Lam Research (LRCX) to buy this week. Why?')).toEqual([['analyst_rating', 'LRCX', 'Lam Research', 'Needham']]);
    // A ticker before a dash is no city.
    expect(events('', 'AMD - Citi upgraded the chipmaker to buy.')).toEqual([['analyst_rating', 'AMD', 'AMD', 'Citi']]);
  });
  it('reads "stays overweight", "the bank\'s rating remains buy", ", with an equal-weight rating," and a company that moves down, but no one\'s own view', () => {
    const events = (text: string) => analystEvents('', text).map((e) => [e.type, e.ticker, e.firm, e.action, (e as { ratingTo?: string | null }).ratingTo ?? (e as { to?: number | null }).to]);
    expect(events('KeyBanc reshuffled. Palo Alto Networks stays overweight, target raised to $235 from $220. Fortinet drops to underweight from sector weight.')).toEqual([
      ['analyst_rating', 'PANW', 'KeyBanc', 'maintain', 'overweight'],
      ['price_target', 'PANW', 'KeyBanc', 'raise', 235],
      ['analyst_rating', 'FTNT', 'KeyBanc', 'downgrade', 'underweight'],
    ]);
    expect(events('PayPal Holdings (NASDAQ: PYPL) slipped after BofA cut its price objective to $85 from $93; the bank\'s rating remains buy.')).toEqual([
      ['price_target', 'PYPL', 'BofA', 'lower', 85],
      ['analyst_rating', 'PYPL', 'BofA', 'maintain', 'buy'],
    ]);
    // "its" is the company this sentence named, not the one named the sentence before.
    expect(events('Best Buy rose after Citi upgraded it. Ulta Beauty added 2%; Morgan Stanley, with an equal-weight rating, raised its target to $560.').slice(1)).toEqual([
      ['analyst_rating', 'ULTA', 'Morgan Stanley', 'maintain', 'equal-weight'],
      ['price_target', 'ULTA', 'Morgan Stanley', 'raise', 560],
    ]);
    for (const text of ['Why Tesla Remains A Strong Buy.', 'He said he would stay neutral in a referendum.', 'Wells upgraded Chipotle. My own rating on the stock stays a sell.', 'Evercore ISI raised estimates for Marriott. Revenue in China remained negative.']) {
      expect(events(text).filter((e) => e[3] === 'maintain'), text).toEqual([]);
    }
  });
  it('reads ", with a buy rating on the stock,", "which it continues to rate outperform", "dropped from coverage" and "flipped X to buy from neutral"', () => {
    const events = (text: string) => analystEvents('', text).filter((e) => e.type === 'analyst_rating').map((e) => [e.ticker, e.firm, e.action, (e as { ratingTo: string | null }).ratingTo]);
    expect(events('Marvell jumped. Needham, with a buy rating on the stock, lifted its price target to $135.')).toEqual([['MRVL', 'Needham', 'maintain', 'buy']]);
    expect(events('Bernstein cut LVMH to market perform. Hermes, which it continues to rate outperform, saw its target raised.')[1]).toEqual(['HRMS.PA', 'Bernstein', 'maintain', 'outperform'].map((v, i) => (i === 0 ? expect.stringMatching(/^(?:HRMS|RMS)\.PA$/) : v)));
    expect(events('Booking Holdings was dropped from coverage by Susquehanna.')).toEqual([['BKNG', 'Susquehanna', 'terminate', null]]);
    expect(events("Goldman just flipped Lowe's to Buy from Neutral.")).toEqual([['LOW', 'Goldman', 'upgrade', 'buy']]);
  });
  it('reads a target "moving to" or that "stays at" a figure, and a figure after the noun in a sentence of its own', () => {
    const targets = (text: string) => analystEvents('', text).filter((e) => e.type === 'price_target').map((e) => { const t = e as { firm: string | null; action: string; from: number | null; to: number | null }; return [t.firm, t.action, t.from, t.to]; });
    expect(targets('Verizon was downgraded to underweight by Morgan Stanley, with the price target moving to $36 from $44.')).toEqual([['Morgan Stanley', 'lower', 44, 36]]);
    expect(targets('Airbnb was trimmed to hold by Loop Capital, though its target stays at $135.')).toEqual([['Loop Capital', 'maintain', null, 135]]);
    expect(targets('Etsy was lifted to neutral from underweight at JPMorgan. PT up to $64 from $48.')).toEqual([['JPMorgan', 'raise', 48, 64]]);
    expect(targets("Jefferies upgraded Caterpillar to buy (from hold). The brokerage's new target of $720 is up from $560.")).toEqual([['Jefferies', 'raise', 560, 720]]);
    // A company's own target that stays is no analyst's.
    expect(targets('Apple said its margin target stays at 45%.')).toEqual([]);
  });
  it('reads gapped objects: one verb, then each company with its own rating or figures', () => {
    const events = (text: string) => analystEvents('', text).map((e) => { const r = e as unknown as Record<string, unknown>; return [e.type === 'analyst_rating' ? 'R' : 'T', e.ticker, e.firm, r.action, r.ratingTo ?? r.to]; });
    expect(events('Wedbush initiated coverage of Texas Roadhouse with an Outperform rating and a $215 price target, Darden Restaurants at Outperform with a $230 target, and Wingstop with a Neutral rating and a $290 target.')).toEqual([
      ['R', 'TXRH', 'Wedbush', 'initiate', 'outperform'],
      ['T', 'TXRH', 'Wedbush', 'initiate', 215],
      ['R', 'DRI', 'Wedbush', 'initiate', 'outperform'],
      ['T', 'DRI', 'Wedbush', 'initiate', 230],
      ['R', 'WING', 'Wedbush', 'initiate', 'neutral'],
      ['T', 'WING', 'Wedbush', 'initiate', 290],
    ]);
    expect(events('Raymond James lowered its price target on Delta Air Lines by $7 to $68 and on United Airlines by $10 to $104.')).toEqual([
      ['T', 'DAL', 'Raymond James', 'lower', 68],
      ['T', 'UAL', 'Raymond James', 'lower', 104],
    ]);
    // A list of moves is no list of objects.
    expect(events('Citi raised its target on Apple to $250. Sony rose 2%, Nintendo fell 1% and Microsoft rose to $500.').map((e) => e[1])).toEqual(['AAPL']);
  });
  it('reads an interview: no speaker is a firm, the firm is the one the interview names, and "it" is the company just asked about', () => {
    const text = 'Q: Ayaka Morishita, you cover Japanese games for Mizuho Securities. You raised your target on Sony Group (6758.T) to 5,200 yen. A: The rating stays buy. Q: And Nintendo (7974.T)? A: We moved it to neutral from buy.';
    expect(analystEvents('', text).map((e) => [e.type, e.ticker, e.firm, e.action])).toEqual([
      ['price_target', '6758.T', 'Mizuho Securities', 'raise'],
      ['analyst_rating', '6758.T', 'Mizuho Securities', 'maintain'],
      ['analyst_rating', '7974.T', 'Mizuho Securities', 'downgrade'],
    ]);
  });
  it('gives no event for an action only thought of, and takes a broker the tables do not know from its own sentence', () => {
    for (const text of ['GUEST: I could see a couple of the big houses downgrading Apple if China comes in soft.', 'An analyst said a downgrade of Boeing was possible.', 'Citi could downgrade Apple next week.']) expect(analystEvents('', text), text).toEqual([]);
    const events = analystEvents('', 'Korea Investment & Securities raised its target for Samsung Electronics (005930.KS) to 125,000 won. In Taipei, Yuanta Securities initiated coverage of MediaTek (2454.TW) with a hold rating.');
    expect(events.map((e) => [e.ticker, e.firm])).toEqual([['005930.KS', 'Korea Investment & Securities'], ['2454.TW', 'Yuanta Securities']]);
  });
  it('reads "retaining a reduce rating", a removal of both rating and target, a figure owned by "the firm", and no action by nobody or last year', () => {
    const events = (text: string) => analystEvents('', text).map((e) => { const r = e as unknown as Record<string, unknown>; return [e.type === 'analyst_rating' ? 'R' : 'T', e.ticker, e.firm, r.action, r.ratingTo ?? r.to ?? r.from ?? null]; });
    expect(events('Infosys rose. Kotak Institutional Equities was less upbeat, retaining a reduce rating on Infosys (NSE: INFY).')).toEqual([['R', 'INFY.NS', 'Kotak Institutional Equities', 'maintain', 'reduce']]);
    expect(events('Evercore ISI suspended its rating and price target on Hologic Inc after the buyout.').map((e) => [e[0], e[3]])).toEqual([['R', 'terminate'], ['T', 'remove']]);
    expect(events('MoffettNathanson cut Roku Inc. (NASDAQ: ROKU) to neutral. The firm\'s new $92 target, down from $110, is in line with the shares.')[1]).toEqual(['T', 'ROKU', 'MoffettNathanson', 'lower', 92]);
    expect(events('Melius Research\'s Fiona Hartley cut Microsoft to hold from buy. Her new target of $480 is below her old $600.')[1]).toEqual(['T', 'MSFT', 'Melius Research', 'lower', 480]);
    for (const text of ['Nobody upgraded or downgraded anything we follow.', 'The brokerage, which downgraded Hasbro in March of last year, estimated tariffs.']) expect(events(text), text).toEqual([]);
  });
  it('reads a bare "PT $560" after the rating, "discontinuing research coverage of" a list with the rating it had, and firms without a leading "The"', () => {
    const events = (text: string) => analystEvents('', text).map((e) => { const r = e as unknown as Record<string, unknown>; return [e.type === 'analyst_rating' ? 'R' : 'T', e.ticker, e.firm, r.action, r.ratingFrom ?? r.to ?? null]; });
    expect(events('Evercore ISI initiates CrowdStrike Holdings (CRWD) at Outperform, PT $560.')).toEqual([['R', 'CRWD', 'Evercore ISI', 'initiate', null], ['T', 'CRWD', 'Evercore ISI', 'initiate', 560]]);
    expect(events('Oppenheimer is discontinuing research coverage of AMC Networks and Lionsgate Studios. Oppenheimer previously rated both companies Perform.')).toEqual([
      ['R', 'AMCX', 'Oppenheimer', 'terminate', 'perform'],
      ['R', 'LION', 'Oppenheimer', 'terminate', 'perform'],
    ]);
    expect(events('The Benchmark Company raised its price target on IonQ (NYSE: IONQ) to $90 from $70.')).toEqual([['T', 'IONQ', 'Benchmark Company', 'raise', 90]]);
  });
  it('reads the company a relative clause hangs on, earlier figures after "respectively", and a firm named inside another', () => {
    const events = (text: string) => analystEvents('', text).map((e) => { const r = e as unknown as Record<string, unknown>; return [e.type === 'analyst_rating' ? 'R' : 'T', e.ticker, e.firm, r.action, r.from ?? r.ratingFrom ?? null]; });
    expect(events('The bank was less kind to Target Corp, which it downgraded to underperform from neutral while cutting its price target to $85 from $110; the retailer is losing share to Walmart and Amazon.').slice(-2)).toEqual([
      ['R', 'TGT', null, 'downgrade', 'neutral'],
      ['T', 'TGT', null, 'lower', 110],
    ]);
    expect(events('Jefferies lowered its price targets on Ford Motor and General Motors to $10 and $58, respectively, from $12 and $65.')).toEqual([
      ['T', 'F', 'Jefferies', 'lower', 12],
      ['T', 'GM', 'Jefferies', 'lower', 65],
    ]);
    expect(events('SoftBank Group (TSE: 9984) fell after Mitsubishi UFJ Morgan Stanley Securities cut it to neutral from overweight.')[0]).toEqual(['R', '9984.T', 'Mitsubishi UFJ Morgan Stanley Securities', 'downgrade', 'overweight']);
  });
  it('never reads another firm of the sentence as the company', () => {
    const text = 'Walt Disney ($DIS) divides the Street. This week RBC Capital reiterated its sector perform rating, HSBC kept its reduce rating while trimming its target to $92 from $98, and Rosenblatt Securities launched coverage at buy.';
    expect(new Set(analystEvents('', text).map((e) => e.ticker))).toEqual(new Set(['DIS']));
  });
  it('names the company a carried-over description stands for', () => {
    const events = analystEvents('', 'Lululemon Athletica shares fell. Jefferies, which has a hold rating on the stock, lowered its price target to $260. Stifel kept its buy rating but cut its target to $330 from $380.');
    expect(events.filter((e) => e.firm === 'Stifel').map((e) => [e.ticker, e.company])).toEqual([['LULU', 'Lululemon Athletica'], ['LULU', 'Lululemon Athletica']]);
  });
  it('reads a move "to not rated" as the end of the rating, with the rating it had', () => {
    expect(analystEvents('', 'Wolfe Research moves Snap Inc (SNAP) to Not Rated from Peer Perform as its analyst leaves.')).toMatchObject([{ ticker: 'SNAP', firm: 'Wolfe Research', action: 'terminate', ratingFrom: 'peer perform' }]);
    expect(analystEvents('Goldman Sachs Moves AmerisourceBergen to Not Rated as Firm Acting as Financial Adviser')).toMatchObject([{ firm: 'Goldman Sachs', action: 'terminate' }]);
  });
  it('gives no event for a writer\'s own view, things upgraded, an index or a country read as a company, counted groups, and an earlier year\'s action', () => {
    for (const text of [
      "I'm upgrading my own view of Pfizer to a buy.",
      'Starbucks said it expects to upgrade about 2,500 North American cafes.',
      'Fewer than a quarter of agencies planned to upgrade to Adobe\'s more expensive plans.',
      'The Nikkei share average closed 0.4% lower on Friday.',
      'Shares of the largest U.S. maker of castings fell after the stock was cut to market perform by Bernstein.',
      'Goldman Sachs downgraded Moderna to sell in early 2024. The company aims to break even in 2028.',
    ]) expect(analystEvents('', text), text).toEqual([]);
    expect(analystEvents('Oppenheimer Discontinues Coverage of Three Media Companies')).toMatchObject([{ company: null, action: 'terminate' }]);
    expect(analystEvents('', 'Goldman Sachs downgraded Moderna to sell in 2026.')).toHaveLength(1);
  });
  it('reads "Assumes X to Buy" and a time word before the noun "downgrade", which is no part of the firm', () => {
    expect(analystEvents('Guggenheim Assumes Advance Auto Parts to Buy')).toMatchObject([{ ticker: 'AAP', firm: 'Guggenheim', action: 'initiate', ratingTo: 'buy' }]);
    expect(analystEvents('ABB Shares Tumble Following Report of Mid-Day Downgrade to Sell at UBS')).toMatchObject([{ firm: 'UBS', action: 'downgrade', ratingTo: 'sell' }]);
    expect(analystEvents('Following RBC Capital Earlier Downgrade, ABB Ltd Shares Slip')).toMatchObject([{ firm: 'RBC Capital', action: 'downgrade' }]);
  });
  it('reads a later verb of the opening firm with a figure and no noun, names without "Common Stock", "CL-Buy", and no company in a commodity', () => {
    expect(analystEvents('Morgan Stanley Upgrades AmerisourceBergen Corporation Common Stock to Overweight, Raises to $86.00').map((e) => [e.type, e.company, (e as { to?: number }).to ?? null])).toEqual([
      ['analyst_rating', 'AmerisourceBergen Corporation', null],
      ['price_target', 'AmerisourceBergen Corporation', 86],
    ]);
    expect(analystEvents('Goldman Sachs Downgrades AmerisourceBergen from CL-Buy to Neutral')[0]).toMatchObject({ ratingFrom: 'cl-buy', ratingTo: 'neutral' });
    expect(analystEvents('Jefferies Raises Price Target On Gold to $1400')).toEqual([]);
    // A share price that rose to a figure is no target.
    expect(analystEvents('', 'Citi upgraded Apple to buy. Shares rose to $200.').map((e) => e.type)).toEqual(['analyst_rating']);
  });
  it('reads "X\'s initiation of Y at R" and a target owned after the noun in the rating\'s own sentence', () => {
    expect(analystEvents('', "Also notable: Mizuho's initiation of Rivian at outperform with a $20 target.").map((e) => [e.type, e.ticker, e.firm, e.action])).toEqual([
      ['analyst_rating', 'RIVN', 'Mizuho', 'initiate'],
      ['price_target', 'RIVN', 'Mizuho', 'initiate'],
    ]);
    expect(analystEvents('', "Jefferies' upgrade of Caterpillar to buy (from hold) is the call of the week; the brokerage's new target of $720 is up from $560.")[1]).toMatchObject({ type: 'price_target', ticker: 'CAT', action: 'raise', from: 560, to: 720 });
  });
  it('gives a speaker\'s action the one firm the text names, even after it, and a writer\'s own call no event', () => {
    const interview = "Q: You downgraded Deckers Outdoor (DECK) to equal weight from overweight this week. What changed? A: Hoka growth. Q: Remind us where you are. A: I'm Hollis Vandermeer, and I cover footwear at Wells Fargo.";
    expect(analystEvents('', interview)).toMatchObject([{ ticker: 'DECK', firm: 'Wells Fargo', action: 'downgrade', ratingTo: 'equal weight' }]);
    // A pronoun with its verb is never a firm's name, and a writer speaking for no firm gives an opinion.
    expect(analystEvents('', "I've rated Costco a hold here for years. Today I'm upgrading it to a buy in my model portfolio, with a personal target of $1,150.")).toEqual([]);
    expect(analystEvents('', "It's worth remembering that in late 2022 a dozen brokers cut Meta Platforms to neutral. Capex for 2027 could top $150 billion.")).toEqual([]);
  });
  it('reads the target before when said after the new one, and a rating after "from" as the rating left', () => {
    expect(analystEvents('', 'Diamondback Energy: Mizuho upgraded to outperform from neutral, $185 target (was $160).')[1]).toMatchObject({ type: 'price_target', action: 'raise', from: 160, to: 185 });
    expect(analystEvents('', "HSBC upgraded Uber Technologies to buy. The bank's new $118 target (up from $64) implies upside.")[1]).toMatchObject({ type: 'price_target', action: 'raise', from: 64, to: 118 });
    expect(pick(analystEvents('', 'HSBC upgraded Uber Technologies, straight from reduce to buy.'))).toEqual([
      { type: 'analyst_rating', ticker: 'UBER', firm: 'HSBC', analyst: null, action: 'upgrade', ratingFrom: 'reduce', ratingTo: 'buy' },
    ]);
  });
  it('reads a broadcast\'s spoken figures and spelled tickers, and a possessive inside a name', () => {
    expect(pick(analystEvents('', 'GUEST: First one, Truist upgrading Whirlpool, W-H-R, to buy. Price target goes to a hundred and ten from ninety-two.'))).toEqual([
      { type: 'analyst_rating', ticker: 'WHR', firm: 'Truist', analyst: null, action: 'upgrade', ratingFrom: null, ratingTo: 'buy' },
      { type: 'price_target', ticker: 'WHR', firm: 'Truist', action: 'raise', from: 92, to: 110, currency: 'USD' },
    ]);
    expect(analystEvents('', "Stifel upgraded Domino's Pizza to buy.")).toMatchObject([{ ticker: 'DPZ', company: "Domino's Pizza", ratingTo: 'buy' }]);
  });
  it('keeps a home listing the text writes with its venue, and knows the brokers of other markets', () => {
    const text = 'UBS downgraded Novo Nordisk (NOVO-B.CO) to neutral from buy. Separately, Motilal Oswal maintained buy on Reliance Industries (RELIANCE.NS) with a target price of Rs 1,950.';
    expect(pick(analystEvents('', text))).toEqual([
      { type: 'analyst_rating', ticker: 'NOVO-B.CO', firm: 'UBS', analyst: null, action: 'downgrade', ratingFrom: 'buy', ratingTo: 'neutral' },
      { type: 'analyst_rating', ticker: 'RELIANCE.NS', firm: 'Motilal Oswal', analyst: null, action: 'maintain', ratingFrom: null, ratingTo: 'buy' },
      { type: 'price_target', ticker: 'RELIANCE.NS', firm: 'Motilal Oswal', action: 'maintain', from: null, to: 1950, currency: 'INR' },
    ]);
  });
  it('reads a rating and a target said as fields of a note', () => {
    expect(pick(analystEvents('', 'Morgan Stanley - Amazon.com Inc (AMZN). Rating: Overweight (unchanged). Price target: $300 (from $285). Key points: AWS growth.'))).toEqual([
      { type: 'analyst_rating', ticker: 'AMZN', firm: 'Morgan Stanley', analyst: null, action: 'maintain', ratingFrom: null, ratingTo: 'overweight' },
      { type: 'price_target', ticker: 'AMZN', firm: 'Morgan Stanley', action: 'raise', from: 285, to: 300, currency: 'USD' },
    ]);
    expect(analystEvents('', 'Citi analyst Ramona Estevez-Park lifts her Visa Inc (V) target to $410 from $385. Rating unchanged at Buy.')[1]).toMatchObject({ type: 'analyst_rating', ticker: 'V', firm: 'Citi', analyst: 'Ramona Estevez-Park', action: 'maintain', ratingTo: 'buy' });
    expect(analystEvents('', 'Jefferies on Nike (NKE). Recommendation: Buy (from Hold).')).toMatchObject([{ ticker: 'NKE', firm: 'Jefferies', action: 'upgrade', ratingFrom: 'hold', ratingTo: 'buy' }]);
    // No firm anywhere: a field is nobody's rating.
    expect(analystEvents('', 'Nike (NKE) notes. Rating: Buy.')).toEqual([]);
  });
  it('gives each of two firms its own figure said "respectively", and a firm before ", which" the relative clause\'s action', () => {
    expect(analystEvents('', 'Walt Disney Co (NYSE: DIS) was unchanged even as Goldman Sachs and Rosenblatt raised their targets to $140 and $132, respectively.').map((e) => [e.firm, (e as { to?: number }).to])).toEqual([['Rosenblatt', 132], ['Goldman Sachs', 140]]);
    const wrap = 'Dexcom (NASDAQ: DXCM) tumbled 11%; at least four brokers lowered targets, including Piper Sandler, which moved to $72 from $95, and Baird, which went to $70 from $88.';
    expect(analystEvents('', wrap).map((e) => [e.firm, (e as { from?: number }).from, (e as { to?: number }).to])).toEqual([['Piper Sandler', 95, 72], ['Baird', 88, 70]]);
  });
  it('gives each company of a list after the verb its own figures, and takes a ticker in parentheses for no other company\'s name', () => {
    const text = 'Jefferies cut price targets on several homebuilders: D.R. Horton (DHI) to $150 from $170 and Lennar (LEN) to $112 from $125.';
    expect(analystEvents('', text).map((e) => [e.ticker, (e as { from?: number }).from, (e as { to?: number }).to])).toEqual([['DHI', 170, 150], ['LEN', 125, 112]]);
    expect(extractAnalysis({ body: text }).tickers).toEqual(['DHI', 'LEN']);
  });
  it('takes a symbol written with a venue outside the US as the company\'s, never as the US company of that ticker', () => {
    const text = 'Canadian National Railway (TSX: CNR) lost 1.4% after Desjardins Securities cut the railroad to hold from buy.';
    expect(analystEvents('', text)).toMatchObject([{ ticker: 'CNR', company: 'Canadian National Railway', firm: 'Desjardins Securities', action: 'downgrade' }]);
  });
  it('reads a second rating named before its company ("and its buy rating on GM")', () => {
    expect(analystEvents('', 'Morgan Stanley kept its overweight rating on Apple and its equal-weight rating on Dell Technologies.').map((e) => [e.ticker, (e as { ratingTo?: string }).ratingTo])).toEqual([['AAPL', 'overweight'], ['DELL', 'equal-weight']]);
  });
  it('never takes a firm named as the company acted on for "the brokerage", and reads a Reuters code between the verb and the rating', () => {
    expect(analystEvents('', 'Morgan Stanley downgraded Wells Fargo to equal weight. The brokerage kept its price target at $92.')[1]).toMatchObject({ type: 'price_target', ticker: 'WFC', firm: 'Morgan Stanley', to: 92 });
    expect(analystEvents('', 'KBW downgraded Truist Financial <TFC.N> to market perform. The brokerage lifted Regions Financial <RF.N> to outperform from market perform.')[1]).toMatchObject({ ticker: 'RF', firm: 'KBW', action: 'upgrade', ratingFrom: 'market perform', ratingTo: 'outperform' });
  });
  it('gives the person the sentence before named the firm of "The <firm> analyst" that opens the next', () => {
    const text = 'Unilever has a new fan in Helena Kessler. The Redburn Atlantic analyst, who covers consumer staples, turned positive on Monday. Kessler raised her target price to 5,600 pence from 4,700 pence.';
    expect(analystEvents('', text)).toMatchObject([{ type: 'price_target', firm: 'Redburn Atlantic', action: 'raise', from: 47, to: 56, currency: 'GBP' }]);
  });
  it('reads a description in everyday words as the company the text named, not another it never names', () => {
    expect(analystEvents('', 'Piper Sandler upgraded Etsy on Tuesday. The firm set a $75 price target on the online marketplace.').map((e) => e.ticker)).toEqual(['ETSY', 'ETSY']);
    // A description with a brand in it still names its company.
    expect(analystEvents('', 'Shares of Nike rose. Meanwhile Citi upgraded the iPhone maker to buy.')[0]).toMatchObject({ ticker: 'AAPL' });
  });
  it('takes the direction of a move to a rating from the firm\'s changed stance when the rating left is unsaid', () => {
    expect(analystEvents('', 'Analysts at UBS turned more cautious on Apple, moving the iPhone maker to neutral.')).toMatchObject([{ ticker: 'AAPL', firm: 'UBS', action: 'downgrade', ratingTo: 'neutral' }]);
    expect(analystEvents('', 'Goldman grew more bullish on Nike, moving the sneaker maker to buy.')).toMatchObject([{ ticker: 'NKE', action: 'upgrade', ratingTo: 'buy' }]);
    // With no stance, a move to one end of the scale came from the other side (set C's 'moved to buy' was labelled an upgrade).
    expect(analystEvents('', 'Goldman moved Nike to buy.')).toMatchObject([{ ticker: 'NKE', action: 'upgrade', ratingTo: 'buy' }]);
  });
  it('reads "to a \'buy\' rating", a price objective before its noun, and the rating left said in the next sentence', () => {
    expect(analystEvents('', "Daiwa raised Sony Group to a 'buy' rating.")).toMatchObject([{ ticker: 'SONY', action: 'upgrade', ratingTo: 'buy' }]);
    expect(analystEvents('', 'BofA Global Research reinstated coverage of Intel with an underperform rating and a $19 price objective.')[1]).toMatchObject({ type: 'price_target', action: 'initiate', to: 19 });
    expect(analystEvents('', 'Needham downgraded Roku to hold. Needham analyst Laura Martin previously had a buy rating on the stock.')).toMatchObject([{ ticker: 'ROKU', action: 'downgrade', ratingFrom: 'buy', ratingTo: 'hold' }]);
  });
  it('reads a run-on list of "Company: firm …" items split by semicolons, and a rating kept after the fact', () => {
    const text = 'Exxon Mobil: TD Cowen trimmed its target to $128 from $132, hold kept; Diamondback Energy: Mizuho upgraded to outperform from neutral, $185 target (was $160).';
    expect(analystEvents('', text).map((e) => [e.type, e.ticker, e.firm, e.action])).toEqual([
      ['analyst_rating', 'XOM', 'TD Cowen', 'maintain'],
      ['price_target', 'XOM', 'TD Cowen', 'lower'],
      ['analyst_rating', 'FANG', 'Mizuho', 'upgrade'],
      ['price_target', 'FANG', 'Mizuho', 'raise'],
    ]);
    expect(analystEvents('', 'Zimmer Biomet (ZBH): Morgan Stanley PT to $104 from $110, equal-weight maintained.').map((e) => [e.type, e.action, (e as { ratingTo?: string }).ratingTo ?? (e as { to?: number }).to])).toEqual([
      ['analyst_rating', 'maintain', 'equal-weight'],
      ['price_target', 'lower', 104],
    ]);
    expect(analystEvents('Credit Suisse Raises Price Target on Barrick Gold from $9 to $10, Neutral Rating Maintained').map((e) => e.type)).toEqual(['price_target', 'analyst_rating']);
  });
  it('names a company the text gives only by its ticker', () => {
    expect(analystEvents('', '$HOOD coverage update: Needham reiterates Buy.')).toMatchObject([{ ticker: 'HOOD', company: 'Robinhood', firm: 'Needham' }]);
    expect(analystEvents('KBW Maintains MP Rating, $24 PT On Shares Of AB')[0]).toMatchObject({ ticker: 'AB', company: 'Alliancebernstein' });
  });
  it('reads a social thread: the one cashtag is the company, "MS" and "GS" the firms they stand for, "PT to $9 from $15"', () => {
    const thread = '@user1: $RIVN getting crushed, what happened\n@user2: MS cut to UW from EW, PT to $9 from $15\n@user1: oof.';
    expect(analystEvents('', thread).map((e) => [e.type, e.ticker, e.firm, e.action, (e as { from?: number }).from ?? null])).toEqual([
      ['analyst_rating', 'RIVN', 'Morgan Stanley', 'downgrade', null],
      ['price_target', 'RIVN', 'Morgan Stanley', 'lower', 15],
    ]);
    expect(analystEvents('', '$ENPH double downgrade at GS: Buy straight to Sell.')).toMatchObject([{ ticker: 'ENPH', firm: 'Goldman Sachs', action: 'downgrade', ratingTo: 'sell' }]);
  });
});

describe('ratings kept after the fact, priors said another way, and no firm', () => {
  it('reads a kept rating written before its passive verb', () => {
    expect(analystEvents('', 'Outperform reiterated on Broadcom at Bernstein.')).toMatchObject([{ ticker: 'AVGO', firm: 'Bernstein', action: 'maintain', ratingTo: 'outperform' }]);
    expect(pick(analystEvents('', 'BofA Buy reiterated on Nvidia, PO $275 unch.'))).toEqual([
      { type: 'analyst_rating', ticker: 'NVDA', firm: 'BofA', analyst: null, action: 'maintain', ratingFrom: null, ratingTo: 'buy' },
      { type: 'price_target', ticker: 'NVDA', firm: 'BofA', action: 'maintain', from: null, to: 275, currency: 'USD' },
    ]);
  });
  it('takes the prior target from "against $80 previously" and "(was $250)"', () => {
    expect(analystEvents('', 'Citi set a price target of $98 on Best Buy, against $80 previously.')).toMatchObject([{ type: 'price_target', action: 'raise', from: 80, to: 98 }]);
    expect(analystEvents('', "Goldman upgraded Lowe's to buy, PT $285 (was $250).")[1]).toMatchObject({ type: 'price_target', action: 'raise', from: 250, to: 285 });
  });
  it('reads a rating kept after a target move: "Still neutral.", "both still rated hold", "(equal weight, unchanged)", "on both"', () => {
    expect(analystEvents('', 'JPMorgan cut its Wells Fargo target to $90 from $95. Still neutral.').map((e) => [e.type, e.ticker, e.action])).toEqual([
      ['price_target', 'WFC', 'lower'], ['analyst_rating', 'WFC', 'maintain'],
    ]);
    const both = analystEvents('', 'Jefferies lowered price targets on D.R. Horton (DHI) to $150 from $170 and Lennar (LEN) to $112 from $125, both still rated hold.');
    expect(both.filter((e) => e.type === 'analyst_rating').map((e) => [e.ticker, (e as { ratingTo?: string }).ratingTo])).toEqual([['DHI', 'hold'], ['LEN', 'hold']]);
    expect(analystEvents('', "Expedia's target was cut to $190 from $215 at Barclays (equal weight, unchanged).")[1]).toMatchObject({ type: 'analyst_rating', ticker: 'EXPE', firm: 'Barclays', ratingTo: 'equal weight' });
    const airlines = analystEvents('', 'Raymond James lowered its price target on Delta Air Lines by $7 to $68 and on United Airlines by $10 to $104, keeping strong buy ratings on both.');
    expect(airlines.filter((e) => e.type === 'analyst_rating').map((e) => e.ticker)).toEqual(['DAL', 'UAL']);
  });
  it("gives no event for a writer's own target or for a group of unnamed brokers", () => {
    expect(analystEvents('', "Insiders are buying Target - meanwhile I'm upgrading my own PT to $130.")).toEqual([]);
    expect(analystEvents('Darden beats; Olive Garden owner\'s target raised at two brokers')).toEqual([]);
    expect(analystEvents("3 Apple Analysts Lift Price Targets: Why They're Optimistic On iPhone's Trajectory")).toEqual([]);
    expect(analystEvents('', 'Dexcom fell 11%. At least four brokers lowered targets, including Piper Sandler, which moved to $72 from $95.')).toMatchObject([{ ticker: 'DXCM', firm: 'Piper Sandler', from: 95, to: 72 }]);
  });
  it('reads "The downgrade of X to neutral at Baird" as this text\'s news, and an aside\'s past as its own', () => {
    expect(analystEvents('', 'The downgrade of Chipotle to neutral at Baird comes with a target cut to $50 from $60.').map((e) => [e.type, e.ticker, e.action])).toEqual([
      ['analyst_rating', 'CMG', 'downgrade'], ['price_target', 'CMG', 'lower'],
    ]);
    expect(analystEvents('', 'The downgrade would not affect its liquidity.')).toEqual([]);
    const text = 'Melius Research upgraded AMD to buy. Analyst Bertrand Kaszuba-Reyes, who was cautious on the chipmaker last year, lifted his price target to $300 from $210.';
    expect(analystEvents('', text)[1]).toMatchObject({ type: 'price_target', firm: 'Melius Research', from: 210, to: 300 });
    expect(analystEvents('', 'Goldman, which had cut Apple to sell last year, upgraded it to buy.')).toMatchObject([{ ticker: 'AAPL', action: 'upgrade', ratingTo: 'buy' }]);
  });
  it('reads a standing rating with "still", a move "down to" a rating, and the rating a spoken note says it had', () => {
    expect(pick(analystEvents('', 'Wells Fargo still UW on Carvana, PT $150.'))).toEqual([
      { type: 'analyst_rating', ticker: 'CVNA', firm: 'Wells Fargo', analyst: null, action: 'maintain', ratingFrom: null, ratingTo: 'uw' },
      { type: 'price_target', ticker: 'CVNA', firm: 'Wells Fargo', action: 'maintain', from: null, to: 150, currency: 'USD' },
    ]);
    expect(analystEvents('', 'At Bank of America, she took Chewy down to neutral.')).toMatchObject([{ ticker: 'CHWY', action: 'downgrade', ratingTo: 'neutral' }]);
    expect(analystEvents('', 'Investors take Apple to buy.')).toEqual([]);
    expect(analystEvents('', 'Truist upgrading Whirlpool to buy. They had it at hold.')).toMatchObject([{ ticker: 'WHR', action: 'upgrade', ratingFrom: 'hold', ratingTo: 'buy' }]);
    expect(analystEvents('', 'A buy rating on Axon Enterprise (AXON) was reiterated on Friday by Needham, whose analyst raised her price target to $720 from $640.').map((e) => [e.type, e.action, (e as { ratingTo?: string }).ratingTo ?? (e as { to?: number }).to])).toEqual([
      ['analyst_rating', 'maintain', 'buy'], ['price_target', 'raise', 720],
    ]);
  });
  it('reads a target moved "down to", companies counted back ("the two miners"), and a prior called "her old $600"', () => {
    expect(analystEvents('', 'Bank of America took its Intel price target down to $19 from $24.')).toMatchObject([{ type: 'price_target', ticker: 'INTC', action: 'lower', from: 24, to: 19 }]);
    expect(analystEvents('', 'Etsy was lifted to neutral at JPMorgan; PT up to $64 from $48.')[1]).toMatchObject({ type: 'price_target', action: 'raise', from: 48, to: 64 });
    const miners = analystEvents('', 'MARA Holdings lost 8% and Riot Platforms 6.5% after Compass Point lowered its price targets on the two miners to $14 and $11, respectively.');
    expect(miners.map((e) => [e.ticker, (e as { to?: number }).to])).toEqual([['MARA', 14], ['RIOT', 11]]);
    expect(analystEvents('', "Melius Research's Fiona Hartley cut Microsoft to hold from buy. Her new target of $480 is below her old $600.")[1]).toMatchObject({ type: 'price_target', action: 'lower', from: 600, to: 480 });
  });
  it('reads an ended coverage as the rating and target it leaves, and an analyst act as no move of the shares', () => {
    expect(pick(analystEvents('', 'Beyond Meat lost one of its last analysts when Mizuho dropped coverage. The bank had an underperform and a $1 target on the shares.'))).toEqual([
      { type: 'analyst_rating', ticker: 'BYND', firm: 'Mizuho', analyst: null, action: 'terminate', ratingFrom: 'underperform', ratingTo: null },
      { type: 'price_target', ticker: 'BYND', firm: 'Mizuho', action: 'remove', from: 1, to: null, currency: 'USD' },
    ]);
    expect(analystEvents('', 'Baird discontinued coverage of Peloton Interactive, removing its neutral rating and $7 price target.')[0]).toMatchObject({ action: 'terminate', ratingFrom: 'neutral', ratingTo: null });
    expect(extractEvents({ body: 'Mizuho dropped coverage of Beyond Meat.' }).map((e) => e.type)).toEqual(['analyst_rating']);
  });
  it('reads a listing code between verb and rating, and "Luxury group LVMH" as LVMH', () => {
    expect(analystEvents('', 'The brokerage also cut Alibaba Group (9988.HK) to equal-weight from overweight at Morgan Stanley.')[0]).toMatchObject({ ticker: '9988.HK', action: 'downgrade', ratingTo: 'equal-weight' });
    expect(analystEvents('', 'Dec 4 - Luxury group LVMH Moet Hennessy Louis Vuitton (EPA: MC) was cut to underperform at BNP Paribas Exane.')[0]).toMatchObject({ company: 'LVMH Moet Hennessy Louis Vuitton', action: 'downgrade' });
    expect(analystEvents('', 'Hormel got whacked again today. Barclays trimmed its PT by $3 to $24.')).toMatchObject([{ ticker: 'HRL', action: 'lower', from: 27, to: 24 }]);
  });
  it('gives a figure to the company named before it, reads "target is $140", an arrow, "(Buy)" and "where she is Neutral"', () => {
    const chips = analystEvents('', 'Arm Holdings (NASDAQ: ARM) edged up 0.9% after TD Cowen initiated coverage with a buy rating and a $190 price target, while Qualcomm (NASDAQ: QCOM) lost 2.3% after a downgrade at Bernstein to underperform; Bernstein\'s new target is $140, down from $175.');
    expect(chips.filter((e) => e.type === 'price_target').map((e) => [e.ticker, (e as { from?: number }).from, (e as { to?: number }).to])).toEqual([['ARM', null, 190], ['QCOM', 175, 140]]);
    expect(analystEvents('', '$HOOD coverage update: Needham reiterates Buy, PT $160 -> $175.')[1]).toMatchObject({ type: 'price_target', action: 'raise', from: 160, to: 175 });
    const cards = analystEvents('', 'Citi analyst Ramona Estevez-Park lifts her Visa Inc (V) target to $410 from $385. Rating unchanged at Buy. She also raises the Mastercard Inc (MA) target to $680 from $655 (Buy). No changes to estimates for American Express (AXP), where she is Neutral.');
    expect(cards.filter((e) => e.type === 'analyst_rating').map((e) => [e.ticker, (e as { ratingTo?: string }).ratingTo])).toEqual([['V', 'buy'], ['MA', 'buy'], ['AXP', 'neutral']]);
  });
  it('reads no firm in a hyphenated surname, no company in a speaker tag, and no act of "everyone"', () => {
    const text = 'Desjardins Capital Markets initiated coverage of Dollarama (TSX: DOL) with a Buy rating. Analyst Elodie Marchetti-Baird also reiterated a Hold rating on Alimentation Couche-Tard.';
    expect(analystEvents('', text).map((e) => e.firm)).toEqual(['Desjardins Capital Markets', 'Desjardins Capital Markets']);
    expect(analystEvents('Remember when everyone downgraded Meta?')).toEqual([]);
    const show = 'ANCHOR: Joining us now is Priscilla Nakamura-Voss, restaurant analyst at Stifel, who this morning upgraded Domino\'s Pizza to buy. NAKAMURA-VOSS: We\'d been at hold.';
    expect(pick(analystEvents('', show))).toEqual([{ type: 'analyst_rating', ticker: 'DPZ', firm: 'Stifel', analyst: 'Priscilla Nakamura-Voss', action: 'upgrade', ratingFrom: 'hold', ratingTo: 'buy' }]);
  });
  it('reads a standing rating said with "has": "Scotia Capital Has Sector Perform on Barrick Gold"', () => {
    expect(analystEvents('Scotia Capital Has Sector Perform on Barrick Gold')).toMatchObject([{ firm: 'Scotia Capital', action: 'maintain', ratingTo: 'sector perform' }]);
    expect(analystEvents('', 'Apple has Neutral on its mind.')).toEqual([]);
  });
  it('reads a move to one end of the scale, a rating held "up from" another, and a prior from an exact percent', () => {
    expect(analystEvents('', 'Wells Fargo moved Apple to underweight.')).toMatchObject([{ ticker: 'AAPL', action: 'downgrade', ratingTo: 'underweight' }]);
    expect(analystEvents('', 'Wells Fargo moved Apple to neutral.')).toEqual([]);
    expect(analystEvents('', 'Bernstein now rates Starbucks outperform, up from market perform.')).toMatchObject([{ action: 'upgrade', ratingFrom: 'market perform', ratingTo: 'outperform' }]);
    expect(analystEvents('', 'Evercore ISI trimmed its price objective for Intel by 10% to $27.')).toMatchObject([{ action: 'lower', from: 30, to: 27 }]);
    expect(analystEvents('', 'Citi raised its Apple target by 12% to $95.')).toMatchObject([{ action: 'raise', from: null, to: 95 }]);
  });
  it('reads a rating given in a participle, and a target said as where a firm sees the shares going', () => {
    expect(analystEvents('', 'Truist Securities started coverage on Vertiv, rating the stock buy with a $160 price target.')[0]).toMatchObject({ action: 'initiate', ratingTo: 'buy' });
    expect(analystEvents('', 'Analysts at Jefferies now see Nike shares hitting $90, down from their prior forecast of $105.')).toMatchObject([{ type: 'price_target', ticker: 'NKE', firm: 'Jefferies', action: 'lower', from: 105, to: 90 }]);
    expect(analystEvents('', 'Nike shares at $90 look cheap, says a fund manager who expects the stock at $120.')).toEqual([]);
  });
  it('reads a rating moved by a verb whose target noun comes after it, and a high-conviction rating', () => {
    expect(pick(analystEvents('', 'UBS cut Nestle to sell with a target price of CHF 78.'))).toEqual([
      { type: 'analyst_rating', ticker: 'NESN.S', firm: 'UBS', analyst: null, action: 'downgrade', ratingFrom: null, ratingTo: 'sell' },
      { type: 'price_target', ticker: 'NESN.S', firm: 'UBS', action: 'lower', from: null, to: 78, currency: 'CHF' },
    ]);
    expect(analystEvents('', 'CLSA upgraded Tencent to high-conviction outperform, with a target of HK$700.')[0]).toMatchObject({ ratingTo: 'high-conviction outperform', ratingScore: 5 });
  });
  it('reads a rating moved "up a notch", a target that "went from $240 to $265", and "X\'s new target on Y is $95, versus $85 before"', () => {
    expect(analystEvents('', 'Over at Guggenheim, analyst Michael Morris moved his rating on Netflix up a notch to buy.').map((e) => [e.type, e.ticker, e.action])).toEqual([['analyst_rating', 'NFLX', 'upgrade']]);
    expect(extractEvents({ body: 'Goldman moved its rating on Apple down to neutral.' }).map((e) => e.type)).toEqual(['analyst_rating']);
    expect(analystEvents('', "Cowen's price target for Amazon went from $240 to $265.")).toMatchObject([{ ticker: 'AMZN', firm: 'Cowen', action: 'raise', from: 240, to: 265 }]);
    expect(analystEvents('', "Loop Capital's new target on Zoom is $95, versus $85 before, with the hold call unchanged.")).toMatchObject([{ ticker: 'ZM', action: 'raise', from: 85, to: 95 }]);
    expect(analystEvents('', 'My price target is $32 on Pfizer.')).toEqual([]);
  });
  it('reads no company in a preposition opening the sentence', () => {
    const wrap = "Among the day's analyst moves, Home Depot got a lift from an upgrade at Wolfe Research, while Lowe's slipped after Telsey Advisory trimmed its target to $260.";
    expect(analystEvents('', wrap).map((e) => [e.type, e.ticker, e.firm])).toEqual([['analyst_rating', 'HD', 'Wolfe Research'], ['price_target', 'LOW', 'Telsey Advisory']]);
  });
  it('reads "our target" in an interview as the firm\'s, and a count whose companies are named later as no event yet', () => {
    const qa = 'Mirae Asset Securities lowered its target price on Samsung Electronics. Q: What did you change? A: We lowered our target price on Samsung Electronics to 82,000 won from 95,000 won.';
    expect(analystEvents('', qa)).toMatchObject([{ type: 'price_target', firm: 'Mirae Asset Securities', action: 'lower', from: 95000, to: 82000, currency: 'KRW' }]);
    const kbw = 'Keefe, Bruyette & Woods turned more cautious on regional banks on Wednesday, cutting its ratings on two lenders whose deposit costs have been slow to come down.';
    expect(analystEvents('KBW sours on two regional lenders, stays positive on Fifth Third', kbw)).toEqual([]);
  });
  it('reads a spoken ticker aside, a state dateline, a note\'s fields written with commas, and no rating in "plans to upgrade cooling"', () => {
    expect(analystEvents('', "HOST: Stifel is moving Airbnb - that's ticker ABNB - to sell from hold.")).toMatchObject([{ ticker: 'ABNB', firm: 'Stifel', action: 'downgrade', ratingFrom: 'hold', ratingTo: 'sell' }]);
    expect(analystEvents('', 'LATHAM, N.Y. -- Plug Power Inc. noted that Roth Capital Partners has started coverage of the company with a Neutral rating.')[0]).toMatchObject({ ticker: 'PLUG' });
    const note = analystEvents('Bernstein: Eli Lilly (LLY) - orforglipron data de-risk 2027', 'Bernstein, pharma team. Rating: Outperform, unchanged. Price target: raised to $1,150 from $1,100.');
    expect(note.map((e) => [e.type, e.action])).toEqual([['analyst_rating', 'maintain'], ['price_target', 'raise']]);
    expect(analystEvents('', 'Equinix plans to upgrade cooling and power systems at 12 of its existing data centers.')).toEqual([]);
  });
  it('reads a target kept at the figure the same firm moved it to as that move, once', () => {
    const note = 'A hold rating on Deere was reiterated on Monday by Barclays, whose analyst Ruth Ames raised her price target to $480 from $455.';
    expect(pick(analystEvents('Hold kept on Deere at Barclays; target to $480', note).filter((e) => e.type === 'price_target'))).toEqual([{ type: 'price_target', ticker: 'DE', firm: 'Barclays', action: 'raise', from: 455, to: 480, currency: 'USD' }]);
  });
  it('gives no rating in an article for an upgrade nobody rated ("promises store upgrades"), and keeps one in a headline', () => {
    const article = 'Best Buy promised store upgrades at an investor day on Tuesday. The retailer said it would refit 300 stores next year. Its shares rose 2%.';
    expect(analystEvents('Best Buy lays out three-year plan, promises store upgrades', article)).toEqual([]);
    expect(analystEvents('Best Buy downgraded on valuation')).toMatchObject([{ type: 'analyst_rating', ticker: 'BBY', action: 'downgrade', firm: null }]);
  });
  it('gives each firm rating in one sentence the figure said after its own name, and reads "opened X at", "began X at", "opened coverage of"', () => {
    const two = 'Goldman Sachs started coverage of Klarna with a buy rating, while Morgan Stanley opened at equal-weight and a $44 target.';
    expect(pick(analystEvents('', two).filter((e) => e.type === 'price_target'))).toEqual([{ type: 'price_target', ticker: 'KLAR', firm: 'Morgan Stanley', action: 'initiate', from: null, to: 44, currency: 'USD' }]);
    const three = 'J.P. Morgan began at overweight with a $50 target on Klarna, while Morgan Stanley opened at equal-weight and a $44 target.';
    expect(analystEvents('', three).filter((e) => e.type === 'price_target').map((e) => [e.firm, (e as { to: number }).to])).toEqual([['J.P. Morgan', 50], ['Morgan Stanley', 44]]);
    for (const opened of ['Morgan Stanley opened Klarna at equal-weight.', 'Morgan Stanley began Klarna at equal-weight.', 'Morgan Stanley opened coverage of Klarna at equal-weight.']) {
      expect(analystEvents('', opened)).toMatchObject([{ type: 'analyst_rating', ticker: 'KLAR', action: 'initiate', ratingTo: 'equal-weight' }]);
    }
    expect(analystEvents('', 'Apple opened its new store on Fifth Avenue with a buy-one-get-one offer.')).toEqual([]);
  });
  it('reads "Its $220 price target" after a rating, "went to outperform on", "who rate Apple overweight", and the firm inside "which Citi upgraded"', () => {
    expect(analystEvents('', 'Deutsche Bank started Snowflake at buy. Its $220 price target suggests 25% upside.').map((e) => [e.type, e.action, (e as { to?: number }).to ?? null])).toEqual([['analyst_rating', 'initiate', null], ['price_target', 'initiate', 220]]);
    expect(analystEvents('', 'Baird went to outperform on Nvidia this morning.')).toMatchObject([{ ticker: 'NVDA', firm: 'Baird', action: 'upgrade', ratingTo: 'outperform' }]);
    expect(analystEvents('', 'Analysts at Barclays, who rate Apple overweight, raised their target to $250.').map((e) => [e.type, e.action])).toEqual([['analyst_rating', 'maintain'], ['price_target', 'raise']]);
    expect(analystEvents('', 'I rate Intel a sell in my own model portfolio.')).toEqual([]);
    const relative = 'Nike, which Citi upgraded to buy on Friday, rose 2% on Monday after Jefferies also lifted its price target to $120 from $100.';
    expect(analystEvents('', relative).map((e) => [e.type, e.ticker, e.firm])).toEqual([['analyst_rating', 'NKE', 'Citi'], ['price_target', 'NKE', 'Jefferies']]);
  });
  it('reads no action in words quoted as words, in an earlier month\'s action, or in a kept rating that names no rating in an article', () => {
    expect(analystEvents("Reader mailbag: what does 'initiated at market perform' mean?")).toEqual([]);
    expect(analystEvents('', 'Reminder: our year-end "most-upgraded stocks of 2025" list lands on Dec. 29.')).toEqual([]);
    expect(analystEvents('', '"We\'re upgrading Apple to buy," Goldman analyst Jane Doe said.')).toMatchObject([{ ticker: 'AAPL', action: 'upgrade', ratingTo: 'buy' }]);
    expect(analystEvents('', 'Earlier this month Barclays raised its target on Nike to $95.')).toEqual([]);
    expect(analystEvents('', 'Roth suspended coverage of Plug Power in June.')).toEqual([]);
    expect(analystEvents('', 'Barclays raised its target on Nike to $95 on June 5.')).toMatchObject([{ ticker: 'NKE', action: 'raise', to: 95 }]);
    expect(analystEvents('', 'Needham upgraded Lam Research to buy last month, and this week it raised Applied Materials to buy from hold.').map((e) => [e.ticker, e.action])).toEqual([['AMAT', 'upgrade']]);
    const article = 'Kepler Cheuvreux cut Siemens Energy to hold from buy on Monday. The shares fell 3%. Kepler\'s move leaves only a handful of hold ratings on the stock.';
    expect(analystEvents('', article).map((e) => [e.type, e.action])).toEqual([['analyst_rating', 'downgrade']]);
  });
  it('reads a firm heading its note with a colon, and no speaker tag in capitals as the firm', () => {
    expect(pick(analystEvents('', 'Morgan Stanley: Walmart (WMT) target to $110 from $100, overweight.'))).toEqual([{ type: 'price_target', ticker: 'WMT', firm: 'Morgan Stanley', action: 'raise', from: 100, to: 110, currency: 'USD' }]);
    expect(analystEvents('', 'Morgan Stanley: the consumer is fine.')).toEqual([]);
    const transcript = "JOHNSON: We're downgrading Disney to neutral today and taking our target down to $110 from $130.";
    expect(analystEvents('Transcript', transcript).map((e) => [e.type, e.ticker, e.firm])).toEqual([['analyst_rating', 'DIS', null], ['price_target', 'DIS', null]]);
    expect(analystEvents('', 'UBS: Nike upgraded to buy.')).toMatchObject([{ ticker: 'NKE', firm: 'UBS', action: 'upgrade' }]);
  });
  it('reads a firm that sees a company (or its shares) hitting a figure, in any case, with the figure as the new target', () => {
    expect(pick(analystEvents('', 'Jefferies now sees Nike shares hitting $90, down from $105.'))).toEqual([{ type: 'price_target', ticker: 'NKE', firm: 'Jefferies', action: 'lower', from: 105, to: 90, currency: 'USD' }]);
    expect(analystEvents('Needham Sees Roku Hitting $110, Reiterates Buy').map((e) => [e.type, e.ticker, (e as { to?: number }).to ?? (e as { ratingTo?: string }).ratingTo])).toEqual([['price_target', 'ROKU', 110], ['analyst_rating', 'ROKU', 'buy']]);
    expect(analystEvents('Analysts See Oil At $90 By Year-End')).toEqual([]);
  });
  it('reads "confirmed its buy rating", "PT now $60 (was $75)" after a rating, and "staying Buy on"; not "confirms deal to sell"', () => {
    expect(analystEvents('', 'Deutsche Bank confirmed its buy rating on Infineon.')).toMatchObject([{ type: 'analyst_rating', firm: 'Deutsche Bank', action: 'maintain', ratingTo: 'buy' }]);
    expect(analystEvents('', 'eBay confirms deal to sell StubHub to viagogo.')).toEqual([]);
    expect(analystEvents('', 'MS downgraded Nike to UW. PT now $60 (was $75).').map((e) => [e.type, e.action, (e as { from?: number }).from ?? null, (e as { to?: number }).to ?? null])).toEqual([['analyst_rating', 'downgrade', null, null], ['price_target', 'lower', 75, 60]]);
    expect(analystEvents('', "Citi's staying Buy on Lululemon but trimmed the PT to $400.").map((e) => [e.type, e.action])).toEqual([['analyst_rating', 'maintain'], ['price_target', 'lower']]);
  });
  it('reads no action that is only expected, and no company\'s own capex or dividend target as a price target', () => {
    expect(analystEvents('Goldman Sachs is expected to upgrade Apple soon, sources say')).toEqual([]);
    expect(analystEvents('Intel cuts its dividend and lowers capex target to $20 billion')).toEqual([]);
    expect(analystEvents('', 'Goldman, which is expected to report results on Tuesday, upgraded Apple to buy.')).toMatchObject([{ ticker: 'AAPL', action: 'upgrade' }]);
  });
  it('reads a described company as a passive subject, GBX as pence, and "the agency" as the credit agency', () => {
    expect(analystEvents('', 'The iPhone maker was moved up to buy from hold at Loop Capital on Wednesday.')).toMatchObject([{ ticker: 'AAPL', firm: 'Loop Capital', action: 'upgrade', ratingFrom: 'hold', ratingTo: 'buy' }]);
    expect(pick(analystEvents('', 'Berenberg raised its target on Rolls-Royce to GBX 1,300 from GBX 1,150.'))).toEqual([{ type: 'price_target', ticker: 'RR.L', firm: 'Berenberg', action: 'raise', from: 11.5, to: 13, currency: 'GBP' }]);
    const agency = "Moody's downgraded Boeing's senior unsecured rating to Baa3 from Baa2. The agency kept its outlook at negative.";
    expect(extractEvents({ body: agency }).filter((e) => e.type === 'analyst_rating' || e.type === 'guidance')).toEqual([]);
  });
  it('reads no firm in "by GBX 150 to GBX 1,300"', () => {
    const note = 'Berenberg now recommends buying Rolls-Royce. Its analysts lifted their price target for the engine maker by GBX 150 to GBX 1,300.';
    expect(pick(analystEvents('', note).filter((e) => e.type === 'price_target'))).toEqual([{ type: 'price_target', ticker: 'RR.L', firm: 'Berenberg', action: 'raise', from: 11.5, to: 13, currency: 'GBP' }]);
  });
  it('reads a note\'s bulleted fields ("- Price target: trimmed by 8 euros to 182 euros, reflecting …") and a headline\'s description without its article', () => {
    const note = "Key points from Deutsche Bank's note on Airbus SE (AIR.PA):\n- Rating: Buy reiterated.\n- Price target: trimmed by 8 euros to 182 euros, reflecting slower output.";
    expect(pick(analystEvents('', note))).toEqual([
      { type: 'analyst_rating', ticker: 'AIR.PA', firm: 'Deutsche Bank', analyst: null, action: 'maintain', ratingFrom: null, ratingTo: 'buy' },
      { type: 'price_target', ticker: 'AIR.PA', firm: 'Deutsche Bank', action: 'lower', from: 190, to: 182, currency: 'EUR' },
    ]);
    expect(analystEvents('iPhone maker moved up to buy at Loop Capital', 'Apple was moved up to buy from hold at Loop Capital on Wednesday.').map((e) => [e.ticker, e.action])).toEqual([['AAPL', 'upgrade']]);
    expect(extractAnalysis({ body: 'iPhone Maker Foxconn To Produce Ventilators In US' }).tickers).not.toContain('AAPL');
  });
  it('reads a move said as a noun alone after the sentence naming firm and company, and no target with neither firm nor figure in an article', () => {
    expect(analystEvents('', "Let's get to the calls of the day. UBS is throwing in the towel on Starbucks. Downgrade to sell.")).toMatchObject([{ ticker: 'SBUX', firm: 'UBS', action: 'downgrade', ratingTo: 'sell' }]);
    const own = 'Digital Realty said it will upgrade cooling at 20 data centres. The landlord raised its target for annual leasing of new capacity to 600 megawatts from 500 megawatts. It kept its dividend.';
    expect(analystEvents('', own)).toEqual([]);
  });
  it('reads a day after a passive verb as when ("Upgraded Today"), a title-case "And" between names the entity layer knows, no firm after "Led By", and BofA under its longer names', () => {
    expect(analystEvents('Advance Auto Parts And Protective Life Upgraded Today').map((e) => [e.company, e.action])).toEqual([['Advance Auto Parts', 'upgrade'], ['Protective Life', 'upgrade']]);
    expect(analystEvents('Nike Downgraded Monday At Citi')).toMatchObject([{ ticker: 'NKE', firm: 'Citi', action: 'downgrade' }]);
    expect(analystEvents('Bank Of America Out Positive On Agilent, Raises Price Target From $80 To $83, Led By Pharma Strength')).toMatchObject([{ ticker: 'A', firm: 'Bank Of America', action: 'raise', from: 80, to: 83 }]);
    expect(analystEvents('UPDATE: Bank of America Merrill Lynch Initiates Coverage on AbbVie with Buy Rating, $40 PT').map((e) => e.firm)).toEqual(['Bank of America Merrill Lynch', 'Bank of America Merrill Lynch']);
  });
  it('reads a target moved in the clause after a described passive subject as that company\'s', () => {
    expect(pick(analystEvents('', 'The iPhone maker was moved up to buy from hold at Loop Capital on Wednesday, with its target lifted by $45 to $315.'))).toEqual([
      { type: 'analyst_rating', ticker: 'AAPL', firm: 'Loop Capital', analyst: null, action: 'upgrade', ratingFrom: 'hold', ratingTo: 'buy' },
      { type: 'price_target', ticker: 'AAPL', firm: 'Loop Capital', action: 'raise', from: 270, to: 315, currency: 'USD' },
    ]);
  });
  it('reads "its target" in a sentence that names its own company before the verb, and a target on "the Hong Kong-listed shares of" a company', () => {
    const miners = 'Macquarie cut its target on Rio Tinto to A$118 from A$130. Citi took a different view of BHP, raising its target to A$44 from A$41.';
    expect(pick(analystEvents('', miners)).map((e) => [e.ticker, e.firm])).toEqual([['RIO', 'Macquarie'], ['BHP', 'Citi']]);
    const grocers = 'Jefferies raised its price target on Tesco to 420p from 385p. Shore Capital moved the other way on J Sainsbury, cutting its rating to hold from buy.';
    expect(analystEvents('', grocers).map((e) => [e.company, e.firm])).toEqual([['Tesco', 'Jefferies'], ['J Sainsbury', 'Shore Capital']]);
    const hk = 'Morgan Stanley raised its target for Tencent to HK$720. Jefferies cut its target for the Hong Kong-listed shares of Alibaba Group to HK$150 from HK$168.';
    expect(analystEvents('', hk).map((e) => [e.company, e.firm])).toEqual([['Tencent', 'Morgan Stanley'], ['Alibaba Group', 'Jefferies']]);
  });
  it('names a company a description points to as the text named it, not by its registered name', () => {
    const note = 'Western Digital (WDC) got a rare double upgrade today from Baird. Kevin Marsh, who has covered the company for a decade, raised his target to $152 from $88.';
    expect(analystEvents('', note).filter((e) => e.type === 'price_target').map((e) => e.company)).toEqual(['Western Digital']);
  });
  it('reads "held on to its buy rating", "stood by its rating", "shaved its target", and a move "to positive from neutral"', () => {
    expect(pick(analystEvents('', 'TD Cowen held on to its buy rating on Chipotle but shaved its target to $58 from $66.'))).toEqual([
      { type: 'analyst_rating', ticker: 'CMG', firm: 'TD Cowen', analyst: null, action: 'maintain', ratingFrom: null, ratingTo: 'buy' },
      { type: 'price_target', ticker: 'CMG', firm: 'TD Cowen', action: 'lower', from: 66, to: 58, currency: 'USD' },
    ]);
    expect(analystEvents('', 'TD Cowen stood by its buy rating on Chipotle.')).toMatchObject([{ ticker: 'CMG', action: 'maintain', ratingTo: 'buy' }]);
    expect(analystEvents('', 'Susquehanna responded by moving its rating on Delta to positive from neutral.')).toMatchObject([{ ticker: 'DAL', firm: 'Susquehanna', action: 'upgrade', ratingFrom: 'neutral', ratingTo: 'positive' }]);
    expect(extractEvents({ body: 'Chipotle stood by its forecast for the year.' }).filter((e) => e.type === 'analyst_rating')).toEqual([]);
  });
  it('reads the firm after "gets upgrade from", no firm for brokers told by place, and a curated name with a lower-case word ("SK hynix")', () => {
    expect(analystEvents('HDFC Bank gets upgrade from Kotak; Motilal lifts ICICI Bank target').map((e) => [e.ticker, e.firm])).toEqual([['HDB', 'Kotak'], ['IBN', 'Motilal']]);
    expect(analystEvents('Korean brokers raise Samsung, SK hynix targets on memory upcycle')).toEqual([]);
    expect(pick(analystEvents('', 'Mirae Asset Securities lifted its target for SK hynix to 420,000 won from 360,000 won.'))).toEqual([{ type: 'price_target', ticker: '000660.KS', firm: 'Mirae Asset Securities', action: 'raise', from: 360000, to: 420000, currency: 'KRW' }]);
  });
  it('gives a clause with a firm of its own its own object, and no firm to a noun whose sentence\'s firm acted on another company', () => {
    expect(analystEvents('$HOOD, $COIN: Bernstein lifts Robinhood target; Compass Point goes to sell on Coinbase').map((e) => [e.company, e.firm])).toEqual([['Robinhood', 'Bernstein'], ['Coinbase', 'Compass Point']]);
    expect(analystEvents('Stocks at midday: Nvidia climbs on target bump, Nike slides after Jefferies downgrade').map((e) => [e.ticker, e.firm])).toEqual([['NVDA', null], ['NKE', 'Jefferies']]);
  });
  it('takes no former target for a dropped coverage from the next sentence\'s own action', () => {
    const note = 'The firm discontinued coverage of Peloton Interactive (NASDAQ: PTON), which it had rated hold. It resumed coverage of Planet Fitness (NYSE: PLNT) with a buy rating and a $125 price target.';
    expect(analystEvents('Stifel reshuffles consumer coverage', note).filter((e) => e.ticker === 'PTON').map((e) => e.type)).toEqual(['analyst_rating']);
  });
  it('keeps a linked name with "and" in it whole ("Larsen and Toubro"), and reads a moved rating said as a noun that opens a longer sentence', () => {
    expect(analystEvents('', 'Jefferies retains its buy on Larsen and Toubro and raises the target to 4,200 rupees from 3,900 rupees.').map((e) => e.company)).toEqual(['Larsen and Toubro', 'Larsen and Toubro']);
    expect(analystEvents('', 'CLSA has turned positive on Reliance Industries. Upgrade to outperform from hold, and the target goes up too.')).toMatchObject([{ ticker: 'RELI.NS', firm: 'CLSA', action: 'upgrade', ratingFrom: 'hold', ratingTo: 'outperform' }]);
  });
  it('reads a note digest with a "Broker:" and "Analyst:" heading and a line per company ("Visa (V) - Market Perform, from Outperform. Target $330, previously $365.")', () => {
    const note = 'Broker: Bernstein\nAnalyst: Harriet Mbeki-Lowe\n\nMastercard (MA) - Outperform (unchanged). 12-month target $640, previously $610. Volumes grew 17%.\n\nVisa (V) - Market Perform, from Outperform. Target $330, previously $365.';
    expect(pick(analystEvents('Note summary: Bernstein on Mastercard and Visa', note))).toEqual([
      { type: 'analyst_rating', ticker: 'MA', firm: 'Bernstein', analyst: 'Harriet Mbeki-Lowe', action: 'maintain', ratingFrom: null, ratingTo: 'outperform' },
      { type: 'price_target', ticker: 'MA', firm: 'Bernstein', action: 'raise', from: 610, to: 640, currency: 'USD' },
      { type: 'analyst_rating', ticker: 'V', firm: 'Bernstein', analyst: 'Harriet Mbeki-Lowe', action: 'downgrade', ratingFrom: 'outperform', ratingTo: 'market perform' },
      { type: 'price_target', ticker: 'V', firm: 'Bernstein', action: 'lower', from: 365, to: 330, currency: 'USD' },
    ]);
    // A line in prose that opens with a company and a dash is no note item without a rating after it.
    expect(analystEvents('', 'Visa (V) - the payments network - said volumes grew.')).toEqual([]);
  });
  it('gives a firm\'s move with no object to the company named since the last event ("The more interesting one is Salesforce. KeyBanc went to sector weight"), and reads "…, still a buy."', () => {
    const podcast = 'MAYA: Oracle first. Jefferies bumped its target to $210 from $190 this morning, still a buy. THEO: No surprise. MAYA: The more interesting one is Salesforce. KeyBanc went to sector weight from overweight.';
    expect(analystEvents('', podcast).map((e) => [e.type, e.ticker, e.firm])).toEqual([['price_target', 'ORCL', 'Jefferies'], ['analyst_rating', 'ORCL', 'Jefferies'], ['analyst_rating', 'CRM', 'KeyBanc']]);
  });
  it('reads no legal suffix alone as a company ("Target Corp" under a "DOWNGRADE:" tag), and "no longer carries a price target" as its removal', () => {
    const item = '- DOWNGRADE: Oppenheimer moves Target Corp (TGT) to perform from outperform and no longer carries a price target on the retailer.';
    expect(analystEvents('', item).map((e) => [e.type, e.ticker, e.action])).toEqual([['analyst_rating', 'TGT', 'downgrade'], ['price_target', 'TGT', 'remove']]);
    expect(analystEvents('', item).every((e) => e.company !== 'Corp')).toBe(true);
  });
  it('reads a spoken target sentence that opens with "And the target goes to …" as continuing the rating before it', () => {
    const show = "ANCHOR 1: UBS is throwing in the towel on Starbucks. Downgrade to sell.\nANCHOR 2: Sell! And the target goes to seventy-two bucks from ninety.";
    expect(pick(analystEvents('', show)).filter((e) => e.type === 'price_target')).toEqual([{ type: 'price_target', ticker: 'SBUX', firm: 'UBS', action: 'lower', from: 90, to: 72, currency: 'USD' }]);
  });
  it('reads the shorthand "reits Buy", and drops a headline\'s unrated "upgrade to target" where the body gives the same firm\'s kept rating', () => {
    expect(analystEvents('Jefferies Reits Buy on DraftKings, PT $62').map((e) => [e.type, e.action])).toEqual([['analyst_rating', 'maintain'], ['price_target', 'maintain']]);
    expect(analystEvents('Healthcare REITs rally as yields fall')).toEqual([]);
    const story = 'Rolls-Royce Holdings added 2.6% after Jefferies lifted its target price for the engine maker to 1,150p from 980p and reiterated its buy rating. The FTSE 100 rose 0.2%. Traders said the note was well received.';
    expect(analystEvents('Rolls-Royce firm on Jefferies upgrade to target', story).filter((e) => e.type === 'analyst_rating').map((e) => e.action)).toEqual(['maintain']);
  });
  it('reads a pronoun object after a past verb as active ("she took it down to neutral"), so the company is the one "it" stands for, not the analyst', () => {
    const show = "HOST: Next up, Chewy. Rough day, down nine percent. Carla Benedetti over at Bank of America, she took it down to neutral.";
    expect(analystEvents('', show)).toMatchObject([{ ticker: 'CHWY', firm: 'Bank of America', action: 'downgrade', ratingTo: 'neutral' }]);
  });
  it('settles a move "to neutral" by the rating it left, told in the next sentences, and reads "our target price comes down to …" in an interview', () => {
    expect(analystEvents('', 'Macquarie moved AIA Group to neutral this week.')).toEqual([]);
    expect(analystEvents('', 'Macquarie moved AIA Group to neutral this week. It had been at outperform for two years.')).toMatchObject([{ ticker: '1299.HK', action: 'downgrade', ratingFrom: 'outperform', ratingTo: 'neutral' }]);
    const qa = "Q: You moved AIA Group to neutral this week. What changed?\nA: We had been at outperform for two years. So we went to neutral, and our target price comes down to 72 Hong Kong dollars.";
    expect(pick(analystEvents("Q&A: Macquarie's Lena Soh on AIA", qa))).toEqual([
      { type: 'analyst_rating', ticker: '1299.HK', firm: 'Macquarie', analyst: 'Lena Soh', action: 'downgrade', ratingFrom: 'outperform', ratingTo: 'neutral' },
      { type: 'price_target', ticker: '1299.HK', firm: 'Macquarie', action: 'lower', from: null, to: 72, currency: 'HKD' },
    ]);
  });
  it('gives a firm\'s rating the one analyst the text names for that firm, named after it, and no analyst a firm the sentence before ended with', () => {
    const story = 'MUMBAI: Kotak Institutional Equities upgraded HDFC Bank to add from reduce on Tuesday, two years after its merger with parent HDFC Ltd.\n\nAnalyst Nirav Bhandarkar-Iyer said loan growth should pick up. Shares of HDFC Bank gained 2.4%.';
    expect(analystEvents('', story)).toMatchObject([{ ticker: 'HDB', firm: 'Kotak Institutional Equities', analyst: 'Nirav Bhandarkar-Iyer' }]);
  });
  it('reads no firm in a job title before "Analyst" ("Senior Research Analyst Dmitri Okonkwo-Hale")', () => {
    const release = 'Roth Capital Partners today announced that it has initiated research coverage of Enphase Energy (NASDAQ: ENPH) with a Neutral rating. The report, authored by Senior Research Analyst Dmitri Okonkwo-Hale, examines the company.';
    expect(analystEvents('', release)).toMatchObject([{ ticker: 'ENPH', firm: 'Roth Capital', analyst: 'Dmitri Okonkwo-Hale' }]);
  });
  it('moves a target by the verb after its noun ("… was reiterated and the target went to $78 from $66"), not by the kept rating\'s verb before it', () => {
    expect(analystEvents('', 'At Needham, a buy on Lattice Semiconductor (NASDAQ: LSCC) was reiterated and the target went to $78 from $66.').filter((e) => e.type === 'price_target')).toMatchObject([{ ticker: 'LSCC', action: 'raise', from: 66, to: 78 }]);
  });
  it('names the analyst introduced as "the analyst behind it, NAME"', () => {
    const intro = 'Piper Sandler on Tuesday cut Hershey to underweight from neutral, one of the few bearish calls on the sector. We spoke with the analyst behind it, Greta Halvorsen-Pike.';
    expect(analystEvents('', intro)).toMatchObject([{ ticker: 'HSY', firm: 'Piper Sandler', analyst: 'Greta Halvorsen-Pike', action: 'downgrade' }]);
  });
  it('reads social posts past the poster\'s handle and chat words, and a firm-only post as about the ticker the post before named', () => {
    const thread = '@deltaneutral_dan: Bernstein reiterates Outperform on $COIN, PT $510 (from $440). Stablecoin revenue doing the heavy lifting\n@bagholder_betty: Compass Point still at Sell lol, PT lowered to $170 from $190. They never give up';
    expect(pick(analystEvents('$COIN $HOOD stream', thread)).filter((e) => e.firm === 'Compass Point')).toEqual([
      { type: 'price_target', ticker: 'COIN', firm: 'Compass Point', action: 'lower', from: 190, to: 170, currency: 'USD' },
      { type: 'analyst_rating', ticker: 'COIN', firm: 'Compass Point', analyst: null, action: 'maintain', ratingFrom: null, ratingTo: 'sell' },
    ]);
  });
  it('counts a firm written by its full table name in the body and its short one in the headline as one firm', () => {
    const body = 'China International Capital Corporation (CICC) keep its Outperform rating for BYD Company, but it cut the target price to 118 HKD from 135 HKD. The analyst team say the price war is more strong. Still, they believe the carmaker will grow.';
    expect(analystEvents('CICC keep Outperform for BYD but target price is cut', body).filter((e) => e.type === 'analyst_rating')).toHaveLength(1);
  });
});
