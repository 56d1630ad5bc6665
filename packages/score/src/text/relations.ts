/**
 * What one company's news says of the other company it names: the side of a relation. "Redfern
 * lost a major customer to Oakhurst" is good for Oakhurst; "Pellham cancelled an order for 12
 * jets from Corvane" is bad for Corvane; "the index, which includes Helvar, Aurora and
 * Mossberg" says nothing of any of them. The clause around such a name reads the other
 * company's story, so the relation decides.
 *
 * Each line is a phrase that ends right before the entity's name (`before`) or starts right
 * after it (`after`), and the polarity it gives the entity. Phrasings are data: add one line.
 */
import type { EntityPolarity } from './labels.ts';

type Relation = readonly [pattern: string, polarity: EntityPolarity];

// Words that may stand between the relation and the name: "to cheaper rival Orchard Telecom".
const describing = "(?:(?:its|their|the|a|an|cheaper|larger|smaller|bigger|rival|competitor|local|domestic|foreign|Danish|Swedish|German|British|US|U\\.S\\.|Chinese|Japanese|French|Finnish|Norwegian|equipment|parts|chip|component|software|steel|supplier|maker|group|carmaker|airline|retailer|bank|insurer|operator|producer|company|supermarket|chain|grocer|customer|client|partner|fund|firm|private|equity)\\s+){0,4}";

