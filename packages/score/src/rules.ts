import type { MarketEvent } from '@tickerwire/core';

/**
 * What one event says for its ticker, before any text is read: a signed value in [-1, 1]
 * and the reason a person would give. The table (README "Event rules") is this code.
 */
export interface EventSignal {
  value: number;
  reason: string;
}

/** The contract's rating scale, centred: 5 → +1, 4 → +0.5, 3 → 0, 2 → -0.5, 1 → -1. */
function ratingLevel(score: number | null): number {
  return score === null ? 0 : (score - 3) / 2;
}

/** A target move of 25% or more counts fully; smaller moves count in proportion, at least a third. */
function targetStrength(changePct: number | null): number {
  if (changePct === null) return 0.6;
  return Math.min(1, Math.max(1 / 3, Math.abs(changePct) / 25));
}

function clamp(value: number): number {
  return Math.max(-1, Math.min(1, value));
}

/** 19000 → "19,000" without Intl (which costs more than the rest of the rule). */
function thousands(n: number): string {
  const [whole = '0', fraction] = String(Math.round(n * 100) / 100).split('.');
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction ? `.${fraction}` : '');
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

export function eventSignal(event: MarketEvent): EventSignal {
  switch (event.type) {
    case 'analyst_rating': {
      const by = event.firm ? ` by ${event.firm}` : '';
      const level = ratingLevel(event.ratingScore);
      switch (event.action) {
        case 'upgrade':
          return { value: clamp(0.6 + 0.2 * Math.max(0, level)), reason: `upgrade${by}${event.ratingTo ? ` to ${event.ratingTo}` : ''}` };
        case 'downgrade':
          return { value: clamp(-0.6 + 0.2 * Math.min(0, level)), reason: `downgrade${by}${event.ratingTo ? ` to ${event.ratingTo}` : ''}` };
        case 'initiate':
          return { value: 0.5 * level, reason: `coverage initiated${by}${event.ratingTo ? ` at ${event.ratingTo}` : ''}` };
        case 'resume':
          return { value: 0.4 * level, reason: `coverage resumed${by}${event.ratingTo ? ` at ${event.ratingTo}` : ''}` };
        case 'maintain':
          return { value: 0.25 * level, reason: `rating kept${by}${event.ratingTo ? ` at ${event.ratingTo}` : ''}` };
        case 'terminate':
          // Dropped coverage means less attention and often trouble: slightly bearish.
          return { value: -0.15, reason: `coverage dropped${by}` };
      }
      break;
    }
    case 'price_target': {
      const by = event.firm ? ` by ${event.firm}` : '';
      const values = event.from !== null && event.to !== null ? ` ${fmt(event.from)} → ${fmt(event.to)} ${event.currency}` : event.to !== null ? ` to ${fmt(event.to)} ${event.currency}` : '';
      switch (event.action) {
        case 'raise':
          return { value: 0.5 * targetStrength(event.changePct), reason: `price target raised${values}${by}` };
        case 'lower':
          return { value: -0.5 * targetStrength(event.changePct), reason: `price target cut${values}${by}` };
        case 'remove':
          return { value: -0.15, reason: `price target removed${by}` };
        case 'initiate':
        case 'maintain':
          // A target alone says nothing without the current price, which we do not know.
          return { value: 0, reason: `price target ${event.action === 'initiate' ? 'set' : 'kept'}${values}${by}` };
      }
      break;
    }
    case 'contract': {
      // Signed revenue: the bigger the deal, the stronger (each tenfold adds 0.1, capped).
      const size = event.value ? Math.min(0.3, Math.max(0, Math.log10(event.value.amount / 1e7)) * 0.1) : 0;
      const power = event.capacityMw ? Math.min(0.15, event.capacityMw / 2000) : 0;
      const what = [event.value ? `${thousands(event.value.amount / 1e6)}M ${event.value.currency}` : '', event.capacityMw ? `${event.capacityMw} MW` : ''].filter(Boolean).join(', ');
      return { value: clamp(0.25 + size + power), reason: `contract${what ? ` (${what})` : ''}${event.counterparties.length ? ` with ${event.counterparties.join(', ')}` : ''}` };
    }
    case 'capacity':
      return event.kind === 'expansion'
        ? { value: 0.25, reason: `adding ${event.mw} MW${event.site ? ` in ${event.site}` : ''}` }
        : event.kind === 'projection'
          ? { value: 0.1, reason: `capacity projected at ${event.mw} MW${event.horizon ? ` by ${event.horizon}` : ''}` }
          : { value: 0, reason: `${event.mw} MW in operation` };
    case 'valuation':
      return { value: 0.05, reason: `valuation ${event.metric.replace(/_/g, ' ')} ${event.low === null ? 'up to ' : ''}${fmt(event.high)} ${event.currency}` };
    case 'financial_result':
      return resultSignal(event);
    case 'guidance':
      return guidanceSignal(event);
    case 'price_move': {
      // Moves are what already happened: they count less than analysts' forward views.
      const strength = event.changePct === null ? 0.5 : Math.min(1, Math.abs(event.changePct) / 20);
      const sign = event.direction === 'up' ? 1 : -1;
      return { value: sign * 0.3 * strength, reason: `shares ${event.direction}${event.changePct !== null ? ` ${Math.abs(event.changePct)}%` : ''}${event.reference ? ` vs ${event.reference}` : ''}` };
    }
  }
  return { value: 0, reason: 'no rule' };
}

