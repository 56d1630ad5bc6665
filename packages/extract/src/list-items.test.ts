import { describe, expect, it } from 'vitest';
import { extractEvents } from './index.ts';

const read = (body: string) =>
  extractEvents({ body })
    .filter((e) => e.type === 'analyst_rating' || e.type === 'price_target')
    .map((e) => {
      const r = e as unknown as Record<string, unknown>;
      return e.type === 'analyst_rating' ? ['R', r.ticker, r.firm, r.action, r.ratingFrom, r.ratingTo] : ['T', r.ticker, r.firm, r.action, r.from, r.to];
    });

describe('list items: the telegraphic grammar of newsletters and digests', () => {
  it('reads "to X from Y" and figures in parentheses, with the heading saying what the items are', () => {
    const body = "Upgrades:\n- Ford (F): Jefferies to buy from hold; PT $16 (from $11)\nDowngrades:\n- Lowe's (LOW): Loop Capital to hold\nInitiations:\n- Vertiv (VRT): Evercore ISI at outperform, PT $175\n";
    expect(read(body)).toEqual([
      ['R', 'F', 'Jefferies', 'upgrade', 'hold', 'buy'],
      ['T', 'F', 'Jefferies', 'raise', 11, 16],
      ['R', 'LOW', 'Loop Capital', 'downgrade', null, 'hold'],
      ['R', 'VRT', 'Evercore ISI', 'initiate', null, 'outperform'],
      ['T', 'VRT', 'Evercore ISI', 'initiate', null, 175],
    ]);
  });

  it('reads arrows between ratings and between targets, and takes the firm the text named before the list', () => {
    const body = 'Bernstein published its software outlook today. Actions:\n- Outperform -> Market Perform: ServiceNow (NOW), PT $1,050 -> $920\n- Reiterated Underperform: Unity Software (U), PT $18 unchanged\n';
    expect(read(body)).toEqual([
      ['R', 'NOW', 'Bernstein', 'downgrade', 'outperform', 'market perform'],
      ['T', 'NOW', 'Bernstein', 'lower', 1050, 920],
      ['R', 'U', 'Bernstein', 'maintain', null, 'underperform'],
      ['T', 'U', 'Bernstein', 'maintain', null, 18],
    ]);
    expect(read('- $DELL: Morgan Stanley Equal-Weight -> Overweight, PT $165 (prev $128)')).toEqual([
      ['R', 'DELL', 'Morgan Stanley', 'upgrade', 'equal-weight', 'overweight'],
      ['T', 'DELL', 'Morgan Stanley', 'raise', 128, 165],
    ]);
  });

  it('gives nothing for an item that is no rating or target, and reads no heading into prose after the list', () => {
    expect(read('- $IBM: no rating change; EPS ests raised at Evercore ISI\n- Not a call: Honeywell confirmed the timing of its split.')).toEqual([]);
    // Under "Upgrades:", a later paragraph's "to buy" is no upgrade: the section ends with the list.
    expect(read('Upgrades:\n- Ford (F): Jefferies to buy from hold\nApple shares rose as investors rushed to buy.')).toEqual([['R', 'F', 'Jefferies', 'upgrade', 'hold', 'buy']]);
  });

  it('reads a thread\'s numbered items about the company named before the list, a firm then its rating, and "stays"', () => {
    // In any order: the sentence grammar reads the target of the first item, the list grammar the rest.
    expect(read('$NVDA PT hikes this morning\n1/ MS OW, PT to $250 from $235\n2/ Citi Buy, PT $270 from $240\n')).toEqual(expect.arrayContaining([
      ['R', 'NVDA', 'Morgan Stanley', 'maintain', null, 'ow'],
      ['T', 'NVDA', 'Morgan Stanley', 'raise', 235, 250],
      ['R', 'NVDA', 'Citi', 'maintain', null, 'buy'],
      ['T', 'NVDA', 'Citi', 'raise', 240, 270],
    ]));
    expect(read('Disney after the print:\n- Guggenheim stays Buy, PT up to $145 (from $135)\n')).toEqual([
      ['R', 'DIS', 'Guggenheim', 'maintain', null, 'buy'],
      ['T', 'DIS', 'Guggenheim', 'raise', 135, 145],
    ]);
  });
  it('reads an item about several companies: one figure each with "respectively", the rating "both" keep', () => {
    const text = 'Evercore ISI on card issuers (Tuesday):\n- Capital One (COF), American Express (AXP): targets raised to $260 and $355, respectively; both in line.\n- Synchrony (SYF): downgraded to underperform from in line; target $58 from $72.';
    expect(extractEvents({ body: text }).filter((e) => e.type === 'price_target' || e.type === 'analyst_rating').map((e) => [e.type, e.ticker, e.action, (e as { to?: number }).to ?? (e as { ratingTo?: string }).ratingTo])).toEqual([
      ['price_target', 'COF', 'raise', 260], ['analyst_rating', 'COF', 'maintain', 'in line'],
      ['price_target', 'AXP', 'raise', 355], ['analyst_rating', 'AXP', 'maintain', 'in line'],
      ['analyst_rating', 'SYF', 'downgrade', 'underperform'], ['price_target', 'SYF', 'lower', 58],
    ]);
  });
  it('reads an item that ends a coverage ("Piper Sandler drops coverage")', () => {
    const text = "Here's what the Street is saying today:\n• Peloton Interactive (PTON): Piper Sandler drops coverage.\n• Target Corp (TGT): Oppenheimer lowers PT to $140 from $155, keeps outperform.";
    expect(extractEvents({ body: text }).filter((e) => e.type === 'analyst_rating').map((e) => [e.ticker, e.action])).toEqual([['PTON', 'terminate'], ['TGT', 'maintain']]);
  });
});
