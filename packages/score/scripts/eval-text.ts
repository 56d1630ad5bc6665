// Prints the AFINN baseline and the trained model side by side: accuracy, macro-F1 and the
// confusion matrix on twitter-fin-sentiment/dev.csv, per-entity accuracy on the held-out third
// of sentfin-dev.jsonl (the rest is training data). `./tickerwire eval --sentiment` prints every dev file.
// Usage: node packages/score/scripts/eval-text.ts
import { readFileSync } from 'node:fs';
import { createTextSentimentScorer, formatConfusion, parseEntityJsonLines, parseLabelledCsv } from '../src/text/index.ts';
import { evalFiles } from '../src/text/eval-files.ts';
import { compareWithBaseline } from '../src/text/evaluation.ts';
import { splitHeldOut } from '../src/text/holdout.ts';

const tweets = parseLabelledCsv(readFileSync(evalFiles.tweetDev, 'utf8'));
const headlines = splitHeldOut(parseEntityJsonLines(readFileSync(evalFiles.entityHeadlines, 'utf8'))).heldOut;
const rows = compareWithBaseline(createTextSentimentScorer(), tweets, headlines);

const percent = (x: number): string => (100 * x).toFixed(1).padStart(5);
console.log(`dev.csv: ${tweets.length} tweets; sentfin-dev.jsonl held-out third: ${rows[0].entities.count} entities in ${headlines.length} headlines\n`);
console.log(`${'scorer'.padEnd(36)} dev acc  dev macro-F1  sentfin entity acc  sentfin macro-F1`);
for (const row of rows) {
  console.log(
    `${row.name.padEnd(36)}  ${percent(row.tweets.accuracy)}        ${percent(row.tweets.macroF1)}               ${percent(row.entities.accuracy)}             ${percent(row.entities.macroF1)}`,
  );
}
for (const row of rows) {
  console.log(`\n${row.name}, dev.csv (rows expected, columns predicted):\n${formatConfusion(row.tweets)}`);
  console.log(`${row.name}, sentfin entities:\n${formatConfusion(row.entities)}`);
}
