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
