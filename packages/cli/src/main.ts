#!/usr/bin/env node
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ServiceUnavailableError } from '@tickerwire/local-servers';
import { ContractError } from '@tickerwire/core';
import { UsageError, loadCliConfig } from './config.ts';
import { start } from './commands/start.ts';
import { analyzeLines, analyzeOne } from './commands/analyze.ts';
import { evaluateFile } from './commands/evaluate.ts';
import { evaluateSentimentDevFiles } from './commands/evaluate-sentiment.ts';
import { entitiesCommand } from './commands/entities.ts';
import { parseFeeds } from './commands/feeds.ts';
import { deadLettersCommand, queuesCommand, sourcesCommand } from './commands/operate.ts';
import { findDeployment } from './deployment.ts';

const usage = `usage: tickerwire <command> [options]

commands:
  start [--until-idle] [--articles N]
                                 run the main job: the sample site's sources through every
                                 stage, with a live view; --until-idle stops once all is stored
  analyze [FILE|-]               print the analysis (JSON) of one article: plain text with
                                 the title on the first line, or JSON {title, body, tickers?}
  analyze --jsonl [FILE|-]       one analysis per JSON line ({"id", "title"?, "text"} or
                                 {"id", "title", "body"}), each carrying its id
  eval FILE [--misses N] [--json] [--types a,b] [--part dev|lockbox|all]
                                 precision / recall / F1 of extraction on labelled JSON Lines
  eval --sentiment [--part lockbox] sentiment on every dev file in ../shared/eval (tweets dev,
                                 sentfin-dev's held-out third, SemEval, FiQA) beside AFINN
  feeds parse FILE…               parse saved feed files as the pipeline would: one JSON line
                                 per file, {file, ok, items, titles} or {file, ok, error}
  entities refresh --contact EMAIL [--force]  fetch the SEC's list of tickers into the entity master
  sources list                   the sources in MONGODB_URI's database
  sources add FILE.json | --id ID --url URL [--kind feed|page|page-list] [--interval S]
              [--tags a,b] [--tickers A,B] [--full-text]
                                 add sources (checked in full first; a private host only if
                                 TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST names it); polled within seconds
  sources update ID [--url URL] [--kind K] [--interval S] [--tags a,b] [--tickers A,B]
                 [--full-text|--no-full-text] [--enable|--disable]
                                 change a source (checked as the API's PATCH)
  sources remove ID              stop polling a source and forget it (its stories stay)
  sources run ID                 poll one source now
  queues                         jobs waiting, active, delayed, dead and done per queue
  dlq list [--json]              the dead letters: jobs that failed for good, with reasons
  dlq redrive (JOB_ID | --all)   send dead letters back to their queue
  help                           this text

environment: REDIS_URL, MONGODB_URI (unset: start runs a throwaway FerretDB), MONGODB_DB,
TICKERWIRE_PREFIX (the key prefix the services use, default tw). sources, queues and dlq talk
to a running ./tickerwire start (its state file in ~/.cache/tickerwire/run) unless MONGODB_URI
or TICKERWIRE_PREFIX is set, and say on standard error which deployment they use.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      out(usage);
      return 0;
    case 'start': {
      const { values } = parse(() => parseArgs({ args: rest, options: { 'until-idle': { type: 'boolean' }, articles: { type: 'string' } } }));
      const articles = values.articles === undefined ? undefined : Number(values.articles);
      if (articles !== undefined && (!Number.isInteger(articles) || articles < 1 || articles > 100_000)) throw new UsageError('--articles must be a whole number from 1 to 100000');
      const stopSignal = new Promise<string>((resolve) => {
        process.once('SIGINT', () => resolve('SIGINT'));
        process.once('SIGTERM', () => resolve('SIGTERM'));
      });
      await start(loadCliConfig(), out, { untilIdle: values['until-idle'] === true, stopSignal, liveView: process.stdout.isTTY ? 'table' : 'line', ...(articles ? { articles } : {}) });
      return 0;
    }
    case 'analyze': {
      const { values, positionals } = parse(() => parseArgs({ args: rest, options: { jsonl: { type: 'boolean' } }, allowPositionals: true }));
      if (positionals.length > 1) throw new UsageError('analyze takes one FILE (or - for standard input)');
      const file = callerPath(positionals[0]);
      return values.jsonl ? analyzeLines(file, process.stdin, out) : analyzeOne(file, process.stdin, out);
    }
    case 'eval': {
      const { values, positionals } = parse(() =>
        parseArgs({ args: rest, options: { misses: { type: 'string' }, json: { type: 'boolean' }, types: { type: 'string' }, part: { type: 'string' }, sentiment: { type: 'boolean' } }, allowPositionals: true }),
      );
      if (values.sentiment) {
        if (positionals.length > 0) throw new UsageError('eval --sentiment reads the shared dev files itself and takes no FILE');
        const sentimentPart = values.part ?? 'dev';
        if (sentimentPart !== 'dev' && sentimentPart !== 'lockbox') throw new UsageError(`eval --sentiment --part must be dev or lockbox, got ${sentimentPart}`);
        return evaluateSentimentDevFiles(out, sentimentPart);
      }
      if (positionals.length !== 1) throw new UsageError('eval takes one FILE of labelled JSON Lines');
      const misses = values.misses === undefined ? 20 : Number(values.misses);
      if (!Number.isInteger(misses) || misses < 0) throw new UsageError(`--misses must be a whole number, got ${values.misses}`);
      const types = values.types?.split(',');
      const part = values.part ?? 'all';
      if (part !== 'dev' && part !== 'lockbox' && part !== 'all') throw new UsageError(`--part must be dev, lockbox or all, got ${part}`);
      return evaluateFile(callerPath(positionals[0])!, { misses, json: values.json === true, part, ...(types ? { types } : {}) }, out);
    }
    case 'feeds': {
      const [sub, ...files] = rest;
      if (sub !== 'parse') throw new UsageError('usage: tickerwire feeds parse FILE…');
      if (files.length === 0) throw new UsageError('feeds parse needs at least one FILE');
      return parseFeeds(files, out);
    }
    case 'entities':
      return entitiesCommand(rest, out);
    case 'sources':
      return sourcesCommand(await deployment(), rest, out);
    case 'queues':
      return queuesCommand(await deployment(), out);
    case 'dlq':
      return deadLettersCommand(await deployment(), rest, out);
    default:
      throw new UsageError(`unknown command "${command}"\n${usage}`);
  }
}

/**
 * The deployment the operating commands talk to (the environment's, or a running `start`'s),
 * said on standard error so their standard output stays theirs (`dlq list --json`).
 */
async function deployment() {
  const found = await findDeployment(loadCliConfig());
  process.stderr.write(`tickerwire: ${found.description}\n`);
  return found.config;
}

/**
 * A FILE argument as the caller meant it: `./tickerwire` runs from the repo root, so relative
 * paths are resolved against the folder it was called from (TICKERWIRE_CALLER_DIR).
 */
function callerPath(file: string | undefined): string | undefined {
  if (file === undefined || file === '-') return file;
  return resolve(process.env.TICKERWIRE_CALLER_DIR ?? process.cwd(), file);
}

/** Runs an argument parse, turning its complaint into a usage error. */
function parse<T>(parseThem: () => T): T {
  try {
    return parseThem();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

// `tickerwire analyze --jsonl big.jsonl | head`: a closed pipe is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Errors the person can act on are one line; anything else is a bug, shown whole.
    if (error instanceof UsageError || error instanceof ServiceUnavailableError || error instanceof ContractError) {
      process.stderr.write(`tickerwire: ${error.message}\n`);
      process.exitCode = error instanceof UsageError ? 2 : 1;
    } else {
      process.stderr.write(`tickerwire: unexpected error\n${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
