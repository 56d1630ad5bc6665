/**
 * Phrasings of reported results and company guidance. Each line maps a phrase, as a regex
 * source matched case-insensitively on word boundaries, to what it means. Add a phrasing:
 * one line. Longer phrases come before the shorter ones they contain ("operating profit"
 * before "profit"), since the first alternative that matches at a position wins.
 */

/** Metric phrases and the contract's snake_case metric. `loss` marks a phrase that names a loss. */
export const metricPhrases: readonly { phrase: string; metric: string; loss?: boolean; percent?: boolean }[] = [
  // Per-share figures first: "profit per share" is EPS, not profit.
  { phrase: '(?:diluted\\s+|core\\s+)?(?:earnings|profit|income)\\s+per\\s+(?:diluted\\s+)?share|EPS', metric: 'eps' },
  { phrase: '(?:core\\s+|net\\s+)?loss\\s+per\\s+share', metric: 'eps', loss: true },
  { phrase: '(?:same|comparable)[-\\s]store\\s+sales|comparable\\s+sales|like-for-like\\s+sales|comp\\s+sales|same-restaurant\\s+sales', metric: 'same_store_sales', percent: true },
  { phrase: '(?:EBIT|operating|operating\\s+profit|operational\\s+EBIT)\\s+margin', metric: 'operating_margin', percent: true },
  { phrase: 'gross\\s+margin', metric: 'gross_margin', percent: true },
  { phrase: 'gross\\s+profit', metric: 'gross_profit' },
  { phrase: 'market\\s+share', metric: 'market_share', percent: true },
  { phrase: 'return\\s+on\\s+(?:average\\s+)?equity|ROE', metric: 'return_on_equity', percent: true },
  { phrase: 'return\\s+on\\s+(?:capital\\s+employed|invested\\s+capital|capital|assets)|ROCE|ROIC', metric: 'return_on_capital', percent: true },
  // "Margins were better than expected", "profit margins narrowed": margins said without their line.
  { phrase: '(?:profit\\s+)?margins|profit\\s+margin', metric: 'margin', percent: true },
  // Lines where less is better (packages/score reads their direction the other way).
  { phrase: '(?:loan|credit)[-\\s]loss\\s+provisions?|(?:loan|credit)\\s+losses|impairment\\s+(?:charges?|losses)|impairments|write-?downs', metric: 'credit_losses' },
  { phrase: 'non-?performing\\s+(?:loans|assets)|NPLs', metric: 'non_performing_loans' },
  { phrase: '(?:net\\s+)?gearing|debt-to-equity\\s+ratio', metric: 'gearing', percent: true },
  { phrase: 'net\\s+debt|interest-bearing\\s+(?:net\\s+)?debt', metric: 'net_debt' },
  { phrase: '(?:(?:operating|personnel|staff|labou?r|warranty|raw[-\\s]material|fixed|production|administrative|energy|fuel|freight|input|financing|interest|restructuring|overall|total)\\s+)?(?:costs|expenses)', metric: 'costs' },
  { phrase: 'equity\\s+ratio|solvency\\s+ratio', metric: 'equity_ratio', percent: true },
  { phrase: '(?:medical\\s+(?:care|cost|loss)|medical\\s+benefits?)\\s+ratio', metric: 'medical_care_ratio', percent: true },
  { phrase: 'net\\s+interest\\s+income', metric: 'net_interest_income' },
  { phrase: 'free\\s+cash\\s+flow', metric: 'free_cash_flow' },
  { phrase: '(?:operating|operational)\\s+cash\\s+flow|cash\\s+flow\\s+from\\s+operations', metric: 'operating_cash_flow' },
  { phrase: 'pre-?tax\\s+(?:profit|income|result)|(?:profit|result)\\s+before\\s+tax(?:es|ation)?', metric: 'pretax_profit' },
  { phrase: 'pre-?tax\\s+loss|loss\\s+before\\s+tax(?:es)?', metric: 'pretax_profit', loss: true },
  { phrase: 'EBITDA', metric: 'ebitda' },
  { phrase: 'EBITA', metric: 'ebita' },
  { phrase: 'operating\\s+loss|operating\\s+result\\s+was\\s+a\\s+loss', metric: 'operating_profit', loss: true },
  {
    phrase: 'operating\\s+(?:profit|income|result)|(?:operational\\s+)?EBIT(?:\\s+excl\\.\\s+PPA)?|earnings\\s+before\\s+interest\\s+and\\s+tax(?:es|ation)?',
    metric: 'operating_profit',
  },
  { phrase: 'net\\s+loss|loss\\s+for\\s+the\\s+(?:period|quarter|year)|quarterly\\s+loss|losses(?=\\s+(?:at|in|of|from)\\s+the\\s+[\\w-]+\\s+(?:unit|division|segment|business|operations)|\\s+(?:were|was)\\s+(?:smaller|larger|bigger|lower|higher)|\\s+(?:shrank|narrowed|widened|grew|fell|rose|increased|decreased))|(?:core\\s+|adjusted\\s+)?loss(?=\\s+of\\s+(?:US|C|A)?[$€£\\d]|\\s+of\\s+[A-Z]{3}\\s|\\s+(?:narrowed|narrows|widened|widens|shrank|shrinks|deepened|deepens|grew|increased|decreased|fell|rose)\\b)', metric: 'net_income', loss: true },
  { phrase: 'net\\s+(?:income|profit|earnings)|profit\\s+for\\s+the\\s+(?:period|quarter|year)|(?:quarterly\\s+|annual\\s+)?(?:profit|earnings)(?![-\\s](?:booking|taking|warnings?))|earned', metric: 'net_income' },
  { phrase: 'order\\s+(?:book|backlog)|backlog', metric: 'order_backlog' },
  { phrase: 'order\\s+intake|orders\\s+received|(?:product\\s+|new\\s+)?orders|net\\s+bookings|bookings', metric: 'orders' },
  { phrase: '(?:net\\s+|total\\s+|product\\s+)?(?:sales|revenues?)|turnover|top\\s+line', metric: 'revenue' },
];

