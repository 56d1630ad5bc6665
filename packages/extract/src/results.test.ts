import { describe, expect, it } from 'vitest';
import { FinancialResultEvent, GuidanceEvent, type MarketEvent } from '@tickerwire/core';
import { extractEvents } from './index.ts';

// Our own sentences (made-up companies and figures), not the labelled set's.
type Loose = Record<string, unknown>;
const ofType = (body: string, type: MarketEvent['type']) =>
  extractEvents({ body })
    .filter((e) => e.type === type)
    .map(({ evidence: _e, confidence: _c, ...rest }) => rest as Loose);
const results = (body: string) => ofType(body, 'financial_result');
const guidance = (body: string) => ofType(body, 'guidance');

describe('financial results', () => {
  it('reads a loss that narrowed as up, both figures negative', () => {
    expect(results('Halvorsen Marine said its net loss narrowed to EUR 2,4 mn from EUR 5,0 mn in the first half of 2025.')).toEqual([
      expect.objectContaining({
        company: 'Halvorsen Marine',
        metric: 'net_income',
        period: 'first half of 2025',
        value: { amount: -2_400_000, currency: 'EUR' },
        prior: { amount: -5_000_000, currency: 'EUR' },
        changePct: 52,
        direction: 'up',
      }),
    ]);
  });

  it('reads a loss that widened as down', () => {
    expect(results('Brightwell Foods posted a wider quarterly loss: its net loss widened to $12 million from $8 million.')[0]).toMatchObject({ value: { amount: -12e6, currency: 'USD' }, prior: { amount: -8e6, currency: 'USD' }, changePct: -50, direction: 'down' });
  });

  it('reads "EUR 1,3 million" with a decimal comma, and a stated change', () => {
    expect(results("Kalvola Oyj's operating profit rose 18 % to EUR 1,3 million in the third quarter.")).toEqual([
      expect.objectContaining({ metric: 'operating_profit', period: 'third quarter', value: { amount: 1_300_000, currency: 'EUR' }, changePct: 18, direction: 'up' }),
    ]);
  });

  it('reads MEUR figures with the Nordic prior in parentheses', () => {
    expect(results("Saarela Group's net sales were MEUR 41.2 (MEUR 38.0).")[0]).toMatchObject({ metric: 'revenue', value: { amount: 41_200_000, currency: 'EUR' }, prior: { amount: 38_000_000, currency: 'EUR' }, changePct: 8.4, direction: 'up' });
  });

  it('reads "sales fell short of estimates" as a miss, the estimate kept out of the figures', () => {
    expect(results('Norrland Retail said quarterly sales of SEK 120 million fell short of estimates of SEK 131 million.')).toEqual([
      expect.objectContaining({ metric: 'revenue', value: { amount: 120_000_000, currency: 'SEK' }, prior: null, vsEstimates: 'miss', direction: null }),
    ]);
  });

  it('gives per-share EPS beside net income, with the period and direction of its clause', () => {
    const found = results('Orchard Tools said fourth-quarter net income rose to $410 million, or $1.62 per share, from $350 million, or $1.38 per share.');
    expect(found).toEqual([
      expect.objectContaining({ metric: 'net_income', period: 'fourth-quarter', value: { amount: 410e6, currency: 'USD' }, prior: { amount: 350e6, currency: 'USD' }, direction: 'up', changePct: 17.1 }),
      expect.objectContaining({ metric: 'eps', period: 'fourth-quarter', value: { amount: 1.62, currency: 'USD' }, prior: { amount: 1.38, currency: 'USD' }, direction: 'up', changePct: 17.4 }),
    ]);
  });

  it('reads adjusted EPS that topped the consensus as a beat', () => {
    expect(results('Orchard Tools reported adjusted EPS of $2.05, topping the consensus estimate of $1.90.')[0]).toMatchObject({ metric: 'eps', value: { amount: 2.05, currency: 'USD' }, vsEstimates: 'beat' });
  });

  it('reads a margin in percent, without a percent change', () => {
    expect(results("Halvorsen Marine's gross margin narrowed to 31.5% from 33.0%.")[0]).toMatchObject({ metric: 'gross_margin', value: { amount: 31.5, unit: 'percent' }, prior: { amount: 33, unit: 'percent' }, changePct: null, direction: 'down' });
  });

  it('reads a swing to a loss as down, with no percent change', () => {
    expect(results('Tammisaari Steel swung to an operating loss of EUR 6 mn from an operating profit of EUR 4 mn.')[0]).toMatchObject({ value: { amount: -6e6, currency: 'EUR' }, prior: { amount: 4e6, currency: 'EUR' }, changePct: null, direction: 'down' });
  });

  it('reads a release sentence that names no company, with company null, and takes the subject of an earlier sentence', () => {
    expect(results('Operating profit rose to EUR 3.3 mn from EUR 2.8 mn in the corresponding period in 2024.')).toEqual([
      expect.objectContaining({ ticker: null, company: null, metric: 'operating_profit', period: null, value: { amount: 3_300_000, currency: 'EUR' }, prior: { amount: 2_800_000, currency: 'EUR' }, changePct: 17.9, direction: 'up' }),
    ]);
    expect(results('Saarela Group published its interim report on Friday. The company’s order intake fell 6 % to EUR 31.0 mn.')[0]).toMatchObject({ company: 'Saarela Group', metric: 'orders', changePct: -6, direction: 'down' });
  });

  it('reads the lines where less is better, returns, margins and a return to profit', () => {
    expect(results("The bank's loan losses decreased to EUR 14 mn from EUR 38 mn.")).toMatchObject([{ metric: 'credit_losses', direction: 'down', value: { amount: 14e6 }, prior: { amount: 38e6 } }]);
    expect(results('Energy costs were reduced by about a third as a result of the switch to biofuel.')).toMatchObject([{ metric: 'costs', direction: 'down', company: null }]);
    expect(results("The bank's non-performing loans rose to 4.3 % of the loan book.")).toMatchObject([{ metric: 'non_performing_loans', direction: 'up' }]);
    expect(results('Margins were better than expected thanks to a favourable product mix.')).toMatchObject([{ metric: 'margin', vsEstimates: 'beat' }]);
    expect(results('The company returned to profit, posting net income of $38 million after a loss of $12 million a year earlier.')).toMatchObject([{ metric: 'net_income', value: { amount: 38e6 }, prior: { amount: -12e6 }, direction: 'up' }]);
    expect(results('Diluted EPS came in at $0.61, a penny below what analysts had forecast.')).toMatchObject([{ metric: 'eps', vsEstimates: 'miss' }]);
    expect(results('Revenue in Asia increased by 29 %, and the region is now the largest.')).toMatchObject([{ metric: 'revenue', changePct: 29, direction: 'up' }]);
    // No line, no figure: a sentence about costs in general is no result.
    expect(results('Prices depend on many factors.')).toEqual([]);
  });
  it('reads an operating result, a result before taxes, a change said after the figure and a prior loss after "the"', () => {
    expect(results('Operating result, excluding one-off items, totaled EUR 4.9 mn (EUR 3.9 mn).')).toMatchObject([{ metric: 'operating_profit', value: { amount: 4.9e6 }, prior: { amount: 3.9e6 }, direction: 'up' }]);
    expect(results("The company's result before taxes improved to EUR 2.1 mn.")).toMatchObject([{ metric: 'pretax_profit', direction: 'up' }]);
    expect(results('Revenue for the quarter totalled $1.2 billion, a 7 % decline from the prior year.')).toMatchObject([{ metric: 'revenue', changePct: -7, direction: 'down' }]);
    expect(results('Earnings per share amounted to EUR 0.03, up from the loss of EUR 0.083.')).toMatchObject([{ metric: 'eps', value: { amount: 0.03 }, prior: { amount: -0.083 }, direction: 'up' }]);
  });
  it('reads market share, and margins that came under pressure', () => {
    expect(results("The company's market share increased to 25 %.")).toMatchObject([{ metric: 'market_share', value: { amount: 25, unit: 'percent' }, direction: 'up' }]);
    expect(results('Margins came under pressure from higher raw material prices.')).toMatchObject([{ metric: 'margin', direction: 'down' }]);
  });
  it('gives events that the contract schema accepts', () => {
    for (const e of extractEvents({ body: 'Halvorsen Marine said its net loss narrowed to EUR 2,4 mn from EUR 5,0 mn.' })) expect(FinancialResultEvent.safeParse(e).success).toBe(true);
  });
});

