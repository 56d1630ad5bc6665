#!/usr/bin/env node
import { ServiceUnavailableError } from '@tickerwire/local-servers';
import { ContractError } from '@tickerwire/core';
import { UsageError, loadCliConfig } from './config.ts';
import { start } from './commands/start.ts';

const usage = `usage: tickerwire <command>

commands:
  start     run the main job
  help      this text`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
      out(usage);
      return 0;
    case 'start':
      if (rest.length > 0) throw new UsageError(`start takes no arguments, got: ${rest.join(' ')}`);
      await start(loadCliConfig(), out);
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"\n${usage}`);
  }
}

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