/** Words that move a result, by the direction they give the figure (before any loss reading). */
export const upWords = 'larger|bigger|greater|rallied|rallies|spiked|leapt|leaped|rose|rises|risen|increased|increases|grew|grows|grown|up|jumped|jumps|climbed|climbs|improved|improves|expanded|expands|(?:more\\s+than\\s+)?doubled|tripled|surged|surges|soared|gained|gains|advanced|rebounded|higher|widened|widens|increase|rise|growth|jump|gain';
// "orders dried up": a phrase with "up" in it that means down, tried before the bare "up".
export const downWords = '(?:came|come|comes|remained|was|were|is|are)\\s+under\\s+pressure|squeezed|eroded|smaller|reduced|lowered|dried\\s+up|dries\\s+up|drying\\s+up|dipped|dips|dip|slips|slumps|sinks|tumbles|plunges|fell|falls|fallen|decreased|decreases|declined|declines|dropped|drops|down|slipped|slid|sank|plunged|plummeted|tumbled|slumped|shrank|shrunk|contracted|narrowed|narrows|weakened|lower|decrease|decline|drop|fall';
export const flatWords = 'flat|unchanged|stable|steady';

/** "swung to a loss", "turned to a profit". */
export const swingWords = /\b(?:swung|swings|swinging|turned|turns)\s+(?:back\s+)?to\s+(?:an?\s+)?/i;

/** A comparison with estimates: the verb or phrase, and what it means. Numbers after it are the estimate's. */
export const estimateComparisons: readonly [RegExp, 'beat' | 'miss' | 'inline' | 'compare'][] = [
  // "EPS $0.59 vs. Est. $0.52", "Sales $1.19B vs $1.21B Est": the figures decide.
  // "compared with analysts' expectations of $1.20", "against the $0.95 analysts had expected".
  [/\b(?:vs\.?|versus|compared\s+(?:with|to)|against)\s+(?:est\b|estimates?\b|consensus\b|expectations?\b|[^,;]{0,30}?\b(?:est|estimates?|consensus|expectations?|expected|forecast|anticipated)\b)/i, 'compare'],
  [/\b(?:in\s+line\s+with|in-?line\b|matched|matching|met|meeting)\b/i, 'inline'],
  [/\b(?:wider|larger|bigger|deeper)\s+than\b|\b(?:fell|falling|came\s+in)\s+short\s+of|\bshort\s+of\b|\bmiss(?:ed|es|ing)?\b|\bworse\s+than\b|\bbelow\b|\btrailed\b|\bunder\b|\blagged\b/i, 'miss'],
  [/\b(?:narrower|smaller)\s+than\b|\b(?:beat(?:s|ing)?|top(?:s|ped|ping)?|exceed(?:s|ed|ing)?|surpass(?:ed|es|ing)?|ahead\s+of|above|better\s+than|outpaced|outpacing|(?:edged|crept|came\s+in)\s+past)\b/i, 'beat'],
];
/** What an estimate comparison must name within a few words to be one (not "above 50%"). */
export const estimateNouns = /\b(?:Est\b|estimates?|consensus|expectations?|expected|forecasts?|analysts?|Wall\s+Street|street|views?|projections?|polled)\b/i;

