// Measures a variant of the text model: trains on an inner split of the training data and
// scores the inner validation part (what options are chosen by), then trains on all of it and
// prints every dev file (tweets dev.csv, the held-out sentfin third, semeval, fiqa) and our own
// results sentences, for reading only. Variants as key=value: training options (epochs=30),
// dense feature switches (crosses=0, negation=0, scale=0.6), entity rules (movement=0),
// sentfin=0 (tweets only), sentfinWeight=N (repeat headline examples N times).
// Usage: node packages/score/scripts/experiment.ts [key=value ...]
import { readFileSync } from 'node:fs';
import { createAfinnScorer } from '../src/text/afinn.ts';
import { createTextClassifier, textKindFeatures } from '../src/text/classifier.ts';
import { parseEntityJsonLines, parseLabelledCsv, parseLabelledJsonLines } from '../src/text/datasets.ts';
import { denseFeatureConfig } from '../src/text/dense-features.ts';
import { entityRules, evaluateEntities, scoreEntity } from '../src/text/entity.ts';
import { evalDirectory, evalFiles } from '../src/text/eval-files.ts';
import { textLabels } from '../src/text/labels.ts';
import { evaluateClassification } from '../src/text/metrics.ts';
import { defaultTrainingOptions, trainTextModel, type TrainingOptions } from '../src/text/train.ts';
import { entityTrainingExamples, ownSentencesPerTemplate, readTrainingSources } from '../src/text/training-data.ts';
import { ownTrainingSentences } from '../src/text/own-training.ts';
import { inLockbox } from '@tickerwire/extract';

const options: Record<string, number> = { ...defaultTrainingOptions };
let sentfin = 1;
let sentfinWeight = 1;
let own = ownSentencesPerTemplate;
let ownRepeat = 1;
let ownAsEntity = 0;
for (const argument of process.argv.slice(2)) {
  const [key = '', raw = ''] = argument.split('=');
  const value = Number(raw);
  if (key in options) options[key] = value;
  else if (key in denseFeatureConfig) (denseFeatureConfig as Record<string, unknown>)[key] = typeof (denseFeatureConfig as Record<string, unknown>)[key] === 'boolean' ? value !== 0 : value;
  else if (key in entityRules) (entityRules as Record<string, unknown>)[key] = typeof (entityRules as Record<string, unknown>)[key] === 'boolean' ? value !== 0 : value;
  else if (key === 'kind') textKindFeatures.enabled = value !== 0;
  else if (key === 'sentfin') sentfin = value;
  else if (key === 'sentfinWeight') sentfinWeight = value;
  else if (key === 'own') own = value;
  else if (key === 'ownRepeat') ownRepeat = value;
  else if (key === 'ownAsEntity') ownAsEntity = value;
  else throw new Error(`unknown variant ${argument}`);
}
const trainingOptions = options as unknown as TrainingOptions;
const afinn = createAfinnScorer();
const sources = readTrainingSources();
const build = (tweets: typeof sources.tweets, headlines: typeof sources.headlines) => {
  const entity = sentfin ? entityTrainingExamples(headlines) : [];
  const ownTexts = own ? ownTrainingSentences(own) : [];
  const ownSentences = ownAsEntity ? [...ownTexts, ...ownTexts.map((e) => ({ ...e, kind: 'entity' as const }))] : ownTexts;
  return [...tweets, ...Array.from({ length: sentfinWeight }, () => entity).flat(), ...Array.from({ length: ownRepeat }, () => ownSentences).flat()];
};
const pct = (x: number) => (100 * x).toFixed(1);

// Inner split: every fifth tweet and every fifth training headline.
const innerTweets = sources.tweets.filter((_, i) => i % 5 === 0);
const innerHeadlines = sources.headlines.filter((_, i) => i % 5 === 0);
const inner = createTextClassifier(trainTextModel(build(sources.tweets.filter((_, i) => i % 5 !== 0), sources.headlines.filter((_, i) => i % 5 !== 0)), trainingOptions, afinn), afinn);
const innerTweetReport = evaluateClassification(textLabels, innerTweets.map((e) => e.label), innerTweets.map((e) => inner.classify(e.text).label));
const innerEntityReport = evaluateEntities(innerHeadlines, (text, entity) => scoreEntity({ classifier: inner, afinn }, text, entity));

