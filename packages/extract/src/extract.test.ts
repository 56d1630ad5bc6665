import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '@tickerwire/core';
import { extractAnalysis, extractEvents } from './index.ts';

type Loose = Record<string, unknown>;
const events = (body: string, tickers: string[] = []) =>
  extractEvents({ body, tickers }).map(({ evidence: _e, confidence: _c, ...rest }) => rest as Loose);
const ofType = (body: string, type: MarketEvent['type'], tickers: string[] = []) => events(body, tickers).filter((e) => e.type === type);

describe('analyst ratings', () => {
  it.each([
    ['Goldman Sachs Upgrades Agilent Technologies to Buy', { firm: 'Goldman Sachs', action: 'upgrade', ratingTo: 'buy', ratingScore: 4, company: 'Agilent Technologies' }],
    ['Netflix was downgraded to neutral from outperform at Needham', { firm: 'Needham', action: 'downgrade', ratingFrom: 'outperform', ratingTo: 'neutral', ratingScore: 3, company: 'Netflix' }],
    ['Morgan Stanley Maintains Equal-Weight on Acme Robotics (ACME)', { ticker: 'ACME', action: 'maintain', ratingTo: 'equal-weight', ratingScore: 3 }],
    ['KeyBanc Capital reiterates its sector weight rating on Foo Corp (FOO)', { ticker: 'FOO', firm: 'KeyBanc Capital', action: 'maintain', ratingTo: 'sector weight', ratingScore: 3 }],
    ['Stifel Nicolaus Initiates Coverage On Widget Works with Strong Buy Rating', { firm: 'Stifel Nicolaus', action: 'initiate', ratingTo: 'strong buy', ratingScore: 5 }],
    ['Bank of America Reinstates Underperform on Advance Parts', { action: 'resume', ratingTo: 'underperform', ratingScore: 2 }],
    ['J.P. Morgan drops coverage of Zeta Mining (ZETA)', { ticker: 'ZETA', firm: 'J.P. Morgan', action: 'terminate' }],
    ['$GM: Deutsche Bank cuts to Hold', { ticker: 'GM', firm: 'Deutsche Bank', action: 'downgrade', ratingTo: 'hold' }],
    ['Acme Oil started at accumulate at B. Riley FBR', { firm: 'B. Riley FBR', action: 'initiate', ratingTo: 'accumulate', ratingScore: 4 }],
    ['Peer Co upgraded to peer perform from underperform at Wolfe Research', { action: 'upgrade', ratingFrom: 'underperform', ratingTo: 'peer perform', ratingScore: 3 }],
    ['Beta Corp downgraded to reduce at HSBC', { action: 'downgrade', ratingTo: 'reduce', ratingScore: 2 }],
  ])('%s', (text, want) => {
    expect(ofType(text, 'analyst_rating')).toEqual([expect.objectContaining(want)]);
  });

  it('gives one event per company of a list', () => {
    const found = ofType('JPMorgan raised its ratings on Alpha Power (ALPW) and Beta Grid (BGRD) to overweight from neutral.', 'analyst_rating');
    expect(found.map((e) => [e.ticker, e.ratingFrom, e.ratingTo])).toEqual([['ALPW', 'neutral', 'overweight'], ['BGRD', 'neutral', 'overweight']]);
  });

  it('resolves "the bank" to the firm named before', () => {
    const found = ofType('Citi reviewed Gamma Labs (GLAB) on Monday. The bank lifted Gamma’s price target to $40 from $30.', 'price_target');
    expect(found).toEqual([expect.objectContaining({ ticker: 'GLAB', company: 'Gamma', firm: 'Citi', from: 30, to: 40, changePct: 33.33 })]);
  });

  it.each([
    'Arctic Fox Maintaining FY 2025 Guidance',
    'Newfield Terminates Merger Talks with Barlow Gold',
    'Shares to Resume Trade at 4:30 p.m. EDT',
    'Benzinga’s Top Upgrades, Downgrades For October 4, 2017',
    'Galaxy initiates First Phase 1 Study, to Receive $10M Milestone Payment',
    'The company raised its sales target to $5 billion',
  ])('finds no rating or target in "%s"', (text) => {
    expect(events(text).filter((e) => e.type === 'analyst_rating' || e.type === 'price_target')).toEqual([]);
  });
});