describe('guidance', () => {
  it('reads "reaffirmed its outlook"', () => {
    expect(guidance('Orchard Tools reaffirmed its outlook for 2026.')).toEqual([expect.objectContaining({ company: 'Orchard Tools', action: 'reaffirm', metric: null, period: '2026', low: null, high: null, currency: null })]);
  });

  it('reads "withdrew guidance"', () => {
    expect(guidance('Brightwell Foods withdrew guidance, citing the strike at its largest plant.')).toEqual([expect.objectContaining({ action: 'withdraw', metric: null })]);
  });

  it('reads a guidance range in euros', () => {
    expect(guidance('Kalvola Oyj raised its full-year guidance and now expects comparable EBITDA of EUR 45–50 million.')).toEqual([
      expect.objectContaining({ action: 'raise', metric: 'ebitda', period: 'full-year', low: 45e6, high: 50e6, currency: 'EUR' }),
    ]);
  });

  it('reads a cut per-share range, the previous range not recorded', () => {
    expect(guidance('Brightwell Foods cut its annual earnings forecast to $2.10–$2.30 per share from $2.40–$2.60.')).toEqual([
      expect.objectContaining({ action: 'lower', metric: 'eps', period: 'annual', low: 2.1, high: 2.3, currency: 'USD' }),
    ]);
  });

  it('reads a growth range in percent without a currency, and "at least"', () => {
    expect(guidance('Saarela Group expects its net sales to grow 4–6 % in 2026.')[0]).toMatchObject({ action: 'initiate', metric: 'revenue', low: 4, high: 6, currency: null });
    expect(guidance('Saarela Group expects its operating margin to be at least 12 % in 2026.')[0]).toMatchObject({ metric: 'operating_margin', low: 12, high: null });
  });

  it('gives events that the contract schema accepts', () => {
    for (const e of extractEvents({ body: 'Orchard Tools reaffirmed its outlook for 2026.' })) if (e.type === 'guidance') expect(GuidanceEvent.safeParse(e).success).toBe(true);
  });
});