/** Metrics where less is better: a rising cost ratio is bad news. */
const costMetrics = new Set(['medical_care_ratio', 'cost_ratio', 'costs', 'operating_expenses', 'expenses', 'capex', 'gearing', 'net_debt', 'credit_losses', 'non_performing_loans']);
/** Profit lines count more than the top line: investors read margins and earnings first. */
const profitMetrics = new Set(['net_income', 'operating_profit', 'eps', 'ebitda', 'ebita', 'pretax_profit', 'free_cash_flow', 'operating_cash_flow']);

const metricName = (metric: string | null) => (metric === null ? 'outlook' : metric === 'eps' ? 'EPS' : metric.replace(/_/g, ' '));
const amountText = (v: { amount: number; currency?: string; unit?: string }) =>
  'unit' in v && v.unit === 'percent' ? `${fmt(v.amount)}%` : Math.abs(v.amount) >= 1e6 ? `${thousands(v.amount / 1e6)}M ${v.currency}` : `${fmt(v.amount)} ${v.currency}`;

/**
 * A sentence whose events are all a company's figures stated with nothing to judge them by
 * ("Operating profit for the period was EUR 8.7 million", "Revenue was $812 million, compared
 * with $809 million"): no change worth the name, no estimate, no loss, and no word that judges
 * them ("stood at a record EUR 1.9 bn", "returned to profit", "below last year's level"). It
 * says nothing either way.
 */
export function onlyStatesFigures(events: readonly MarketEvent[], sentence: string): boolean {
  return events.length > 0 && !judgingWords.test(sentence) && events.every(isBareFigure);
}

function isBareFigure(event: MarketEvent): boolean {
  if (event.type !== 'financial_result' || event.vsEstimates !== null || event.value === null) return false;
  if ('amount' in event.value && event.value.amount < 0) return false;
  return event.direction === null || negligibleChange(event);
}

/** A change under 1% ("$812 million, compared with $809 million") is no news either way. */
function negligibleChange(event: Extract<MarketEvent, { type: 'financial_result' }>): boolean {
  return event.changePct !== null && Math.abs(event.changePct) < 1 && event.value !== null && event.prior !== null && Math.sign(event.value.amount) === Math.sign(event.prior.amount);
}

const judgingWords = /\b(?:record|returned\s+to|return\s+to|swung|swing|turned|below|above|higher|lower|up|down|rise|rises|rising|rose|risen|fell|fall|falls|falling|declin\w*|increas\w*|decreas\w*|grow\w*|grew|improv\w*|weak\w*|strong\w*|than|best|worst|doubl\w*|tripl\w*|jump\w*|surg\w*|soar\w*|drop\w*|slump\w*|plung\w*|tumbl\w*|beat|miss\w*|exceed\w*|short\s+of|loss|losses|deficit|only|just|mere\w*|solid|robust|disappoint\w*|expected|expectations|forecast|estimates?|guidance)\b/i;