const before: readonly Relation[] = [
  // Won from another: "lost customers to cheaper rival Orchard Telecom", "taking share from Brunnholm".
  [`\\blo(?:st|ses|sing)\\s+(?:[\\w-]+\\s+){0,10}?to\\s+${describing}$`, 'positive'],
  // Terms won at another's expense: "won a 6% price increase from supermarket chain Dalby Stores", "a price reduction of 15% from supplier Greyline".
  [`\\b(?:won|wins|winning|secured|extracted|negotiated|obtained)\\s+(?:[\\w$€£.,%-]+\\s+){0,6}?(?:price\\s+(?:increases?|rises?|hikes?|cuts?|reductions?)|discounts?|concessions?|compensation|damages|rebates?)\\s+(?:[\\w$€£.,%-]+\\s+){0,4}?from\\s+${describing}$`, 'negative'],
  // Business won from a customer: "won a 5G network deal from Deutsche Telekom" says nothing bad of the customer.
  [`\\b(?:won|wins|winning|secured|landed)\\s+(?:[\\w$€£.,%-]+\\s+){0,6}?(?:deal|contract|order|business|mandate|tender)s?\\s+(?:[\\w-]+\\s+){0,3}?(?:from|with)\\s+${describing}$`, 'neutral'],
  // Disputes: "won a court case against Larchmont", "lost a patent case against Tamsin Labs", "a lawsuit brought by Valmora".
  [`\\b(?:won|wins|winning)\\s+(?:[\\w-]+\\s+){0,6}?(?:against|from)\\s+${describing}$`, 'negative'],
  [`\\blo(?:st|ses|sing)\\s+(?:[\\w-]+\\s+){0,6}?(?:against|brought\\s+by|to)\\s+${describing}$`, 'positive'],
  // "They will replace Etsy and Illumina" (in an index); not "to replace Home Retail CEO Walden".
  [`\\b(?:replac(?:ing|ed|es)|will\\s+replace)\\s+${describing}(?:[\\w&'’.-]+\\s+){0,3}?(?:(?:and|,)\\s+)?$`, 'negative'],
  [`\\boutsourc(?:e|es|ed|ing)\\s+(?:[\\w-]+\\s+){0,6}?to\\s+${describing}$`, 'positive'],
  [`\\b(?:tak(?:ing|es)|took|won|wins|winning|gain(?:ing|ed|s)?)\\s+(?:market\\s+)?share\\s+from\\s+${describing}$`, 'negative'],
  [`\\bat\\s+the\\s+expense\\s+of\\s+${describing}$`, 'negative'],
  // …and taking it back: "cancelled an order for 12 jets from Corvane", "ending its reliance on Stillwater".
  [`\\bcancel(?:l?ed|s|l?ing)?\\s+(?:[\\w$€£.,-]+\\s+){0,8}?(?:from|with)\\s+${describing}$`, 'negative'],
  [`\\b(?:end(?:ing|ed|s)?|reduc(?:ing|ed|es?)|cut(?:ting|s)?)\\s+(?:its|their)\\s+(?:reliance|dependence)\\s+on\\s+${describing}$`, 'negative'],
  [`\\bswitch(?:ing|ed|es)?\\s+(?:away\\s+)?from\\s+${describing}$`, 'negative'],
  [`\\b(?:drop(?:ped|s|ping)?|replac(?:ed|es|ing))\\s+${describing}$`, 'negative'],
  [`\\bsupplied\\s+by\\s+${describing}$`, 'negative'],
  // A customer ordering or buying from a supplier: "ordered six new ferries … from Kestrel Marine".
  [`\\b(?:order(?:ed|s|ing)?|bought|buys|purchas(?:ed|es|ing)|award(?:ed|s|ing))\\s+(?:[\\w$€£.,-]+\\s+){0,8}?(?:from|to)\\s+${describing}$`, 'positive'],
  [`\\b(?:chose|chosen|selected|picked|prefers?|preferred|favou?rs|favou?red)\\s+${describing}$`, 'positive'],
  // Beaten to a deal: "beating a bid led by Corvane Aerospace's transport arm".
  [`\\b(?:beat(?:ing|s)?|defeat(?:ing|ed|s)?|outbid(?:ding|s)?)\\s+(?:(?:a|an|the)\\s+)?(?:rival\\s+)?(?:bids?|offers?|consortium)?\\s*(?:led\\s+by|from)?\\s*${describing}$`, 'negative'],
  // The company being bought: "agreed to buy Saltmarsh Therapeutics for $38 a share", "a takeover approach for Strand".
  // Not advice: "Too early to buy Contoso" is no deal.
  [`\\b(?:(?:agreed|agrees|agreeing|plans?|planning|offered|offers|moved|moves|seeks?|seeking)\\s+to\\s+(?:buy|acquire|take\\s+over)|(?:will|would)\\s+(?:buy|acquire)|bought|acquired|acquires|takeover\\s+of|acquisition\\s+of|purchase\\s+of|bid\\s+for|offer\\s+for)\\s+${describing}$`, 'positive'],
  // A credit agency's or a regulator's action on the company: "Moody's downgraded Castellan Retail
  // to B3", "Fitch placed Banca Orvieto on watch negative", "the Commission fined Aldermoor Chemicals".
  [`\\b(?:Moody['’]s|Fitch(?:\\s+Ratings)?|S&P(?:\\s+Global(?:\\s+Ratings)?)?|DBRS|the\\s+(?:credit\\s+)?(?:rating\\s+)?agency)\\s+(?:has\\s+|had\\s+)?(?:downgraded|cut|lowered|placed|put)\\s+${describing}$`, 'negative'],
  [`\\b(?:Moody['’]s|Fitch(?:\\s+Ratings)?|S&P(?:\\s+Global(?:\\s+Ratings)?)?|DBRS|the\\s+(?:credit\\s+)?(?:rating\\s+)?agency)\\s+(?:has\\s+|had\\s+)?(?:upgraded|raised|lifted)\\s+${describing}$`, 'positive'],
  [`\\b(?:fined|penali[sz]ed|sanctioned|banned|blocked|charged|raided)\\s+${describing}$`, 'negative'],
  // A stake built in the company: "Elliott Management has built a stake of more than 5% in Brackenridge Utilities".
  [`\\b(?:built|building|builds|taken|took|takes|disclosed|acquired|amassed)\\s+(?:up\\s+)?(?:a|an)\\s+(?:[\\w-]+\\s+)?stake\\s+(?:of\\s+[^,;]{1,30}?\\s+)?in\\s+${describing}$`, 'positive'],
  // What the news means for it, said outright: "the approval is a setback for Sanofi", "a blow to Roche", "a boost for Lyft".
  [`\\b(?:an?\\s+|another\\s+)?(?:(?:major|big|further|fresh|serious|significant|rare)\\s+)?(?:setback|blow|headwind|threat|hit|bad\\s+news)\\s+(?:for|to)\\s+${describing}$`, 'negative'],
  [`\\b(?:an?\\s+|another\\s+)?(?:(?:major|big|further|fresh|significant|welcome|rare)\\s+)?(?:boost|boon|win|tailwind|windfall|lifeline|good\\s+news|victory)\\s+(?:for|to)\\s+${describing}$`, 'positive'],
  // A consultancy or data house quoted for the market: "Consultancy Drewry said its index had tripled".
  [`\\b(?:consultancy|consultants?|research\\s+(?:firm|group|house|company)|data\\s+(?:provider|firm)|analytics\\s+(?:firm|company|provider)|market\\s+researcher|industry\\s+tracker)\\s+$`, 'neutral'],
  // Advisers on a deal: "advised by Lazard", "hired PJT Partners to advise".
  [`\\b(?:advised\\s+by|hired|retained|appointed|mandated)\\s+${describing}$`, 'neutral'],
  // The company sued: "Dunmore Energy sued Palisade Drilling".
  [`\\bsu(?:ed|es|ing)\\s+${describing}$`, 'negative'],
  // A name inside another company's relative clause: "Quintel Foods, which supplies snacks to Walmart and Target, …".
  [`,\\s+(?:which|who)\\s+[^,;]*$`, 'neutral'],
  // A name only given as the market around the story: "in more direct competition with TJX and Ross
  // Stores", "a market dominated by Apple and Samsung", "sold at Best Buy and Target".
  [`\\b(?:competition\\s+(?:with|from)|compet(?:e|es|ed|ing)\\s+(?:directly\\s+)?(?:with|against)|dominated\\s+by|(?:sold|available|stocked|carried|offered)\\s+(?:at|through|in|by)|rivals?\\s+(?:like|such\\s+as))\\s+${describing}(?:[\\w&'’.-]+\\s+){0,3}?(?:(?:and|,)\\s+)?$`, 'neutral'],
  // A name only listed: "the index …, which includes Helvar Group, Aurora Cables and …".
  [`\\b(?:includ(?:es|ing|ed)|such\\s+as|among\\s+them|comprising)\\s+(?:[\\w&'’.-]+(?:,\\s+(?:and\\s+)?|\\s+and\\s+|\\s+)){0,12}$`, 'neutral'],
];

