import type { LabelledText } from './datasets.ts';
import { seededRandom } from './random.ts';

/*
 * OUR OWN TRAINING DATA, written by Tickerwire (no third-party text): sentences in the style of
 * company news (results, costs, orders, layoffs, guidance, and the many neutral statements
 * around them), built from the templates below with made-up companies and figures. The two
 * permitted third-party files teach tweet and Indian-headline vocabulary; neither says that
 * "operating profit rose to EUR 9.4 mn" is good news or "costs fell" is, and in the tweets
 * "profit" and "cost" even lean bearish (profit-taking, cost concerns). These sentences teach
 * the reading investors give a company's own figures, and that a figure stated without a
 * comparison is neutral (most such news sentences are).
 *
 * Labels follow the templates: a good metric (sales, profit, orders) that rose, or a bad one
 * (loss, costs, debt) that fell, is bullish; the reverse bearish; a figure without direction,
 * a date, an appointment or a company description neutral. Generated deterministically (a
 * seeded choice of filler per sentence), so the model stays reproducible.
 */

type Pick = (list: readonly string[]) => string;

// Made-up names, each written as often in every class (a round robin per class), so that no
// name carries a label; none of them is in the fixtures we evaluate on.
const nameStems = ['Alva', 'Brenna', 'Corvi', 'Dalen', 'Eskola', 'Fjellby', 'Harju', 'Isola', 'Jarvela', 'Kumpu', 'Lindvall', 'Mylly', 'Nokka', 'Orava', 'Peltola', 'Rinne', 'Selka', 'Tuuli', 'Uusimaa', 'Vuori'];
const nameSuffixes = ['Group', 'Oyj', 'AB', 'Industries', 'Systems', 'Holding', 'ASA', 'Corporation'];
const companies = nameSuffixes.flatMap((suffix) => nameStems.map((stem) => `${stem} ${suffix}`));
const currencies = ['EUR', 'EUR', 'EUR', 'SEK', 'USD', 'DKK', 'NOK'];
const scales = ['mn', 'million', 'mln', 'm', 'bn'];
const periods = [
  'in the third quarter', 'in the second quarter of 2025', 'in January-June', 'in January-September 2024', 'for the full year',
  'in the first half of the year', 'in 2024', 'in the reporting period', 'in the fourth quarter of 2023', 'in the first nine months',
];
const sincePhrases = ['a year earlier', 'in the corresponding period a year earlier', 'in the same period of 2023', 'a year ago', 'in the previous year'];
const goodMetrics = [
  'net sales', 'operating profit', 'net profit', 'profit before taxes', 'pretax profit', 'revenue', 'turnover', 'EBITDA',
  'comparable operating profit', 'order intake', 'order backlog', 'operating income', 'earnings per share', 'net income',
  'sales', 'gross margin', 'operating cash flow', 'deliveries', 'comparable sales', 'profit for the period',
];
const badMetrics = ['operating expenses', 'costs', 'net loss', 'operating loss', 'net debt', 'personnel expenses', 'raw material costs', 'the pretax loss', 'credit losses', 'fixed costs'];
const upVerbs = ['rose', 'increased', 'grew', 'climbed', 'jumped', 'improved', 'went up', 'was up', 'surged', 'advanced'];
const downVerbs = ['fell', 'decreased', 'declined', 'dropped', 'went down', 'was down', 'slumped', 'shrank', 'contracted', 'weakened'];
const lossDownVerbs = ['narrowed', 'decreased', 'fell', 'was reduced', 'shrank', 'declined'];
const lossUpVerbs = ['widened', 'increased', 'grew', 'rose', 'deepened'];
const products = ['paper machines', 'cranes', 'network equipment', 'ferries', 'software licences', 'elevators', 'wind turbines', 'packaging lines'];
const places = ['Finland', 'Sweden', 'Germany', 'China', 'the US', 'Poland', 'Norway', 'Brazil'];
const cities = ['Helsinki', 'Espoo', 'Stockholm', 'Oslo', 'Tampere', 'Gothenburg', 'Copenhagen', 'Turku'];
const names = ['Mikko Virtanen', 'Anna Lindqvist', 'Jari Koskinen', 'Eva Berg', 'Timo Laine', 'Sara Nieminen'];

