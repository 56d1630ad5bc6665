import { StoredEventMessage, jobCatalogue, type JobProducer } from '@tickerwire/queue';
import type { DeliveriesRepository, Delivery } from '@tickerwire/store';
import { parseContract } from '@tickerwire/core';

export type RedriveOutcome = { status: 'redriven'; delivery: Delivery } | { status: 'not-found' } | { status: 'not-dead'; delivery: Delivery };

/**
 * Sends a dead letter again: off the dead-letter list, then a fresh 'deliver-webhook' job
 * with the same id (so the same webhook-id), with a full retry schedule. The failed job of
 * the same id is removed first: BullMQ ignores an add whose id it still holds.
 */
export async function redriveDelivery(deps: { deliveries: DeliveriesRepository; producer: JobProducer }, deliveryId: string): Promise<RedriveOutcome> {
  const delivery = await deps.deliveries.markRedriven(deliveryId);
  if (!delivery) {
    const existing = await deps.deliveries.get(deliveryId);
    return existing ? { status: 'not-dead', delivery: existing } : { status: 'not-found' };
  }
  try {
    if (delivery.message === null) throw new Error('the delivery kept no message to send again');
    const payload = { subscriptionId: delivery.subscriptionId, message: parseContract(StoredEventMessage, delivery.message, `message of delivery ${deliveryId}`) };
    const definition = jobCatalogue['deliver-webhook'];
    await deps.producer.queue(definition.queue).remove(definition.jobId(payload));
    await deps.producer.add('deliver-webhook', payload);
    return { status: 'redriven', delivery };
  } catch (error) {
    await deps.deliveries.markDead(deliveryId, `re-drive failed: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
}
