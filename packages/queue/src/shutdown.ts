export interface Closable {
  close(): Promise<void>;
}

/**
 * Closes everything once on SIGTERM or SIGINT, in order (workers first, so active jobs
 * finish or go back to the queue, then the connections they use), then exits. A second
 * signal while closing exits at once.
 */
export function closeOnSignals(closables: readonly Closable[], log: (message: string) => void = console.error): () => void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      log(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    closing = true;
    log(`${signal}: closing ${closables.length} resources`);
    closeAll(closables).then(
      () => process.exit(0),
      (error: unknown) => {
        log(`error while closing: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
}

export async function closeAll(closables: readonly Closable[]): Promise<void> {
  for (const closable of closables) await closable.close();
}