/**
 * A reported figure: growth is bullish and decline bearish, scaled by the size of the change
 * (20% or more counts fully, 10 points for a margin); a loss that narrowed is up, one that
 * widened is down (the extractor signs `direction` that way). Beating estimates adds, missing
 * subtracts. For cost metrics the direction reads the other way.
 */
function resultSignal(event: Extract<MarketEvent, { type: 'financial_result' }>): EventSignal {
  const weight = profitMetrics.has(event.metric) ? 0.4 : 0.3;
  const good = costMetrics.has(event.metric) ? -1 : 1;
  let value = 0;
  const percentValue = event.value !== null && 'unit' in event.value;
  const negligible = negligibleChange(event);
  if ((event.direction === 'up' || event.direction === 'down') && !negligible) {
    const sign = (event.direction === 'up' ? 1 : -1) * good;
    const points = percentValue && event.prior !== null ? Math.abs(event.value!.amount - event.prior.amount) : null;
    const swing = event.value !== null && event.prior !== null && !percentValue && Math.sign(event.value.amount) !== Math.sign(event.prior.amount);
    const strength = swing ? 1 : event.changePct !== null ? Math.min(1, Math.max(0.25, Math.abs(event.changePct) / 20)) : points !== null ? Math.min(1, Math.max(0.25, points / 10)) : event.metric === 'same_store_sales' && percentValue ? Math.min(1, Math.max(0.25, Math.abs(event.value!.amount) / 5)) : 0.5;
    value += sign * weight * strength;
  } else if (event.direction === null && event.value !== null && !percentValue && event.value.amount < 0) {
    // A loss with nothing to compare it with still reads badly.
    value -= 0.1;
  }
  if (event.vsEstimates === 'beat') value += 0.25 * good;
  if (event.vsEstimates === 'miss') value -= 0.25 * good;
  const loss = event.value !== null && !percentValue && event.value.amount < 0;
  const moved = event.direction === null ? '' : loss && event.prior !== null && event.prior.amount < 0 ? (event.direction === 'up' ? ' loss narrowed' : event.direction === 'down' ? ' loss widened' : ' flat') : ` ${event.direction}`;
  const name = loss && !/loss/.test(moved) ? `${metricName(event.metric)} (loss)` : metricName(event.metric);
  const parts = [
    `${name}${moved}${event.changePct !== null ? ` ${Math.abs(event.changePct)}%` : ''}`,
    event.value ? `at ${amountText(event.value)}` : '',
    event.vsEstimates ? `${event.vsEstimates === 'inline' ? 'in line with' : event.vsEstimates === 'beat' ? 'beat' : 'missed'} estimates` : '',
    event.period ? `(${event.period})` : '',
  ];
  return { value: clamp(value), reason: parts.filter(Boolean).join(' ') };
}

/** The company's own forecast: a raise is bullish, a cut or a withdrawal bearish, a reaffirmation mildly reassuring. */
function guidanceSignal(event: Extract<MarketEvent, { type: 'guidance' }>): EventSignal {
  const good = event.metric !== null && costMetrics.has(event.metric) ? -1 : 1;
  // Millions when the figures are that large ("4,100–4,300M USD"), per share as written, percent without a currency.
  const millions = event.currency !== null && Math.abs(event.high ?? event.low ?? 0) >= 1e6;
  const end = (n: number | null) => (n === null ? '…' : millions ? thousands(n / 1e6) : fmt(n));
  const range = event.low !== null || event.high !== null ? ` ${end(event.low)}–${end(event.high)}${event.currency ? `${millions ? 'M' : ''} ${event.currency}` : '%'}` : '';
  const what = `${metricName(event.metric)} guidance`;
  const period = event.period ? ` (${event.period})` : '';
  switch (event.action) {
    case 'raise':
      return { value: 0.45 * good, reason: `${what} raised${range}${period}` };
    case 'lower':
      return { value: -0.5 * good, reason: `${what} cut${range}${period}` };
    case 'withdraw':
      return { value: -0.35, reason: `${what} withdrawn${period}` };
    case 'reaffirm':
      return { value: 0.05, reason: `${what} reaffirmed${range}${period}` };
    case 'initiate':
      // A first forecast says little without the market's expectations, which we do not know.
      return { value: 0, reason: `${what} given${range}${period}` };
  }
}

