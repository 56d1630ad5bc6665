import { startNotifier, type Notifier, type NotifierDeps } from '@tickerwire/alerts';
import type { Repositories } from '@tickerwire/store';
import { testPrivateNetwork } from './services.ts';

/**
 * A notifier as the tests run it: reading the stream every 100 ms, delivering to receivers on
 * 127.0.0.1 (the test run's allowlist), with the given repositories; `options` adds to or
 * overrides these (group, consumer, a faster retry schedule).
 */
export function startTestNotifier(
  deps: Omit<NotifierDeps, 'subscriptions' | 'deliveries' | 'options'> & { repos: Pick<Repositories, 'subscriptions' | 'deliveries'>; options?: NotifierDeps['options'] },
): Promise<Notifier> {
  const { repos, options, ...rest } = deps;
  return startNotifier({
    ...rest,
    subscriptions: repos.subscriptions,
    deliveries: repos.deliveries,
    options: { blockMs: 100, claimIntervalMs: 200, ...options, sender: { privateNetwork: testPrivateNetwork, ...options?.sender } },
  });
}
