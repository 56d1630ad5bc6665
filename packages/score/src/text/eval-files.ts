import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where the shared evaluation files live (third-party text, read in place, never copied
 * into the repo): `<workspace>/../shared/eval`, as the eval README prescribes.
 */
export const evalDirectory = fileURLToPath(new URL('../../../../../shared/eval', import.meta.url));

export const evalFiles = {
  tweetTrain: `${evalDirectory}/twitter-fin-sentiment/train.csv`,
  tweetDev: `${evalDirectory}/twitter-fin-sentiment/dev.csv`,
  entityHeadlines: `${evalDirectory}/sentfin-dev.jsonl`,
  semevalHeadlines: `${evalDirectory}/semeval2017-headlines.jsonl`,
  fiqaHeadlines: `${evalDirectory}/fiqa-headlines.jsonl`,
} as const;

export function evalFilesPresent(): boolean {
  return Object.values(evalFiles).every((path) => existsSync(path));
}

/** Our own PhraseBank-style sentences about companies' results (written by us; packages/score/fixtures). */
export const ownResultSentences = fileURLToPath(new URL('../../fixtures/results-sentences.jsonl', import.meta.url));

/**
 * Our own checks written after the model's own training sentences (own-training.ts), in other
 * words than its templates: news sentences of every kind, and multi-company sentences with a
 * label per company. Evaluation only, never trained on.
 */
export const ownNewsSentences = fileURLToPath(new URL('../../fixtures/news-sentences.jsonl', import.meta.url));
export const ownEntitySentences = fileURLToPath(new URL('../../fixtures/entity-sentences.jsonl', import.meta.url));

/** The results and guidance set (eval/results-guidance, labelled by us): its `sentiment` field per sentence. */
export const resultsGuidanceSentences = fileURLToPath(new URL('../../../../eval/results-guidance/sentences.jsonl', import.meta.url));

/**
 * Blind sets written for measuring, by someone who never ran the model (fixtures/BLIND-SETS.md):
 * 450 news and press-release sentences, and 180 news texts with a label per company. Never
 * trained on; a seeded third of each is a lockbox (`eval --sentiment --part lockbox`).
 */
export const blindNewsSentences = fileURLToPath(new URL('../../fixtures/blind-news-sentences.jsonl', import.meta.url));
export const blindEntityTexts = fileURLToPath(new URL('../../fixtures/blind-entity-texts.jsonl', import.meta.url));
/** A third blind set (BLIND3-NOTES.md): written by a helper who read no code, scored once on 2026-12-05 before any change made for it. */
export const blind3NewsSentences = fileURLToPath(new URL('../../fixtures/blind3-news-sentences.jsonl', import.meta.url));
export const blind3EntityTexts = fileURLToPath(new URL('../../fixtures/blind3-entity-texts.jsonl', import.meta.url));
/** A fourth blind set (BLIND4-NOTES.md): 90 wire stories of 2–5 sentences, 288 company labels; scored once on 2026-12-05 (session start 69.4%, then 69.8%) before any change made for it. */
export const blind4EntityTexts = fileURLToPath(new URL('../../fixtures/blind4-entity-texts.jsonl', import.meta.url));
export const blind5EntityTexts = fileURLToPath(new URL('../../fixtures/blind5-entity-texts.jsonl', import.meta.url));
export const blind6EntityTexts = fileURLToPath(new URL('../../fixtures/blind6-entity-texts.jsonl', import.meta.url));
