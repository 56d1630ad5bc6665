export { extractEvents, extractAnalysis, extractDocument, type ExtractOptions, type ReadDocument } from './extract.ts';
export { documentText, type ArticleInput } from './document.ts';
export { splitSentences, type Span } from './sentences.ts';
export { ratingScore, foldRating } from './lexicon/ratings.ts';
export { researchFirms } from './lexicon/firms.ts';
export { findMoney, findPower, findPercents } from './numbers.ts';
export * from './evaluation.ts';
export { inLockbox, inSeededThird, lockboxSeed } from './lockbox.ts';
export { entityMaster, loadAliasTable, aliasTableSchema, type AliasTable } from './entity/master.ts';