/**
 * Phrases that move sentiment for the companies of their sentence whatever the events say.
 * Add one: a line. A rule with `coveredBy` stays silent in a sentence that already gave an
 * event of one of those types (a guidance event counts the cut; the phrase must not count it again).
 */
export interface PhraseRule {
  pattern: RegExp;
  value: number;
  reason: string;
  coveredBy?: readonly MarketEvent['type'][];
  /**
   * Words the pattern cannot match without, in lower case: every list must have one of its
   * words in the lower-cased sentence ("estimate" and one of "rais", "lift", …). A sentence
   * without them is not tested at all: in the pipeline each pattern run costs several times
   * what it costs alone (its compiled code is out of the cache by the time scoring runs), and
   * a substring test costs almost nothing. A rule without `needs` is tested on every sentence.
   */
  needs?: readonly (readonly string[])[];
}

export const phraseRules: readonly PhraseRule[] = [
  { pattern: /\b(?:share|shareholder|equity)\s+dilution\b|\bdilutive\b|\bdilution\b/i, value: -0.3, reason: 'dilution', needs: [['dilut']] },
  { pattern: /\b(?:share|stock|equity|secondary|follow-on)\s+offering\b|\bat-the-market\b|\bATM\s+(?:program|offering)\b/i, value: -0.25, reason: 'share offering', needs: [['offering', 'at-the-market', 'atm']] },
  { pattern: /\blower\s+(?:bitcoin|price|revenue|earnings|sales)\s+(?:forecasts?|estimates?|outlook)\b/i, value: -0.2, reason: 'lower forecasts', needs: [['lower'], ['forecast', 'estimate', 'outlook']], coveredBy: ['guidance'] },
  { pattern: /\b(?:going\s+concern|bankruptcy|chapter\s+11|default(?:ed|s)?\s+on)\b/i, value: -0.6, reason: 'solvency risk', needs: [['going', 'bankruptcy', 'chapter', 'default'], ['concern', 'bankruptcy', 'chapter', 'default']] },
  { pattern: /\b(?:guidance\s+(?:cut|lowered|reduced)|(?:cuts?|lowers?|slashes?)\s+(?:its\s+)?guidance)\b/i, value: -0.4, reason: 'guidance cut', needs: [['guidance'], ['cut', 'lower', 'reduced', 'slash']], coveredBy: ['guidance'] },
  { pattern: /\b(?:raises?|lifts?|boosts?)\s+(?:its\s+)?(?:full-year\s+)?guidance\b|\bguidance\s+raised\b/i, value: 0.4, reason: 'guidance raised', needs: [['guidance'], ['raise', 'lift', 'boost']], coveredBy: ['guidance'] },
  { pattern: /\b(?:beats?|tops?|exceeds?)\s+(?:analyst\s+)?(?:estimates|expectations|consensus)\b/i, value: 0.3, reason: 'beat estimates', needs: [['beat', 'top', 'exceed'], ['estimates', 'expectations', 'consensus']], coveredBy: ['financial_result'] },
  { pattern: /\b(?:miss(?:es|ed)?)\s+(?:analyst\s+)?(?:estimates|expectations|consensus)\b/i, value: -0.3, reason: 'missed estimates', needs: [['miss'], ['estimates', 'expectations', 'consensus']], coveredBy: ['financial_result'] },
  { pattern: /\bcash[-\s]flow\s+visibility\b|\bcompelling\s+entry\s+points?\b/i, value: 0.15, reason: 'cash-flow visibility', needs: [['visibility', 'compelling']] },
  // An index that takes the stock in or drops it: index funds must buy or sell.
  { pattern: /\b(?:added\s+to|join(?:s|ed|ing)?|inclu(?:ded|sion)\s+in|promot(?:ed|ion)\s+to|enters?|entered)\s+(?:the\s+)?(?:benchmark\s+)?(?:S&P\s*500|S&P\s+MidCap\s+400|Nasdaq-100|Nasdaq\s+100|Dow(?:\s+Jones\s+Industrial\s+Average)?|FTSE\s*100|DAX|Stoxx\s*50|OMX\s+\w+\s+\d+|[\w&-]+\s+\d{2,3}\s+index|index)\b|\bindex\s+(?:promotion|inclusion)\b/i, value: 0.3, reason: 'index inclusion', needs: [['added', 'join', 'inclu', 'promot', 'enter'], ['s&p', 'nasdaq', 'dow', 'ftse', 'dax', 'stoxx', 'omx', 'index']] },
  { pattern: /\b(?:removed\s+from|dropped\s+from|deleted\s+from|exits?|exited|demot(?:ed|ion)\s+from|kicked\s+out\s+of)\s+(?:the\s+)?(?:benchmark\s+)?(?:S&P\s*500|Nasdaq-100|Nasdaq\s+100|Dow|FTSE\s*100|DAX|Stoxx\s*50|[\w&-]+\s+\d{2,3}\s+index|index)\b|\bindex\s+(?:reshuffle|rebalanc\w+)\s+(?:hits|drops|removes)\b/i, value: -0.3, reason: 'index removal', needs: [['remove', 'drop', 'deleted', 'exit', 'demot', 'kicked', 'hits'], ['s&p', 'nasdaq', 'dow', 'ftse', 'dax', 'stoxx', 'index']] },
  // The company's own credit: a better rating makes its debt cheaper.
  { pattern: /\bcredit\s+(?:rating\s+)?upgrade\b|\b(?:return(?:ed|s|ing)?|back)\s+to\s+investment\s+grade\b|\b(?:raised|upgraded|lifted)\s+(?:its|the\s+company['’]s|[A-Z][\w&.'’-]*['’]s)\s+(?:long-term\s+)?(?:credit|debt|issuer)\s+rating\b/i, value: 0.3, reason: 'credit upgrade', needs: [['upgrade', 'investment', 'raised', 'lifted'], ['credit', 'rating', 'investment']] },
  { pattern: /\bcredit\s+(?:rating\s+)?downgrade\b|\b(?:cut|lowered|downgraded)\s+(?:its|the\s+company['’]s|[A-Z][\w&.'’-]*['’]s)\s+(?:long-term\s+)?(?:credit|debt|issuer)\s+rating\b|\b(?:to|into)\s+junk\b/i, value: -0.3, reason: 'credit downgrade', needs: [['downgrade', 'cut', 'lowered', 'junk'], ['credit', 'rating', 'junk']] },
  // Analysts' earnings estimates moved (not the company's own forecast, which is guidance).
  { pattern: /\b(?:rais(?:es|ed|ing)|lift(?:s|ed|ing)|boost(?:s|ed)|bump(?:s|ed))\s+(?:its\s+|their\s+|her\s+|his\s+)?(?:[\w-]+\s+){0,2}?(?:estimates?|EPS\s+estimates?)\b|\bestimate\s+bump\b/i, value: 0.2, reason: 'estimates raised', needs: [['estimate'], ['rais', 'lift', 'boost', 'bump']], coveredBy: ['guidance'] },
  { pattern: /\b(?:cut(?:s|ting)?|lower(?:s|ed|ing)|trim(?:s|med)?|reduc(?:es|ed))\s+(?:its\s+|their\s+|her\s+|his\s+)?(?:[\w-]+\s+){0,2}?(?:estimates?|EPS\s+estimates?)\b/i, value: -0.2, reason: 'estimates cut', needs: [['estimate'], ['cut', 'lower', 'trim', 'reduc']], coveredBy: ['guidance'] },
  // What a charge or a gain did to the result: "Inventory write-downs reduced the result by EUR 7.5 mn".
  { pattern: /\b(?:reduced|cut|lowered|weighed\s+on|hit|hurt|burdened|dented|eroded|depressed)\s+(?:the\s+|its\s+|our\s+|their\s+)?(?:[\w-]+\s+)?(?:result|profit|earnings|margins?|income)\b(?!\s+(?:estimates?|forecasts?|guidance|outlook|targets?|expectations?))/i, value: -0.3, reason: 'a charge on the result', needs: [['reduced', 'cut', 'lowered', 'weighed', 'hit', 'hurt', 'burdened', 'dented', 'eroded', 'depressed'], ['result', 'profit', 'earnings', 'margin', 'income']], coveredBy: ['financial_result'] },
  { pattern: /\b(?:boosted|lifted|improved|added\s+[^.;]{0,30}?\s+to|will\s+contribute\s+to)\s+(?:the\s+|its\s+|our\s+|their\s+)?(?:group\s+|[\w-]+\s+)?(?:result|profit|earnings|margins?|revenue)\b(?!\s+(?:estimates?|forecasts?|guidance|outlook|targets?|expectations?))/i, value: 0.3, reason: 'a gain to the result', needs: [['boosted', 'lifted', 'improved', 'added', 'contribute'], ['result', 'profit', 'earnings', 'margin', 'revenue']], coveredBy: ['financial_result'] },
  // A promise not kept: "did not manage to return to profit", "failed to meet its target".
  { pattern: /\b(?:did\s+not|didn['’]t|failed\s+to|could\s+not|was\s+unable\s+to)\s+(?:manage\s+to\s+)?(?:return\s+to\s+profit|meet|reach|achieve|deliver|hit)\b/i, value: -0.35, reason: 'target missed', needs: [['did', 'failed', 'could', 'unable'], ['profit', 'meet', 'reach', 'achieve', 'deliver', 'hit']] },
  { pattern: /\b(?:over(?:ran|run|runs)\s+(?:the\s+|its\s+)?budget|cost\s+overruns?)\b/i, value: -0.3, reason: 'cost overrun', needs: [['overr']] },
  // Output stopped: "production at the mine would be halted for at least two weeks after a leak".
  { pattern: /\b(?:halt(?:s|ed|ing)?|suspend(?:s|ed|ing)?|stop(?:s|ped|ping)?|shut(?:s|ting)?\s+down|disrupt(?:s|ed|ing)?)\s+(?:all\s+|its\s+|the\s+)?(?:production|operations|output|mining|deliveries|shipments)\b|\b(?:production|operations|output|deliveries|shipments)\s+(?:[\w-]+\s+){0,3}?(?:would\s+be\s+|will\s+be\s+|was\s+|were\s+|has\s+been\s+|had\s+been\s+)?(?:halted|suspended|stopped|disrupted|shut\s+down)\b/i, value: -0.3, reason: 'output stopped', needs: [['halt', 'suspend', 'stop', 'shut', 'disrupt'], ['production', 'operations', 'output', 'mining', 'deliveries', 'shipments']] },
  // Money a company stops spending: "cost savings of EUR 12 million would be fully realised".
  { pattern: /\b(?:cost|efficiency|annual(?:ised|ized)?|procurement)\s+savings\b|\bsavings\s+(?:programme|program|plan)\b|\b(?:cost|revenue)\s+synergies\b/i, value: 0.25, reason: 'cost savings', needs: [['savings', 'synergies']] },
  // A customer leaving: "has decided not to renew its supply agreement".
  { pattern: /\bnot\s+to\s+renew\s+(?:its|the|their)\s+(?:[\w-]+\s+)?(?:contract|agreement|deal)\b|\b(?:terminated|cancelled|canceled)\s+(?:its|the|their)\s+(?:[\w-]+\s+)?(?:contract|agreement|order)\s+with\b/i, value: -0.35, reason: 'contract lost', needs: [['renew', 'terminated', 'cancel'], ['contract', 'agreement', 'deal', 'order']] },
  // Closures and job cuts: "will close three of its seven warehouses and cut around 110 positions".
  { pattern: /\b(?:cut|cuts|cutting|eliminate|eliminates|shed|sheds|lay\s+off|lays\s+off|laid\s+off)\s+(?:about\s+|around\s+|some\s+|up\s+to\s+|nearly\s+)?[\d,]+\s+(?:jobs|positions|employees|staff|workers|people)\b|\bwill\s+close\s+(?:[\w-]+\s+){0,4}?(?:plants?|factories|factory|stores|warehouses|mills?|sites|branches)\b/i, value: -0.3, reason: 'closures or job cuts', needs: [['cut', 'eliminate', 'shed', 'lay', 'laid', 'close'], ['jobs', 'positions', 'employees', 'staff', 'workers', 'people', 'plant', 'factor', 'store', 'warehouse', 'mill', 'site', 'branch']] },
];