function number(random: () => number, max = 900): string {
  const value = 0.5 + random() * max;
  const text = value < 20 ? value.toFixed(1) : value.toFixed(random() < 0.5 ? 1 : 0);
  return random() < 0.3 ? text.replace('.', ',') : text;
}

// Amounts as news write them: "EUR 9.4 mn", "MEUR 59.3", "82.2 mln euro", "$ 35.1 million", "EUR0.50".
function money(random: () => number, pick: Pick, currency = pick(currencies)): string {
  const form = random();
  if (form < 0.12) return `M${currency} ${number(random)}`;
  if (form < 0.22) return `${number(random)} ${pick(['mln', 'million', 'mn'])} ${currency === 'EUR' ? 'euro' : currency}`;
  if (form < 0.28) return `${currency}${number(random, 9)}`;
  if (form < 0.34) return `$ ${number(random)} ${pick(scales)}`;
  return `${currency} ${number(random)} ${pick(scales)}`;
}

const percentSigns = [' %', '%', ' percent', ' pct', ' per cent'];
const percent = (random: () => number) => `${number(random, 40)}${percentSigns[Math.floor(random() * percentSigns.length)]}`;
const onTheYear = ['', '', ' on the year', ' year-on-year', ' from a year earlier'];
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A figure that moved: "X's net sales rose by 12 % to EUR 48 mn from EUR 42 mn in the third quarter." */
function moved(random: () => number, pick: Pick, metric: string, verbs: readonly string[]): string {
  // A loss narrows or widens; costs and sales do not.
  const verb = pick(metric.includes('loss') ? verbs : verbs.filter((v) => v !== 'narrowed' && v !== 'widened' && v !== 'deepened'));
  const company = pick(companies);
  const subject = random() < 0.5 ? `${company}'s ${metric}` : capitalize(metric);
  const by = random() < 0.5 ? `${random() < 0.6 ? ' by' : ''} ${percent(random)}${pick(onTheYear)}` : '';
  const currency = pick(currencies);
  const to = random() < 0.7 ? ` to ${money(random, pick, currency)}` : '';
  const from = to && random() < 0.6 ? ` from ${money(random, pick, currency)}` : '';
  const when = random() < 0.7 ? ` ${pick(periods)}` : '';
  const since = !from && random() < 0.4 ? `, compared with ${money(random, pick)} ${pick(sincePhrases)}` : '';
  return `${subject} ${verb}${by}${to}${from}${when}${since}.`;
}

type Template = (random: () => number, pick: Pick) => string;