describe('not results or guidance', () => {
  it.each([
    ['an analyst estimate change', 'Jefferies raised its EPS estimate for Orchard Tools to $2.40 from $2.20.'],
    ['an analyst forecast', 'Analysts at Nordbank expect Saarela Group to report net sales of EUR 44 million.'],
    ['cost savings', 'Kalvola Oyj plans cost savings of EUR 15 million a year from 2026.'],
    ['a dividend', 'Saarela Group proposes a dividend of EUR 0.80 per share, up from EUR 0.70.'],
    ['macro data', 'Retail sales in Sweden rose 3 % in November, the statistics office said.'],
    ['a fund return', 'The fund returned 7.5 % last year, beating its benchmark.'],
    ['a contract', 'Tammisaari Steel signed a contract worth EUR 12 million with a Polish shipyard.'],
    ['a credit rating outlook', "Moody's affirmed Kalvola Oyj's rating with a stable outlook."],
  ])('%s', (_what, text) => {
    expect([...results(text), ...guidance(text)]).toEqual([]);
  });
  it('reads "orders dried up" as orders down, not up', () => {
    expect(extractEvents({ body: 'Acme Corp said orders dried up in the third quarter.' }).filter((e) => e.type === 'financial_result')).toMatchObject([{ metric: 'orders', direction: 'down' }]);
  });
  it('gives each company of a contrast its own figure or forecast, and reads a swing without figures', () => {
    const read = (text: string) => extractEvents({ body: text }).filter((e) => e.type === 'financial_result' || e.type === 'guidance').map((e) => [e.type, e.company, e.type === 'guidance' ? (e as { action: string }).action : (e as { direction: string | null }).direction]);
    expect(read("Oakhurst Chemicals' profit beat forecasts, while Redfern Chemicals cut its guidance for the second time this year.")).toEqual([
      ['financial_result', 'Oakhurst Chemicals', null],
      ['guidance', 'Redfern Chemicals', 'lower'],
    ]);
    expect(read("Sundvik Forest swung to a quarterly loss as prices collapsed, while Tervala Pulp's profit doubled.")).toEqual([
      ['financial_result', 'Sundvik Forest', 'down'],
      ['financial_result', 'Tervala Pulp', 'up'],
    ]);
    expect(read('Harjumaa Cranes swung to a profit in the fourth quarter.')).toEqual([['financial_result', 'Harjumaa Cranes', 'up']]);
  });
  it('reads a release speaking of itself ("The company raised its guidance") and the lines where less is better', () => {
    const read = (text: string) => extractEvents({ body: text }).filter((e) => e.type === 'financial_result' || e.type === 'guidance').map((e) => [e.type, e.type === 'guidance' ? (e as { action: string }).action : (e as { metric: string }).metric, e.type === 'guidance' ? null : (e as { direction: string | null }).direction]);
    expect(read('The company raised its full-year revenue guidance to between $8.9 billion and $9.1 billion.')).toEqual([['guidance', 'raise', null]]);
    expect(read('Gearing fell to 41 % from 67 % at the end of the previous year.')).toEqual([['financial_result', 'gearing', 'down']]);
    expect(read("The company's equity ratio rose to 46 % from 38 %.")).toEqual([['financial_result', 'equity_ratio', 'up']]);
    // Still no forecast without a company or a release's own voice.
    expect(read('Earnings outlook strong, keep on buying.')).toEqual([]);
  });
  it('reads a judgment word by the figures, and a release\'s sentence naming itself by a description', () => {
    const read = (text: string) => extractEvents({ body: text }).filter((e) => e.type === 'financial_result').map((e) => [(e as { metric: string }).metric, (e as { direction: string | null }).direction]);
    expect(read('Gearing improved to 32 % from 55 %.')).toEqual([['gearing', 'down']]);
    expect(read('Net sales of the Finnish IT services company grew to EUR 37.5 mln from EUR 31.1 mln.')).toEqual([['revenue', 'up']]);
    // "Sales of the new model" is a product's, not the company's line.
    expect(read('Sales of the new model rose to EUR 5 mn.')).toEqual([]);
  });
  it("gives no guidance for a central bank's or a public body's forecast", () => {
    expect(extractEvents({ body: 'The Federal Reserve cut its growth forecast.' }).filter((e) => e.type === 'guidance')).toEqual([]);
    expect(extractEvents({ body: 'The IMF raised its forecast for global growth to 3.2%.' }).filter((e) => e.type === 'guidance')).toEqual([]);
    expect(extractEvents({ body: 'Apple raised its revenue forecast.' }).filter((e) => e.type === 'guidance')).toMatchObject([{ ticker: 'AAPL', action: 'raise' }]);
  });
  it('gives a research firm that rates a company no results or guidance of its own, and keeps a brokerage\'s own', () => {
    const types = (title: string, body: string) => extractEvents({ title, body }).filter((e) => e.type === 'guidance' || e.type === 'financial_result').map((e) => [e.type, e.ticker]);
    expect(types('Goldman upgrades Nike to buy', 'Goldman Sachs upgraded Nike to buy from neutral on Wednesday and raised its price target to $95 from $80. The brokerage expects North American sales to return to growth in the second half of fiscal 2027.')).toEqual([]);
    expect(types('Schwab posts record quarter', 'Charles Schwab said on Thursday quarterly net revenue rose 12% to $5.6 billion. The brokerage expects net interest revenue to grow in 2027.')).toEqual([['financial_result', 'SCHW'], ['guidance', 'SCHW']]);
  });
  it("gives no guidance for a credit-rating agency's outlook on a company's credit, and keeps the company's own in the next clause", () => {
    const guidance = (body: string) => extractEvents({ body }).filter((e) => e.type === 'guidance').map((e) => [e.ticker, (e as { action: string }).action]);
    expect(guidance("Moody's downgrades Ford, keeps outlook negative")).toEqual([]);
    expect(guidance('Fitch Ratings affirmed Pfizer at A and revised its outlook to stable from negative.')).toEqual([]);
    expect(guidance("S&P affirmed Boeing's BBB- rating last week, and Boeing on Tuesday reaffirmed its full-year revenue outlook.")).toEqual([['BA', 'reaffirm']]);
  });
  it('reads no guidance in an analyst\'s own forecast ("She also raised her services revenue growth forecast to 13%")', () => {
    const note = 'Goldman Sachs raised its earnings forecasts for Apple. She also raised her services revenue growth forecast to 13% from 11%.';
    expect(extractEvents({ body: note }).filter((e) => e.type === 'guidance')).toEqual([]);
    expect(extractEvents({ body: 'Nike raised its full-year revenue forecast to $52 billion.' }).filter((e) => e.type === 'guidance')).toHaveLength(1);
  });
});