// After a name, the other name of a pair it opens: "Rosendal Pharma and Tamsin Labs will jointly …".
const andTheOther = "(?:\\s+and\\s+(?:[\\w&'’.-]+\\s+){0,3}?[\\w&'’.-]+)?";

const after: readonly Relation[] = [
  // "Rosendal Pharma and Tamsin Labs will jointly develop", "Glasmere and Falconridge are both listed".
  [`^${andTheOther}\\s+(?:will\\s+|agreed\\s+to\\s+|plan\\s+to\\s+|are\\s+to\\s+)?(?:jointly|are\\s+both|were\\s+both|both\\s+(?:are|were))\\b`, 'neutral'],
  // Partners in a joint venture, companies listed as reporting soon: named, nothing yet happened to them.
  [`^${andTheOther}\\s+(?:(?:have|has|had|will)\\s+)?(?:formed|set\\s+up|created|launched|agreed\\s+to\\s+form|plan\\s+to\\s+form)\\s+an?\\s+(?:[\\w-]+\\s+)?joint\\s+venture\\b`, 'neutral'],
  [`^${andTheOther}\\s+(?:are|is|were|was)\\s+among\\s+(?:the\\s+)?(?:companies|firms|names|groups)\\s+(?:due|expected|set|scheduled)\\s+to\\s+report\\b`, 'neutral'],
  // An adviser on a deal: "Evercore advised Aldwick", "Rothschild & Co advised Harbourline".
  ["^\\s+(?:advised|is\\s+advising|was\\s+advising|acted\\s+as\\s+(?:financial\\s+|legal\\s+)?advis[eo]r)\\b", 'neutral'],
  // Named as another company's customers: "counts Procter & Gamble and Kimberly-Clark among its biggest customers".
  [`^${andTheOther}\\s+among\\s+its\\s+(?:(?:biggest|largest|main|key|top)\\s+)?(?:customers|clients|partners|suppliers)\\b`, 'neutral'],
  // The buyer and the plaintiff: "Corrick Pharmaceuticals agreed to buy …", "Dunmore Energy sued …": their own story is neither.
  ["^\\s+(?:(?:has|have|had)\\s+)?(?:agreed\\s+to\\s+|said\\s+it\\s+would\\s+|will\\s+|plans\\s+to\\s+|is\\s+to\\s+)?(?:buy|acquire|take\\s+over|sued|is\\s+suing|filed\\s+(?:a\\s+)?(?:suit|lawsuit))\\s+(?!(?:back|its|their|a\\s+stake|shares)\\b)", 'neutral'],
  // A relative clause that says how the shares went: "…, made by Kendrick Safety Systems, whose shares fell 9%".
  ["^\\s*,\\s+whose\\s+(?:shares|stock)\\s+(?:fell|dropped|slid|sank|slumped|tumbled|plunged|declined|lost)\\b", 'negative'],
  ["^\\s*,\\s+whose\\s+(?:shares|stock)\\s+(?:rose|jumped|gained|climbed|surged|soared|rallied|advanced)\\b", 'positive'],
  // Business won: "Brisco Steel won a contract to supply 80,000 tonnes of rail", "said it would supply steel for …".
  ["^\\s+(?:(?:has|have)\\s+)?(?:won|wins|secured|landed|clinched|was\\s+awarded|has\\s+been\\s+awarded|signed)\\s+(?:an?\\s+|the\\s+)?(?:[\\w$€£.,%-]+\\s+){0,5}?(?:contract|order|deal|tender|mandate)s?\\b|^\\s+said\\s+it\\s+(?:would|will)\\s+supply\\b", 'positive'],
  ["^\\s+(?:(?:has|have)\\s+)?agreed\\s+to\\s+be\\s+(?:acquired|bought|taken\\s+over)\\b", 'positive'],
  ["^\\s+(?:was|were|has\\s+been|had\\s+been)\\s+(?:ordered\\s+to\\s+pay|fined)\\b", 'negative'],
  // Money paid out for a dispute: "agreed to pay $700 million to settle claims", "(ordered …) to pay $212 million to Allanby".
  ["^\\s+(?:has\\s+)?(?:agreed\\s+to\\s+pay|to\\s+pay|will\\s+pay)\\s+(?:about\\s+|roughly\\s+|nearly\\s+|more\\s+than\\s+)?\\S{0,4}\\d[\\d.,]*\\s*(?:million|billion|bn|mn)?\\s+(?:to\\s+settle|in\\s+(?:fines?|penalties|damages|compensation)|to\\s+\\p{Lu})", 'negative'],
  // A holder changing its stake: "Tencent cut its stake in Meituan" is neither way for the holder.
  ["^\\s+(?:cut|sold|reduced|trimmed|raised|increased|lifted|bought)\\s+(?:its|a|part\\s+of\\s+its)\\s+(?:\\d+(?:\\.\\d+)?%\\s+)?stake\\b", 'neutral'],
  // Nothing said: "Simon Property Group declined to comment", "KPMG said it stood by its work".
  ["^(?:\\s*,[^,;]{0,80},|\\s*,)?\\s+(?:declined\\s+to\\s+comment|said\\s+it\\s+(?:was|is|had\\s+been)\\s+in\\s+(?:constructive\\s+|ongoing\\s+)?(?:talks|discussions)|did\\s+not\\s+(?:immediately\\s+)?(?:respond|reply|comment)|could\\s+not\\s+(?:immediately\\s+)?be\\s+reached|was\\s+not\\s+available\\s+for\\s+comment|said\\s+it\\s+stood\\s+by|had\\s+no\\s+(?:immediate\\s+)?comment)\\b", 'neutral'],
  // An index taking the stock in: "Dell Technologies and Erie Indemnity will join the S&P 500".
  [`^${andTheOther}\\s+(?:will\\s+)?(?:join|joins|joined|(?:will\\s+be|was|were|is|are)\\s+(?:added|promoted)\\s+to)\\s+(?:the\\s+)?(?:benchmark\\s+)?(?:S&P\\s*500|S&P\\s+MidCap\\s+400|Nasdaq-100|Nasdaq\\s+100|Dow\\s+Jones|FTSE\\s*100|DAX|Stoxx\\s*50|[\\w&-]+\\s+\\d{2,3}(?:\\s+index)?)\\b`, 'positive'],
  // "Fairhaven Motors recalled 310,000 vehicles".
  ["^\\s+(?:(?:is|has|have)\\s+)?recall(?:ed|s|ing)\\b", 'negative'],
];

const beforeRegexes = before.map(([p, polarity]) => [new RegExp(p, 'iu'), polarity] as const);
const afterRegexes = after.map(([p, polarity]) => [new RegExp(p, 'iu'), polarity] as const);

/** The polarity a relation written around the mention at [start, end) gives it, or undefined. */
export function relationFor(text: string, start: number, end: number): EntityPolarity | undefined {
  const head = text.slice(Math.max(0, start - 160), start);
  for (const [re, polarity] of beforeRegexes) if (re.test(head)) return polarity;
  const tail = text.slice(end, end + 80);
  for (const [re, polarity] of afterRegexes) if (re.test(tail)) return polarity;
  return undefined;
}