const bullish: Template[] = [
  (r, p) => `${p(companies)} posted ${p(['a net profit', 'an operating profit', 'a pretax profit', 'record sales'])} of ${money(r, p)}, up from ${money(r, p)} ${p(sincePhrases)}.`,
  (r, p) => `${p(companies)} narrowed its ${p(['net loss', 'operating loss', 'pretax loss'])} to ${money(r, p)} ${p(periods)}.`,
  (r, p) => `${p(companies)} reported ${p(['higher', 'stronger', 'record', 'improved'])} ${p(goodMetrics)} ${p(periods)}.`,
  (r, p) => `${capitalize(p(goodMetrics))} ${p(['totalled', 'amounted to', 'was', 'stood at'])} ${money(r, p)} ${p(periods)}, up ${r() < 0.5 ? `from ${money(r, p)}` : `${p(['', 'by '])}${percent(r)}`}.`,
  (r, p) => `${p(periods).replace(/^i/, 'I').replace(/^f/, 'F')}, net sales increased by ${percent(r)} to ${money(r, p)}, and operating profit by ${percent(r)} to ${money(r, p)}.`,
  (r, p) => `${p(companies)} said the ${p(['acquisition', 'investment', 'new plant', 'agreement', 'new production line'])} will ${p(['strengthen its position in', 'improve its profitability in', 'expand its presence in', 'increase its market share in'])} ${p(places)}.`,
  (r, p) => moved(r, p, p(goodMetrics), upVerbs),
  (r, p) => moved(r, p, p(goodMetrics), upVerbs),
  (r, p) => moved(r, p, p(badMetrics), lossDownVerbs),
  (r, p) => `${p(companies)} swung to an operating profit of ${money(r, p)} from a loss of ${money(r, p)} ${p(sincePhrases)}.`,
  (r, p) => `The company turned to a net profit of ${money(r, p)} ${p(periods)}, after a loss ${p(sincePhrases)}.`,
  (r, p) => `${p(companies)} won an order worth ${money(r, p)} to deliver ${p(products)} to ${p(places)}.`,
  (r, p) => `${p(companies)} has ${p(['signed', 'been awarded', 'received', 'won'])} a ${money(r, p)} ${p(['contract', 'order', 'deal'])} ${p(['from a utility', 'with a shipyard', 'from a retail chain', 'with the city of'])} ${p(cities)} for ${p(products)}.`,
  (r, p) => `Earnings per share ${p(['beat', 'exceeded', 'topped'])} analysts' estimates, coming in at ${p(currencies)} ${number(r, 3)}.`,
  (r, p) => `${p(companies)} raised its full-year ${p(['outlook', 'guidance', 'sales forecast', 'profit forecast'])} and now expects ${p(['net sales', 'operating profit'])} to grow.`,
  (r, p) => `${p(companies)} expects its ${p(goodMetrics)} to increase in 2026.`,
  (r, p) => `The cost savings programme will cut annual costs by ${money(r, p)}.`,
  (r, p) => `${p(['Operating margin', 'The operating margin', 'Gross margin'])} improved to ${percent(r)} from ${percent(r)}.`,
  (r, p) => `${p(companies)} will expand its production capacity in ${p(places)} to meet growing demand.`,
  (r, p) => `The board proposes an increased dividend of ${p(currencies)} ${number(r, 2)} per share.`,
  // Business news that is good without a figure moving: orders and agreements won, approvals, plans beaten, a lighter balance sheet.
  (r, p) => `${p(companies)} ${p(['received', 'has received', 'secured', 'landed', 'booked'])} ${p(['an order', 'a follow-on order', 'orders', 'a repeat order'])} ${p(['from', 'worth ' + money(r, p) + ' from'])} ${p(['a German utility', 'an existing customer', 'a Nordic retailer', 'a shipyard in Korea', 'a US operator'])}${p(['', ` for ${Math.floor(2 + r() * 40)} ${p(products)}`])}.`,
  (r, p) => `${p(companies)} signed ${p(['a letter of intent', 'a framework agreement', 'a multi-year supply agreement', 'a frame agreement'])} with ${p(['a major retailer', 'a shipyard', 'a telecom operator', 'the defence forces'])}${p(['', `, worth an estimated ${money(r, p)}`, ', replacing a competitor'])}.`,
  (r, p) => `${p(['Regulators', 'The authorities', 'The health authority'])} ${p(['approved', 'granted approval for', 'cleared'])} ${p(companies)}'s ${p(['new drug', 'merger', 'new plant', 'product'])}${p(['', ', clearing the way for a launch'])}.`,
  (r, p) => `The ${p(['new plant', 'production line', 'project', 'ramp-up'])} ${p(['progressed faster than planned', 'was completed ahead of schedule', 'reached full capacity early', 'came in under budget'])}.`,
  (r, p) => `The ${p(['acquisition', 'deal', 'purchase'])} is expected to be ${p(['accretive to earnings per share', 'earnings-enhancing', 'accretive to earnings'])} ${p(['from the first full year', 'immediately', 'in 2026'])}.`,
  (r, p) => `${p(companies)} ${p(['repaid its bank loans ahead of schedule', 'cut its net debt', 'strengthened its balance sheet', 'reduced its gearing'])}${p(['', ` to ${percent(r)}`])}.`,
  (r, p) => `${p(companies)} won ${p(['its appeal', 'the arbitration', 'the court case'])}, and the ${p(['fine', 'claim', 'damages claim'])} of ${money(r, p)} was ${p(['annulled', 'dismissed', 'overturned'])}.`,
  (r, p) => `${p(companies)} won ${p(['a patent case against a rival', 'a government tender', 'the rights to a major contract', 'an auction for new capacity', 'a lawsuit over unpaid bills'])}${p(['', ` worth ${money(r, p)}`])}.`,
];