describe('price targets', () => {
  it.each([
    ['UBS Maintains Neutral on Acme, Raises Price Target to $87', { firm: 'UBS', action: 'raise', from: null, to: 87, currency: 'USD' }],
    ['Barclays Lowers PT from $48 to $46 on Acme Inc', { action: 'lower', from: 48, to: 46, changePct: -4.17 }],
    ['Jefferies Raises PT to $56.00 on Acme Inc', { action: 'raise', to: 56 }],
    ['Acme price target slashed to $60 from $130 at CFRA', { firm: 'CFRA', action: 'lower', from: 130, to: 60 }],
    ['Needham Initiates Coverage On Acme with Buy Rating, Announces $77 Price Target', { action: 'initiate', to: 77 }],
    ['Enbridge price target lifted to C$54 from C$50 at UBS', { currency: 'CAD', from: 50, to: 54 }],
    ['Deutsche Bank lowers its target on Siemens Energy to €45 from €52', { currency: 'EUR', from: 52, to: 45, action: 'lower' }],
    ['Barclays cuts its Vodafone price target to GBP 1.20 from GBP 1.50', { currency: 'GBP', from: 1.5, to: 1.2 }],
    ['Wedbush removes price target on Zeta Motors (ZETA)', { ticker: 'ZETA', action: 'remove', to: null }],
    ['Morgan Stanley keeps its $300 price target on Omega Chips (OMG)', { ticker: 'OMG', action: 'maintain', to: 300 }],
  ])('%s', (text, want) => {
    expect(ofType(text, 'price_target')).toEqual([expect.objectContaining(want)]);
  });

  it('reads cuts without values, one event per ticker', () => {
    const found = ofType('$DELL $HPE - Dell, HPE targets trimmed on compute headwinds', 'price_target');
    expect(found.map((e) => [e.ticker, e.action, e.to])).toEqual([['DELL', 'lower', null], ['HPE', 'lower', null]]);
  });
});

describe('tickers need evidence', () => {
  it('does not take words that look like tickers for tickers', () => {
    const found = events('Net income rose while the cost of AWS capacity fell. Acme (ACME) was upgraded to buy at Citi.');
    // The release's own unnamed line ("Net income rose") has no ticker; no event takes AWS for one.
    expect(found.map((e) => e.ticker)).toEqual(['ACME', null]);
  });

  it('does not read a known ticker into ordinary words', () => {
    const found = extractAnalysis({ body: 'Net income rose 4% as the cost of power fell; Cloudflare (NET) was upgraded to buy at Citi.', tickers: ['NET', 'COST'] });
    expect(found.tickers).toEqual(['NET']);
    expect(found.events.filter((e) => e.type === 'analyst_rating').map((e) => e.ticker)).toEqual(['NET']);
  });

  it('does not take an abbreviation in parentheses for a ticker', () => {
    const found = events('Demand for high-performance computing (HPC) grew. Citi upgraded Delta Data (DLTA) to buy.');
    expect(found.filter((e) => e.type === 'analyst_rating').map((e) => e.ticker)).toEqual(['DLTA']);
  });

  it('reads exchange-prefixed tickers', () => {
    expect(ofType('Riot Platforms (NASDAQ: RIOT) was downgraded to hold at Citi', 'analyst_rating')[0]?.ticker).toBe('RIOT');
    expect(ofType('NYSE:XYZ was upgraded to buy at Citi', 'analyst_rating')[0]?.ticker).toBe('XYZ');
  });
});

describe('contracts, capacity, valuation, price moves', () => {
  it('reads a contract with value, capacity, term and counterparties', () => {
    const [contract] = ofType('Omega Compute (OMGC) signed a 15-year lease worth $3.7 billion for 200 megawatts with CoreWeave.', 'contract');
    expect(contract).toMatchObject({ ticker: 'OMGC', value: { amount: 3_700_000_000, currency: 'USD' }, capacityMw: 200, termYears: 15, counterparties: ['CoreWeave'] });
  });

  it('tells projections from expansions and reads sites and horizons', () => {
    expect(ofType('Analysts project roughly 2.5 gigawatts of capacity by mid 2027.', 'capacity')).toEqual([
      expect.objectContaining({ mw: 2500, kind: 'projection', horizon: 'mid 2027' }),
    ]);
    expect(ofType('Zeta Mining (ZETA) is adding 150 MW at its new Ohio site.', 'capacity')).toEqual([
      expect.objectContaining({ ticker: 'ZETA', mw: 150, kind: 'expansion', site: 'Ohio' }),
    ]);
  });

  it('reads valuation ranges and ceilings', () => {
    const found = ofType('Analysts see $5–9 million enterprise value per megawatt for hosting and up to $12 million for AI cloud.', 'valuation');
    expect(found.map((v) => [v.metric, v.low, v.high, v.basis])).toEqual([
      ['enterprise_value_per_mw', 5_000_000, 9_000_000, 'hosting'],
      ['enterprise_value_per_mw', null, 12_000_000, 'AI cloud'],
    ]);
  });

  it('reads price moves with sign and reference', () => {
    const found = ofType('Zeta Mining (ZETA) shares fell 12% from their recent peak, while Omega (OMG) stock jumped in premarket trading.', 'price_move');
    expect(found.map((m) => [m.ticker, m.direction, m.changePct, m.reference])).toEqual([
      ['ZETA', 'down', -12, 'recent peak'],
      ['OMG', 'up', null, 'premarket'],
    ]);
  });
});

