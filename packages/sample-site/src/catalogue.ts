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

// The live stream (liveArticle) publishes for hours: eight companies and six firms would repeat
// their facts within minutes. Names composed from invented parts give 160 companies (tickers of
// four letters from the name, unique) and 100 more firms, on prefixes of their own so a firm and
// a company never share a first word.
const companyPrefixes = ['Aster', 'Brightwater', 'Cindral', 'Dunmore', 'Emberly', 'Fallowmere', 'Glenhaven', 'Halvorsen', 'Ivorra', 'Jessamine', 'Kelvar', 'Lorrimer', 'Moravia', 'Nettlefold', 'Oakhurst', 'Pellucid', 'Quarrow', 'Rowanby', 'Silvana', 'Thistlemoor'];
const companySuffixes = ['Hash', 'Digital', 'Mining', 'Grid Systems', 'Compute', 'Energy', 'Data', 'Power'];
const firmPrefixes = ['Ashby', 'Bellweather', 'Carrow', 'Dunstan', 'Elmstead', 'Farrant', 'Greyfriars', 'Hollis', 'Ingleby', 'Kestwick', 'Larchmont', 'Merriton', 'Norcott', 'Penhallow', 'Quenby', 'Ravensworth', 'Stowell', 'Tremayne', 'Upwood', 'Wexcombe'];
const firmSuffixes = ['Securities', 'Capital', 'Partners', 'Research', 'Advisors'];

function composedCompanies(): Company[] {
  const taken = new Set(companies.map((c) => c.ticker));
  const made: Company[] = [];
  for (const prefix of companyPrefixes) {
    for (const suffix of companySuffixes) {
      const letters = `${prefix}${suffix}`.toUpperCase().replace(/[^A-Z]/g, '');
      // The name's first letter, then the first free choice of three later letters, in order.
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

/** The live stream's companies: 160 composed ones, none of the catalogue's (the initial articles keep those). */
export const liveCompanies: readonly Company[] = composedCompanies();
/** The live stream's firms: the catalogue's six and 100 composed ones. */
export const liveFirms: readonly string[] = [...researchFirms, ...firmPrefixes.flatMap((prefix) => firmSuffixes.map((suffix) => `${prefix} ${suffix}`))];
