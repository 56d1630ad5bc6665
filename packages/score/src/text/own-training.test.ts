import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ownEntitySentences, ownNewsSentences, ownResultSentences } from './eval-files.ts';
import { ownTrainingSentences } from './own-training.ts';

describe('our own training sentences', () => {
  const sentences = ownTrainingSentences(12);

  it('are the same every time (the model file depends on them byte for byte)', () => {
    expect(ownTrainingSentences(12)).toEqual(sentences);
    expect(ownTrainingSentences(12, 1)).not.toEqual(sentences);
  });

  it('hold every class, and read the way their labels say', () => {
    const count = (label: string) => sentences.filter((s) => s.label === label).length;
    expect(count('bullish')).toBeGreaterThan(100);
    expect(count('bearish')).toBeGreaterThan(100);
    expect(count('neutral')).toBeGreaterThan(100);
    expect(sentences).toContainEqual(expect.objectContaining({ label: 'bullish', text: expect.stringMatching(/narrowed its (net|operating|pretax) loss/) }));
    expect(sentences).toContainEqual(expect.objectContaining({ label: 'bearish', text: expect.stringMatching(/will cut \d+ jobs/) }));
  });

  it('name no company of the fixtures we evaluate on, so a name cannot carry a label there', () => {
    const fixtures = [ownResultSentences, ownNewsSentences, ownEntitySentences].map((f) => readFileSync(f, 'utf8')).join('\n');
    const names = new Set(sentences.flatMap((s) => s.text.match(/\b[A-Z][a-z]+ (?:Group|Oyj|AB|Industries|Systems|Holding|ASA|Corporation)\b/g) ?? []));
    expect(names.size).toBeGreaterThan(50);
    for (const name of names) expect(fixtures).not.toContain(name.split(' ')[0]);
  });
});