describe('phrasings found by the sample site', () => {
  it('a wire dateline is not part of the first sentence: "DENVER (Sample Wire) -" is no firm', () => {
    const text = 'DENVER (Sample Wire) - Northwind Securities lowered its rating on Zeta Grid Systems (ZETA) to sell from hold.';
    const [found] = extractEvents({ title: 'Zeta Grid Systems Cut to Sell at Northwind Securities', body: text });
    expect(found).toMatchObject({ type: 'analyst_rating', ticker: 'ZETA', firm: 'Northwind Securities', action: 'downgrade', ratingTo: 'sell' });
    expect(extractEvents({ body: `NEW YORK, Nov 24 (Reuters) — ${text.slice(23)}` })[0]).toMatchObject({ firm: 'Northwind Securities' });
    // Evidence offsets still point into the text as given.
    const event = extractEvents({ body: text })[0]!;
    expect(text.slice(event.evidence.start, event.evidence.end)).toBe(event.evidence.text);
    expect(event.evidence.text.startsWith('Northwind Securities lowered')).toBe(true);
  });

  it('a wire headline tag ("UPDATE 1-") is not part of the company name', () => {
    const found = extractEvents({ title: 'UPDATE 1-Copperline Digital Upgraded at Harbor Lane Capital', body: 'Harbor Lane Capital raised its rating on Copperline Digital (CPLD) to buy from hold.' });
    expect(found.map((e) => [e.type, e.ticker])).toEqual([['analyst_rating', 'CPLD']]);
  });

  it('a ticker in parentheses before a dash is no dateline', () => {
    expect(extractEvents({ body: 'ACME (ACME) - Northwind Securities upgraded the stock to buy from hold.' })[0]).toMatchObject({ ticker: 'ACME', action: 'upgrade' });
  });

  it('a headline ending in a name does not lend that name to the first company of the body', () => {
    const found = extractEvents({
      title: 'Grid Miners Mixed as Zeta Grid Gains and Bluefen Slides',
      body: "Zeta Grid Systems (ZETA) was the group's best performer. Shares of Zeta Grid Systems jumped 13% in early trading.\n\nBluefen Energy (BLFN) was the weakest of the group. Bluefen shares fell 3% on the news.",
    }).filter((e) => e.type === 'price_move');
    expect(found.map((m) => [m.ticker, 'direction' in m ? m.direction : null, 'changePct' in m ? m.changePct : null])).toEqual([
      ['ZETA', 'up', 13],
      ['BLFN', 'down', -3],
    ]);
  });

  it('"slipped", "dipped", "leapt" are price moves (the sample site writes "Kestrel shares slipped 13%")', () => {
    const found = ofType('Kestrel Mining (KSTM) shares slipped 13% on the news. Volta Hash (VHSH) stock dipped 2%, and Zeta Mining (ZETA) shares leapt 9%.', 'price_move');
    expect(found.map((m) => [m.ticker, m.direction, m.changePct])).toEqual([
      ['KSTM', 'down', -13],
      ['VHSH', 'down', -2],
      ['ZETA', 'up', 9],
    ]);
  });

  it('"its price target" in the next sentence is the company of the sentence before', () => {
    const found = ofType('Northwind Securities upgraded Volta Hash (VHSH) to buy from hold. The firm lifted its price target to $24 from $15.', 'price_target');
    expect(found).toEqual([expect.objectContaining({ ticker: 'VHSH', firm: 'Northwind Securities', action: 'raise', from: 15, to: 24 })]);
  });

  it('"reiterated buy and lifted its price target" raises the target', () => {
    const found = ofType('Harbor Lane Capital reiterated buy on Zeta Mining (ZETA) and lifted its price target to $30 from $25.', 'price_target');
    expect(found).toEqual([expect.objectContaining({ ticker: 'ZETA', action: 'raise', from: 25, to: 30 })]);
  });

  it('"agreed a deal to supply N MW" is a contract', () => {
    const found = ofType('Copperline Digital (CPLD) agreed a five-year deal to supply 80 MW to Nimbus Cloud for $400 million.', 'contract');
    expect(found).toEqual([expect.objectContaining({ ticker: 'CPLD', capacityMw: 80, value: { amount: 400_000_000, currency: 'USD' } })]);
    expect(ofType('Copperline Digital (CPLD) agreed a five-year deal to supply 80 MW to Nimbus Cloud for $400 million.', 'capacity')).toEqual([]);
  });
});