const full = createTextClassifier(trainTextModel(build(sources.tweets, sources.headlines), trainingOptions, afinn), afinn);
const scorers = { classifier: full, afinn };
const tweetDev = parseLabelledCsv(readFileSync(evalFiles.tweetDev, 'utf8'));
const tweetReport = evaluateClassification(textLabels, tweetDev.map((e) => e.label), tweetDev.map((e) => full.classify(e.text).label));
const entityOn = (file: string) => evaluateEntities(parseEntityJsonLines(readFileSync(file, 'utf8')), (text, entity) => scoreEntity(scorers, text, entity));
const heldOut = evaluateEntities(sources.heldOut, (text, entity) => scoreEntity(scorers, text, entity));
const semeval = entityOn(`${evalDirectory}/semeval2017-headlines.jsonl`);
const fiqa = entityOn(`${evalDirectory}/fiqa-headlines.jsonl`);
const ownFixture = parseLabelledJsonLines(readFileSync(new URL('../fixtures/results-sentences.jsonl', import.meta.url), 'utf8'));
const ownReport = evaluateClassification(textLabels, ownFixture.map((e) => e.label), ownFixture.map((e) => full.classify(e.text).label));
const rgFile = new URL('../../../eval/results-guidance/sentences.jsonl', import.meta.url);
// Its dev part only: the lockbox third is scored at the end of a piece of work.
const rg = readFileSync(rgFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; text: string; sentiment: 'bullish' | 'bearish' | 'neutral' }).filter((r) => !inLockbox(r.id));
const newsFixture = parseLabelledJsonLines(readFileSync(new URL('../fixtures/news-sentences.jsonl', import.meta.url), 'utf8'));
const newsReport = evaluateClassification(textLabels, newsFixture.map((e) => e.label), newsFixture.map((e) => full.classify(e.text).label));
const multi = entityOn(new URL('../fixtures/entity-sentences.jsonl', import.meta.url).pathname);
// Our prose sets' dev part as per-entity texts (title + body, each named company's ticker label).
const polarityOfLabel = { bullish: 'positive', bearish: 'negative', neutral: 'neutral' } as const;
const proseHeadlines = ['a', 'b', 'c', 'd'].flatMap((set) =>
  readFileSync(new URL(`../../../eval/prose/set-${set}.jsonl`, import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { id: string; title: string; body: string; entities?: { name: string; ticker: string }[]; tickerSentiment?: Record<string, 'bullish' | 'bearish' | 'neutral'> })
    .filter((r) => !inLockbox(r.id) && r.tickerSentiment)
    .map((r) => ({ text: `${r.title}. ${r.body}`, entities: new Map((r.entities ?? []).filter((e) => r.tickerSentiment![e.ticker]).map((e) => [e.name, polarityOfLabel[r.tickerSentiment![e.ticker]!]] as const)) }))
    .filter((h) => h.entities.size > 0),
);
const prose = evaluateEntities(proseHeadlines, (text, entity) => scoreEntity(scorers, text, entity));
const rgReport = evaluateClassification(textLabels, rg.map((e) => e.sentiment), rg.map((e) => full.classify(e.text).label));
console.log(
  `${process.argv.slice(2).join(' ') || '(defaults)'}\n` +
    `  inner: tweets ${pct(innerTweetReport.accuracy)}/${pct(innerTweetReport.macroF1)} sentfin ${pct(innerEntityReport.accuracy)}\n` +
    `  dev:   tweets ${pct(tweetReport.accuracy)}/${pct(tweetReport.macroF1)} sentfin-heldout ${pct(heldOut.accuracy)} semeval ${pct(semeval.accuracy)} fiqa ${pct(fiqa.accuracy)} own ${pct(ownReport.accuracy)} news ${pct(newsReport.accuracy)} results-guidance-dev ${pct(rgReport.accuracy)} multi ${pct(multi.accuracy)} prose-dev ${pct(prose.accuracy)}`,
);
