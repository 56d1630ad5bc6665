export * from './sentiment.ts';
export * from './events.ts';
export * from './analysis.ts';
export * from './article.ts';
export * from './source.ts';
export * from './subscription.ts';
export * from './validation.ts';
export * from './headline.ts';
