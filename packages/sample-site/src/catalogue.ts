/**
 * The fictional world the sample articles are written about. Every name here is invented
 * for Tickerwire so the sample site never carries third-party text or real companies' news.
 */

export interface Company {
  name: string;
  /** How later sentences refer to the company ("Volta"), as news copy does. */
  shortName: string;
  ticker: string;
}

export const companies: readonly Company[] = [
  { name: 'Volta Hash', shortName: 'Volta', ticker: 'VHSH' },
  { name: 'Copperline Digital', shortName: 'Copperline', ticker: 'CPLD' },
  { name: 'Kestrel Mining', shortName: 'Kestrel', ticker: 'KSTM' },
  { name: 'Zeta Grid Systems', shortName: 'Zeta Grid', ticker: 'ZETA' },
  { name: 'Ironpeak Compute', shortName: 'Ironpeak', ticker: 'IPKC' },
  { name: 'Bluefen Energy', shortName: 'Bluefen', ticker: 'BLFN' },
  { name: 'Solmere Data', shortName: 'Solmere', ticker: 'SLMD' },
  { name: 'Tarnwell Robotics', shortName: 'Tarnwell', ticker: 'TRNW' },
];

/** Research firms; written in full, as the extractor learns unknown firms from the grammar. */
export const researchFirms: readonly string[] = [
  'Northwind Securities',
  'Harbor Lane Capital',
  'Ridgeway Partners',
  'Bluestone Research',
  'Marlow Street Capital',
  'Ashgrove Securities',
];

/** Customers that sign hosting and power contracts with the companies above. */
export const counterparties: readonly string[] = ['Nimbus Cloud', 'Stratus AI', 'Cobalt Hyperscale', 'Arcline Labs'];

export const sites: readonly string[] = ['Wyoming', 'West Texas', 'North Dakota', 'Quebec', 'Ohio', 'Kentucky'];

export const authors: readonly string[] = ['Mara Ellison', 'Tomas Reyes', 'Priya Nandakumar', 'Jonah Whitfield', 'Elena Sokolova', 'Desmond Achebe'];

/** Rating steps an upgrade moves along (from, to); downgrades walk them backwards. */
export const ratingSteps: readonly (readonly [string, string])[] = [
  ['hold', 'buy'],
  ['neutral', 'outperform'],
  ['sell', 'hold'],
  ['underperform', 'neutral'],
  ['equal-weight', 'overweight'],
  ['market perform', 'outperform'],
];

// Hours of live publishing need more than eight companies and six firms, or the same facts come
// back within the writer's 3-day window and nothing new is stored: names are composed from parts
// (every combination invented; tickers of four letters from the name, made unique).
const namePrefixes = ['Aster', 'Brightwater', 'Cindral', 'Dunmore', 'Emberly', 'Fallowmere', 'Glenhaven', 'Halvorsen', 'Ivorra', 'Juniper', 'Kelvar', 'Lumen', 'Moravia', 'Northgate', 'Oakhurst', 'Pellucid', 'Quarrow', 'Redfern', 'Silvana', 'Thistle'];
const nameSuffixes: readonly (readonly [string, string])[] = [['Hash', 'Hash'], ['Digital', 'Digital'], ['Mining', 'Mining'], ['Grid Systems', 'Grid'], ['Compute', 'Compute'], ['Energy', 'Energy'], ['Data', 'Data'], ['Power', 'Power']];
const firmSuffixes = ['Securities', 'Capital', 'Partners', 'Research', 'Advisors'];

function composedCompanies(): Company[] {
  const taken = new Set(companies.map((c) => c.ticker));
  const made: Company[] = [];
  for (const prefix of namePrefixes) {
    for (const [suffix] of nameSuffixes) {
      const letters = `${prefix}${suffix}`.toUpperCase().replace(/[^A-Z]/g, '');
      // First letter of the prefix, then the first free combination of later letters.
      let ticker = '';
      for (let i = 1; i < letters.length && !ticker; i++) {
        for (let j = i + 1; j < letters.length && !ticker; j++) {
          for (let k = j + 1; k < letters.length && !ticker; k++) {
            const candidate = `${letters[0]}${letters[i]}${letters[j]}${letters[k]}`;
            if (!taken.has(candidate)) ticker = candidate;
          }
        }
      }
      taken.add(ticker);
      made.push({ name: `${prefix} ${suffix}`, shortName: prefix, ticker });
    }
  }
  return made;
}

/** The catalogue's companies and 160 composed ones, for the live publisher. */
export const manyCompanies: readonly Company[] = [...companies, ...composedCompanies()];
/** The catalogue's firms and 100 composed ones. */
export const manyFirms: readonly string[] = [...researchFirms, ...namePrefixes.flatMap((p) => firmSuffixes.map((s) => `${p} ${s}`))];
