import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractAnalysis, extractEvents, sameListedCompany } from '../index.ts';
import { firmAnaphora } from '../lexicon/firms.ts';

const analysis = (body: string, title?: string) => extractAnalysis(title ? { title, body } : { body });
const tickersOf = (body: string, title?: string) => analysis(body, title).tickers;

describe('entity linking: companies named without a ticker', () => {
  it('finds Apple and the price target moved on "the iPhone maker"', () => {
    const a = analysis('Shares of Apple rose 3% after Morgan Stanley raised its price target on the iPhone maker to $250 from $220.');
    expect(a.tickers).toEqual(['AAPL']);
    expect(a.events).toContainEqual(expect.objectContaining({ type: 'price_target', ticker: 'AAPL', firm: 'Morgan Stanley', action: 'raise', from: 220, to: 250 }));
    const apple = a.entities?.find((e) => e.ticker === 'AAPL');
    expect(apple?.mentions.map((m) => m.text)).toEqual(['Apple', 'the iPhone maker']);
  });

  it('finds a company by its registered name without the trade word, never a research firm', () => {
    expect(tickersOf('Stephens cut Zions to equal-weight and raised Synchrony to overweight; Caesars and Burlington were unchanged.')).toEqual(expect.arrayContaining(['ZION', 'SYF']));
    expect(analysis('Citi upgraded Capital One to buy.').events[0]).toMatchObject({ ticker: 'COF' });
    // A preferred line listed first in the register ("FITBI") is reported as the common stock; class shares stay.
    expect(analysis('Citi upgraded Fifth Third to buy.').events[0]).toMatchObject({ ticker: 'FITB' });
    expect(analysis('Citi upgraded Alphabet to buy.').events[0]).toMatchObject({ ticker: 'GOOGL' });
    // "O REILLY AUTOMOTIVE" in the register, "O'Reilly" in the news.
    expect(analysis('BTIG Initiates O\'Reilly With A Buy, $310 Price Target').events[0]).toMatchObject({ ticker: 'ORLY' });
    // Raymond James Financial is listed, but "Raymond James analysts" are the firm's.
    expect(tickersOf('In an upgrade of HCA Healthcare, Raymond James analysts noted the selloff was overdone.')).toEqual(['HCA']);
  });

  it('starts a name after a full stop: the last word of one sentence is not part of the next sentence\'s name', () => {
    const a = analysis('European shares ended 0.4% higher on Wednesday. Adyen jumped 8% after Goldman Sachs upgraded the Dutch payments company to buy from neutral. Ericsson fell 3% after Carnegie cut its target on the telecom-equipment maker to 72 Swedish crowns from 80 crowns.', 'European close: Adyen soars, Ericsson slips');
    expect(a.events).toContainEqual(expect.objectContaining({ type: 'analyst_rating', company: 'Adyen', firm: 'Goldman Sachs', action: 'upgrade' }));
    expect(a.events).not.toContainEqual(expect.objectContaining({ company: 'Ericsson', firm: 'Goldman Sachs' }));
    // An initial still joins the name after it.
    expect(analysis('Evercore raised its target on D. R. Horton to $180.').events[0]).toMatchObject({ ticker: 'DHI' });
  });

  it('finds a renamed company by its old name, and counts its old symbol as the same company in evaluation', () => {
    expect(analysis('Citigroup Upgrades Barrick Gold to Neutral').events[0]).toMatchObject({ ticker: 'B', company: 'Barrick Gold' });
    expect(sameListedCompany('ABX', 'B')).toBe(true);
    expect(sameListedCompany('FB', 'META')).toBe(true);
    expect(sameListedCompany('ABX', 'META')).toBe(false);
    // Two US lines of one home listing are one company.
    expect(sameListedCompany('EADSY', 'EADSF')).toBe(true);
    expect(sameListedCompany('TSCDY', 'TSCO.L')).toBe(true);
    // Evaluation only (data/listing-equivalents.json): an ADR and its home line.
    expect(sameListedCompany('HNNMY', 'HM-B.ST')).toBe(true);
    expect(sameListedCompany('ZLNDY', 'ZAL.DE')).toBe(true);
    expect(sameListedCompany('ZLNDY', 'SAP.DE')).toBe(false);
  });

  it.each([
    ['Bernstein downgraded Advanced Micro Devices (AMD) to market perform.', 'AMD'],
    ['Citi upgraded International Business Machines (IBM) to buy.', 'IBM'],
    ['UBS downgraded General Electric (GE) to neutral.', 'GE'],
    ['Barclays downgraded General Motors (GM) to equal weight.', 'GM'],
    ['Jefferies upgraded Home Depot (HD) to buy.', 'HD'],
  ])('keeps an explicit ticker that equals the name’s initials: %s', (text, ticker) => {
    const events = extractEvents({ body: text });
    expect(events[0]?.ticker).toBe(ticker);
    expect(tickersOf(text)).toEqual([ticker]);
  });

  it('reads every explicit form, and each wins over a guess', () => {
    expect(tickersOf('Nvidia Corp <NVDA.O> rose 2%.')).toEqual(['NVDA']);
    expect(tickersOf('Toyota Motor Corp <7203.T> fell 1% in Tokyo.')).toEqual(['7203.T']);
    expect(tickersOf('SAP SE <SAP.DE> fell 2% in Frankfurt.')).toEqual(['SAP.DE']);
    expect(tickersOf('Riot Platforms (NASDAQ: RIOT) and NYSE:XOM moved; $TSLA slid.')).toEqual(expect.arrayContaining(['RIOT', 'XOM', 'TSLA']));
    // A share class written beside the name is the one reported.
    expect(tickersOf('Alphabet (GOOG) shares rose 4% after the search giant beat estimates.')).toEqual(['GOOG']);
  });

  it('folds suffixes, punctuation and capitals: "NVIDIA CORP", "Nvidia Corp." and "Nvidia" are one company', () => {
    const a = analysis('NVIDIA CORP shares rose. Nvidia Corp. said demand was strong. Nvidia expects more.');
    expect(a.tickers).toEqual(['NVDA']);
    expect(a.entities?.[0]?.mentions).toHaveLength(3);
  });

  it('links how news names companies: Alphabet/Google, Meta/Facebook, P&G, Lilly, Berkshire', () => {
    for (const [text, ticker] of [
      ['Google shares fell 2% after the search giant was fined.', 'GOOGL'],
      ['Facebook parent Meta said ad revenue rose; Meta shares jumped.', 'META'],
      ['P&G raised prices again, and P&G shares rose.', 'PG'],
      ['Lilly shares jumped after Lilly reported strong Zepbound sales.', 'LLY'],
      ['Berkshire shares slipped as Berkshire sat on more cash.', 'BRK-B'],
    ] as const) {
      expect(tickersOf(text)).toEqual([ticker]);
    }
  });

  it('tells JPMorgan the research firm from JPMorgan the bank', () => {
    expect(tickersOf('JPMorgan upgraded Tesla to overweight.')).toEqual(['TSLA']);
    expect(tickersOf('JPMorgan Chase (JPM) shares fell 2% after the bank reported higher costs.')).toEqual(['JPM']);
    expect(tickersOf('JPMorgan Chase reported higher quarterly profit on Friday.')).toEqual(['JPM']);
    expect(tickersOf('Barclays reports 8% fall in annual profits')).toEqual(['BCS']);
    expect(tickersOf('Credit Suisse Reports on Advance Auto Parts')).toEqual(['AAP']);
  });

  it('needs evidence for names that are everyday words, and never reads lower case as a name', () => {
    expect(tickersOf("Target's stock fell 4% after the retailer cut its outlook.")).toEqual(['TGT']);
    expect(tickersOf('The company hit its target for store openings and net income rose.')).toEqual([]);
    expect(tickersOf('Morgan Stanley Raises Price Target On Netflix To $800')).toEqual(['NFLX']);
    expect(tickersOf('The oracle of Omaha spoke, a meta-analysis was published, and a gap in the market opened.')).toEqual([]);
    expect(tickersOf('Oracle shares rose 5% after Oracle won a cloud deal.')).toEqual(['ORCL']);
    expect(tickersOf('Apple Hospitality REIT raised its dividend; Apple Hospitality shares rose.')).toEqual(['APLE']);
  });

  // A general-news feed from ../shared (evaluation data, read where it is, never copied).
  const guardian = new URL('../../../../../shared/eval/feeds/rss-parser/guardian.rss', import.meta.url);
  it.skipIf(!existsSync(guardian))('finds no company in general news: no NBA, LPGA or FBI', () => {
    const feed = readFileSync(guardian, 'utf8');
    const paragraphs = [...feed.matchAll(/&lt;p&gt;(.*?)&lt;\/p&gt;/g)].map((m) => m[1]!.replace(/&lt;[^&]*&gt;/g, '').replace(/&amp;/g, '&'));
    expect(paragraphs.length).toBeGreaterThan(10);
    const found = new Set(paragraphs.flatMap((p) => tickersOf(p)));
    for (const word of ['NBA', 'LPGA', 'FBI', 'NFL']) expect(found).not.toContain(word);
  });

  it('keeps a company named once in passing out of the article’s subjects', () => {
    const a = analysis('Deutsche Bank raised its price target on General Motors (GM) to $78, keeping a buy rating, after the automaker said its cost-cutting program would save $2 billion. Customers such as Hertz have placed orders.');
    expect(a.tickers).toEqual(['GM']);
  });

  it('keeps a credit-rating agency acting on another company out of the subjects, and keeps it as a subject of its own news', () => {
    const a = analysis("Carnival shares fell 4% on Tuesday after Moody's cut the cruise operator's credit rating to junk. Moody's said leverage would stay high.");
    expect(a.tickers).toEqual(['CCL']);
    expect(analysis("Moody's shares rose 3% after the company reported record quarterly revenue.").tickers).toEqual(['MCO']);
  });

  it('keeps a company named only as where figures or words come from out of the subjects, and "the shares" off it', () => {
    const a = analysis('Leerink Partners cut its price target on Moderna to $22 from $38, the lowest on Wall Street according to LSEG data. The shares fell 7.8%.');
    expect(a.tickers).toEqual(['MRNA']);
    expect(a.entities?.find((e) => e.ticker === 'MRNA')?.mentions.map((m) => m.text)).toContain('The shares');
    expect(analysis("Walmart is not a sell at 35 times earnings, Northern Trust's chief investment strategist said. The retailer's membership income is steady.").tickers).toEqual(['WMT']);
  });

  it('finds a smaller company by a short form no other company starts with, and not by one that starts several', () => {
    expect(tickersOf('Tilray shares rose 5% after the cannabis producer beat estimates.')).toEqual(['TLRY']);
    expect(tickersOf('Enanta said its partner would file for approval in Japan.')).toEqual(['ENTA']);
    // "Applied" starts Applied Materials, Applied Digital and more; "Titan" several companies too.
    expect(tickersOf('Applied said orders rose. Titan said costs fell.')).toEqual([]);
  });

  it('finds a company the SEC lists surname first as news writes it ("HORTON D R INC" is D.R. Horton)', () => {
    expect(tickersOf('D.R. Horton rose 3% after its orders beat estimates.')).toEqual(['DHI']);
    expect(tickersOf('T. Rowe Price said client outflows slowed.')).toEqual(['TROW']);
    expect(tickersOf('J.B. Hunt fell after the trucker cut its outlook.')).toEqual(['JBHT']);
  });

  it('takes more companies from an operator’s alias table', () => {
    const events = extractAnalysis({ body: 'Shares of Northwind Robotics rose 8% after the robot maker won a contract.' }, { companyAliases: { companies: { NWRB: { aliases: ['Northwind Robotics'], name: 'Northwind Robotics Inc.', descriptions: ['robot maker'] } } } });
    expect(events.tickers).toEqual(['NWRB']);
  });

  it('keeps research-firm words out of the companies\' descriptions: "the brokerage" in a note is the broker', () => {
    // Qualified, one company ("the world's biggest lender", "the online brokerage"); bare, "the
    // brokerage", "the investment bank" or "the lender" points at the firm acting.
    const descriptions = ['../../data/company-aliases.json', '../../data/company-aliases-intl.json'].flatMap((file) =>
      Object.values((JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as { companies: Record<string, { descriptions?: string[] }> }).companies).flatMap((c) => c.descriptions ?? []),
    );
    const bare = ['bank', 'firm', 'broker', 'brokerage', 'investment bank', 'analysts', 'research firm', 'lender'];
    expect(bare.every((word) => firmAnaphora.test(`the ${word}`))).toBe(true);
    expect(descriptions.filter((d) => bare.includes(d.toLowerCase()))).toEqual([]);
    const events = extractEvents({ body: 'Broadcom rose. KeyBanc raised its target to $460, with the brokerage\'s outperform rating unchanged.' });
    expect(events.filter((e) => e.type === 'price_target').map((e) => e.ticker)).toEqual(['AVGO']);
  });

  it('names listings outside the US by their exchange symbol, as "(EPA: MC)" writes them, and counts the Reuters code as the same line', async () => {
    expect(tickersOf('LVMH fell 2% in Paris.')).toEqual(['MC.PA']);
    expect(tickersOf('LVMH Moet Hennessy Louis Vuitton (EPA: MC) fell 2%.')).toEqual(['MC.PA']);
    expect(tickersOf('Kering, the Gucci owner, rose.')).toEqual(['KER.PA']);
    expect(tickersOf('Adidas shares climbed in Frankfurt.')).toEqual(['ADS.DE']);
    const { sameListedCompany } = await import('./listings.ts');
    expect(sameListedCompany('MC.PA', 'LVMH.PA')).toBe(true);
    expect(sameListedCompany('MC.PA', 'RMS.PA')).toBe(false);
  });
});
