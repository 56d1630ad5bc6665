export * from './catalogue.ts';
export * from './redis.ts';
export * from './producer.ts';
export * from './worker.ts';
export * from './shutdown.ts';
// Re-exported so callers share this package's BullMQ instance (two copies' classes do not mix).
export { QueueEvents, UnrecoverableError, type Job } from 'bullmq';
export * from './event-stream.ts';
export * from './stage-metrics.ts';
