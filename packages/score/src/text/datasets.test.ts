import { describe, expect, it } from 'vitest';
import { parseCsv, parseEntityJsonLines, parseLabelledCsv, parseLabelledJsonLines } from './datasets.ts';

describe('dataset parsing', () => {
  it('reads quoted CSV fields with commas, doubled quotes and line breaks', () => {
    const csv = 'text,label\n"Acme beats, raises ""guidance""\nagain",bullish\nplain,neutral\r\n';
    expect(parseCsv(csv)).toEqual([['text', 'label'], ['Acme beats, raises "guidance"\nagain', 'bullish'], ['plain', 'neutral']]);
    expect(parseLabelledCsv(csv)).toEqual([
      { text: 'Acme beats, raises "guidance"\nagain', label: 'bullish' },
      { text: 'plain', label: 'neutral' },
    ]);
  });

  it("accepts the upstream dataset's digit labels and rejects unknown ones", () => {
    expect(parseLabelledCsv('label,text\n0,down\n1,up\n2,flat\n').map((e) => e.label)).toEqual(['bearish', 'bullish', 'neutral']);
    expect(() => parseLabelledCsv('text,label\nx,sideways\n')).toThrow(/row 2/);
  });

  it('reads labelled and per-entity JSON Lines', () => {
    expect(parseLabelledJsonLines('{"text":"up","label":"bullish"}\n\n')).toEqual([{ text: 'up', label: 'bullish' }]);
    const [headline] = parseEntityJsonLines('{"text":"A up, B down","entities":{"A":"positive","B":"negative"}}\n');
    expect([...(headline?.entities ?? [])]).toEqual([['A', 'positive'], ['B', 'negative']]);
    expect(() => parseEntityJsonLines('{"text":"x","entities":{"A":"up"}}')).toThrow(/polarity/);
  });
});