/** Words that mark the figures after them as the earlier period's (the prior). */
export const priorMarkers = /\b(?:from|compared\s+(?:with|to)|against|versus|vs\.?|over|a\s+year\s+(?:earlier|ago)|than\s+in|up\s+from|down\s+from)\s*$/i;

/** Periods as written. The first that matches in a clause is its period. */
export const periodSource =
  '(?:(?:fiscal|financial)\\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th)[-\\s]quarter(?:\\s+of\\s+(?:fiscal\\s+)?\\d{4})?' +
  '|(?:first|second)[-\\s]half(?:\\s+of\\s+\\d{4})?' +
  '|(?:fiscal|financial)\\s+(?:year\\s+)?\\d{4}(?:/\\d{2,4})?' +
  '|\\b(?:Q[1-4]|H[12]|FY)\\s?\\d{2,4}' +
  '|\\bQ[1-4]\\b' +
  '|(?:January|February|March|April|May|June|July|August|September|October|November|December)[-–](?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\\s+\\d{4})?' +
  '|full[-\\s]year|annual|current[-\\s]quarter|next[-\\s]quarter|current\\s+fiscal\\s+year|period-end|nine[-\\s]months?';

/** Guidance: the nouns and verbs that make a forecast the company's own. */
export const guidanceNouns = 'outlook|guidance|forecasts?|prospects|profit\\s+warning|(?:full-year|annual)\\s+(?:target|view)';
export const guidanceVerbs = '(?:reaffirm(?:s|ed)?|reiterat(?:es|ed)|affirm(?:s|ed)|rais(?:es|ed)|lower(?:s|ed)|cuts?|boost(?:s|ed)|lift(?:s|ed)|narrow(?:s|ed)|sees|issues)(?=\\s+(?:its\\s+)?(?:FY|Q[1-4]\\b|H[12]\\b|fiscal|full[-\\s]year|20\\d\\d))|estimates(?=\\s+(?:that|its|their)\\b)|expects?|expecting|sees|seeing|forecasts?|forecasting|forecasted|now\\s+estimates|guided|guides|anticipates|predicts|is\\s+expected\\s+to|are\\s+expected\\s+to';

/** Words before "sales" or "orders" that make them a market's or an economy's, not a company's. */
export const macroQualifiers = /\b(?:retail|home|house|housing|car|vehicle|vehicles|auto|EV|export|exports|import|industry|industrial|chip|semiconductor|smartphone|PC|durable|wholesale|existing|pending|tax|box[-\s]office)\s+$/i;

/** Guidance actions: each verb and what it does to the forecast. Checked in this order. */
export const guidanceActionWords: readonly [RegExp, 'withdraw' | 'raise' | 'lower' | 'reaffirm' | 'initiate'][] = [
  [/\b(?:withdr[ae]w|withdraws|withdrawn|withdrawing|suspend(?:s|ed|ing)?|pull(?:s|ed)|scrap(?:s|ped)|abandon(?:s|ed))\b/i, 'withdraw'],
  [/\bpositive\s+profit\s+warning\b/i, 'raise'],
  [/\b(?:profit\s+warning|cut(?:s|ting)?|lower(?:s|ed|ing)|reduc(?:es|ed|ing)|slash(?:es|ed|ing)?|trim(?:s|med|ming)|downgrad(?:es|ed|ing)|revised\s+down)\b/i, 'lower'],
  [/\b(?:rais(?:es|ed|ing)|lift(?:s|ed|ing)?|boost(?:s|ed|ing)?|upgrad(?:es|ed|ing)|increas(?:es|ed|ing)|hik(?:es|ed)|revised\s+up|improv(?:es|ed))\b/i, 'raise'],
  [/\b(?:reaffirm(?:s|ed|ing)?|reiterat(?:es|ed|ing)|confirm(?:s|ed|ing)?|maintain(?:s|ed|ing)?|keep(?:s|ing)?|kept|affirm(?:s|ed)|unchanged|stood\s+by|stands\s+by)\b/i, 'reaffirm'],
  [/\b(?:initiat(?:es|ed|ing)|reinstat(?:es|ed|ing)|issu(?:es|ed)|introduc(?:es|ed)|provid(?:es|ed)|gave|gives)\b/i, 'initiate'],
];
