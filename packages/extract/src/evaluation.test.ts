import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '@tickerwire/core';
import { evaluate, type EvaluationRecord } from './evaluation.ts';

// The matching rules the figures in the issue notes rest on: each one says when a prediction
// that differs in form from its label is the same fact, and nothing more.
const target = (fields: Record<string, unknown>) => ({ type: 'price_target', ticker: 'TM', company: 'Toyota', firm: 'Nomura', action: 'lower', from: 3100, to: 2800, currency: 'JPY', ...fields });
const score = (label: Record<string, unknown>, got: Record<string, unknown>) => {
  const record: EvaluationRecord = { id: 'r1', text: 'x', events: [label as EvaluationRecord['events'][number]] };
  return evaluate([record], () => [got as unknown as MarketEvent]).overall;
};

describe('evaluation matching', () => {
  it('counts a prediction with every labelled field equal as a true positive', () => {
    expect(score(target({}), target({ changePct: -9.68 }))).toMatchObject({ tp: 1, fp: 0, fn: 0 });
  });

  it('counts a matched prediction with a wrong field as both a false positive and a false negative', () => {
    expect(score(target({}), target({ to: 2900 }))).toMatchObject({ tp: 0, fp: 1, fn: 1 });
  });

  it('takes a rating abbreviation and the rating spelled out as one rating, and no other pair', () => {
    const rating = (ratingTo: string) => ({ type: 'analyst_rating', ticker: 'NVDA', company: 'Nvidia', firm: 'Morgan Stanley', action: 'maintain', ratingFrom: null, ratingTo });
    expect(score(rating('overweight'), rating('ow'))).toMatchObject({ tp: 1 });
    expect(score(rating('UW'), rating('underweight'))).toMatchObject({ tp: 1 });
    expect(score(rating('overweight'), rating('uw'))).toMatchObject({ tp: 0, fn: 1 });
  });

  it("takes a dual-listed company's US and home symbols as one company, and no other pair", () => {
    expect(score(target({ ticker: '7203.T' }), target({ ticker: 'TM' }))).toMatchObject({ tp: 1 });
    expect(score(target({ ticker: 'SAPG.DE', company: 'SAP' }), target({ ticker: 'SAP', company: 'SAP' }))).toMatchObject({ tp: 1 });
    expect(score(target({ ticker: '7267.T' }), target({ ticker: 'TM' }))).toMatchObject({ tp: 0, fn: 1 });
    // The company written another way on the other line is the same company.
    expect(score(target({ ticker: 'MC', company: 'LVMH' }), target({ ticker: 'MC.PA', company: 'LVMH Moet Hennessy Louis Vuitton' }))).toMatchObject({ tp: 1 });
  });

  it('takes a home code written without its venue suffix ("(TSE: 8035)") as the same listing, and no other code', () => {
    expect(score(target({ ticker: '8035', company: 'Tokyo Electron' }), target({ ticker: '8035.T', company: 'Tokyo Electron' }))).toMatchObject({ tp: 1 });
    expect(score(target({ ticker: '8036', company: 'Tokyo Electron' }), target({ ticker: '8035.T', company: 'Tokyo Electron' }))).toMatchObject({ tp: 0, fp: 1, fn: 1 });
  });

  it('takes a share class written with or without its hyphen, and a foreign line the listing table knows, as one company', () => {
    expect(score(target({ ticker: 'NOVO-B.CO', company: 'Novo Nordisk' }), target({ ticker: 'NVO', company: 'Novo Nordisk' }))).toMatchObject({ tp: 1 });
    expect(score(target({ ticker: 'ERIC-B.ST', company: 'Ericsson' }), target({ ticker: 'ERIC', company: 'Ericsson' }))).toMatchObject({ tp: 1 });
    expect(score(target({ ticker: '6857.T', company: 'Advantest' }), target({ ticker: 'ATEYY', company: 'Advantest' }))).toMatchObject({ tp: 1 });
    expect(score(target({ ticker: '6954.T', company: 'Fanuc' }), target({ ticker: 'ATEYY', company: 'Advantest' }))).toMatchObject({ tp: 0 });
  });

  it('takes two names of one research firm as the same firm, and a ticker the text does not write as no error', () => {
    expect(score(target({ firm: 'BofA Securities' }), target({ firm: 'Bank of America' }))).toMatchObject({ tp: 1 });
    expect(score(target({ ticker: null }), target({}))).toMatchObject({ tp: 1 });
    expect(score(target({ firm: 'Barclays' }), target({}))).toMatchObject({ tp: 0, fp: 1, fn: 1 });
  });
});
