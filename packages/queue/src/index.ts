export * from './catalogue.ts';
export * from './redis.ts';
export * from './producer.ts';
export * from './worker.ts';
export * from './shutdown.ts';
export { UnrecoverableError } from 'bullmq';