const bearish: Template[] = [
  (r, p) => `${p(companies)} posted ${p(['a net loss', 'an operating loss', 'a pretax loss'])} of ${money(r, p)}, ${p(['wider than', 'up from', 'against a profit of'])} ${money(r, p)} ${p(sincePhrases)}.`,
  (r, p) => `${p(companies)}'s ${p(['net loss', 'operating loss'])} widened to ${money(r, p)} ${p(periods)}.`,
  (r, p) => `${p(companies)} reported ${p(['lower', 'weaker', 'falling', 'disappointing'])} ${p(goodMetrics)} ${p(periods)}.`,
  (r, p) => `${capitalize(p(goodMetrics))} ${p(['totalled', 'amounted to', 'was', 'stood at'])} ${money(r, p)} ${p(periods)}, down ${r() < 0.5 ? `from ${money(r, p)}` : `${p(['', 'by '])}${percent(r)}`}.`,
  (r, p) => `${p(periods).replace(/^i/, 'I').replace(/^f/, 'F')}, net sales decreased by ${percent(r)} to ${money(r, p)}, and operating profit fell to ${money(r, p)}.`,
  (r, p) => `${p(companies)} said ${p(['demand for its products weakened', 'market conditions deteriorated', 'prices remained under pressure', 'the weak market hurt its sales'])} ${p(periods)}.`,
  (r, p) => moved(r, p, p(goodMetrics), downVerbs),
  (r, p) => moved(r, p, p(goodMetrics), downVerbs),
  (r, p) => moved(r, p, p(badMetrics), lossUpVerbs),
  (r, p) => `${p(companies)} swung to an operating loss of ${money(r, p)} from a profit of ${money(r, p)} ${p(sincePhrases)}.`,
  (r, p) => `The company posted a net loss of ${money(r, p)}, compared with a profit of ${money(r, p)} ${p(sincePhrases)}.`,
  (r, p) => `${p(companies)} will cut ${Math.floor(20 + r() * 500)} jobs ${p(['in', 'at its plant in', 'at its units in'])} ${p(places)}.`,
  (r, p) => `${p(companies)} plans to lay off ${Math.floor(20 + r() * 500)} employees and close its ${p(cities)} plant.`,
  (r, p) => `Temporary layoffs will affect ${Math.floor(20 + r() * 500)} employees at ${p(companies)}.`,
  (r, p) => `Earnings per share ${p(['missed', 'fell short of', 'came in below'])} analysts' estimates at ${p(currencies)} ${number(r, 3)}.`,
  (r, p) => `${p(companies)} ${p(['lowered', 'cut'])} its full-year ${p(['outlook', 'guidance', 'profit forecast'])} due to weak demand.`,
  (r, p) => `${p(companies)} issued a profit warning and now expects ${p(['operating profit', 'net sales'])} to decline.`,
  (r, p) => `${p(companies)} expects its ${p(goodMetrics)} to decrease in 2026.`,
  (r, p) => `${p(['Operating margin', 'The operating margin', 'Gross margin'])} weakened to ${percent(r)} from ${percent(r)}.`,
  (r, p) => `The company will record an impairment charge of ${money(r, p)} in the fourth quarter.`,
  // Bad news without a figure moving: cuts, lost customers, delays, overruns, doubts.
  (r, p) => `${p(companies)} will start ${p(['cooperation negotiations', 'change negotiations', 'consultations with unions'])} ${p(['that may lead to', 'concerning the possible reduction of', 'on cutting'])} up to ${Math.floor(20 + r() * 400)} ${p(['jobs', 'positions', 'employees'])}${p(['', ` at its ${p(cities)} unit`])}.`,
  (r, p) => `${p(companies)} will ${p(['temporarily lay off', 'furlough', 'lay off'])} ${p(['its entire production staff', `about ${Math.floor(20 + r() * 400)} workers`, 'most of its factory workers'])} for up to ${Math.floor(30 + r() * 60)} days.`,
  (r, p) => `${p(['A major customer', 'Its largest customer', 'The main client'])} ${p(['cancelled an order worth', 'has decided not to renew a contract worth', 'terminated a supply agreement worth'])} ${money(r, p)}.`,
  (r, p) => `${capitalize(p(['restructuring costs', 'write-downs', 'inventory write-downs', 'one-off charges', 'impairment charges']))} of ${money(r, p)} ${p(['will burden', 'reduced', 'weighed on', 'will weigh on'])} the ${p(['third-quarter', 'full-year', 'fourth-quarter'])} result.`,
  (r, p) => `The ${p(['launch', 'start of production', 'delivery', 'project'])} has been ${p(['postponed', 'delayed', 'pushed back'])} to ${p(['next year', '2027', 'the second half'])} ${p(['because of technical problems', 'due to quality issues', 'after supplier problems'])}.`,
  (r, p) => `${p(companies)} said it ${p(['no longer expects to reach', 'will not meet', 'abandoned'])} its ${p(['margin target', 'sales target', 'profitability target'])} for ${p(['2025', 'the year', '2026'])}.`,
  (r, p) => `${p(['The auditor included a going-concern warning in the annual report', 'The company said it may need to raise new equity', 'The company breached its loan covenants', 'Costs for the project overran the budget by ' + money(r, p)])}.`,
  (r, p) => `${capitalize(p(['gearing', 'net debt', 'churn', 'warranty costs', 'credit losses']))} ${p(['rose', 'increased', 'climbed', 'jumped'])} to ${percent(r)}${p(['', ' from ' + percent(r)])}.`,
  (r, p) => `${p(companies)}'s ${p(['chief financial officer', 'chief executive', 'finance chief'])} ${p(['resigned', 'left with immediate effect', 'was dismissed'])} after ${p(['an internal review found accounting errors', 'the board lost confidence in the turnaround', 'the company restated its earnings', 'regulators opened an investigation'])}.`,
  (r, p) => `${p(companies)} ${p(['lost a patent case', 'lost its largest contract', 'lost its bid for a rival', 'was fined ' + money(r, p), 'must pay damages of ' + money(r, p)])}${p(['', ' after a court ruling', ' to a competitor'])}.`,
  (r, p) => `${p(companies)} ${p(['grounded part of its fleet', 'recalled thousands of products', 'halted production at its main plant', 'delayed the launch of its flagship product'])} after ${p(['inspections found defects', 'a fire', 'quality problems', 'safety concerns'])}.`,
];

const neutral: Template[] = [
  (r, p) => `${capitalize(p(goodMetrics))} ${p(['totalled', 'amounted to', 'was', 'were', 'stood at'])} ${money(r, p)} ${p(periods)}.`,
  (r, p) => `${p(companies)}'s ${p(goodMetrics)} ${p(['totalled', 'amounted to', 'was'])} ${money(r, p)}, ${p(['or', 'representing', 'equal to'])} ${percent(r)} of net sales.`,
  (r, p) => `${capitalize(p(badMetrics))} ${p(['totalled', 'amounted to', 'were', 'was'])} ${money(r, p)} ${p(periods)}.`,
  (r, p) => `${p(companies)} will publish its ${p(['interim report', 'half-year report', 'financial statements', 'results'])} for ${p(['January-March', 'the second quarter', '2025'])} on ${Math.floor(1 + r() * 28)} ${p(['February', 'April', 'July', 'October'])}.`,
  (r, p) => `${p(companies)} is a ${p(['technology', 'forest industry', 'engineering', 'retail', 'telecoms'])} company headquartered in ${p(cities)}.`,
  (r, p) => `The company employs about ${Math.floor(100 + r() * 9000)} people in ${Math.floor(2 + r() * 30)} countries.`,
  (r, p) => `${p(companies)} has appointed ${p(names)} as ${p(['chief financial officer', 'chief executive', 'head of sales', 'member of the board'])}.`,
  (r, p) => `The value of the ${p(['order', 'contract', 'deal'])} was not disclosed.`,
  (r, p) => `Deliveries of the ${p(products)} are scheduled to begin in ${p(['early 2026', 'the second half of the year', '2027'])}.`,
  (r, p) => `The transaction is expected to be completed by the end of ${p(['the year', 'the second quarter', 'March'])}.`,
  (r, p) => `${p(companies)} operates ${Math.floor(2 + r() * 60)} ${p(['stores', 'plants', 'service centres'])} in ${p(places)}.`,
  (r, p) => `The figures are ${p(['unaudited', 'based on preliminary data', 'in line with IFRS'])}.`,
  (r, p) => `${p(companies)}'s shares are listed on Nasdaq ${p(['Helsinki', 'Stockholm', 'Copenhagen'])}.`,
  (r, p) => `The agreement covers the supply of ${p(products)} to ${p(places)} over ${Math.floor(2 + r() * 8)} years.`,
  (r, p) => `The customer is a ${p(['utility', 'shipyard', 'retail chain', 'municipality', 'paper mill'])} in ${p(places)}.`,
  // Figures that did not move, results as expected, terms of a deal.
  (r, p) => `${capitalize(p(goodMetrics))} ${p(['was roughly unchanged', 'remained at the previous year\'s level', 'was roughly the same as a year earlier', 'was flat'])}${p(['', ` at ${money(r, p)}`])}.`,
  (r, p) => `${p(companies)} expects ${p(['operating profit', 'net sales', 'its result'])} to be ${p(['roughly in line with', 'at the same level as', 'similar to'])} ${p(['last year', 'the previous year', '2024'])}.`,
  (r, p) => `${capitalize(p(['net sales and operating profit', 'the result', 'sales']))} developed ${p(['as expected', 'in line with expectations', 'as planned'])}.`,
  (r, p) => `The ${p(['agreement', 'contract', 'lease'])} is valid until ${p(['the end of 2027', '2030', 'further notice'])}${p(['', ' and includes an option to extend it'])}.`,
  (r, p) => `${p(companies)} ${p(['hedges', 'has hedged'])} about ${percent(r)} of its ${p(['electricity consumption', 'currency exposure', 'interest rate risk'])}.`,
  (r, p) => `The result includes ${p(['a capital gain', 'a one-off item', 'a sales gain'])} of ${money(r, p)} from the sale of ${p(['real estate', 'a subsidiary', 'shares'])}.`,
];


/** Our own news-style sentences: `perTemplate` from each template, in a fixed order. */
export function ownTrainingSentences(perTemplate = 12, seed = 20261204): LabelledText[] {
  const random = seededRandom(seed);
  let nextCompany = 0;
  const pick: Pick = (list) => (list === companies ? (companies[nextCompany++ % companies.length] as string) : (list[Math.floor(random() * list.length)] as string));
  const out: LabelledText[] = [];
  for (const [label, templates] of [['bullish', bullish], ['bearish', bearish], ['neutral', neutral]] as const) {
    nextCompany = 0;
    for (const template of templates) for (let i = 0; i < perTemplate; i++) out.push({ text: template(random, pick), label });
  }
  return out;
}
