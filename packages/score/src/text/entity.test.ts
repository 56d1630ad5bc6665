import { describe, expect, it } from 'vitest';
import { clauseAround, createTextSentimentScorer, findMention, findMentions } from './index.ts';
import { entityClause } from './entity.ts';

describe('per-entity scoring', () => {
  const scorer = createTextSentimentScorer();

  it('finds whole-word mentions, case-insensitively', () => {
    expect(findMention('Shares of ACME Corp rise', 'Acme Corp')).toEqual({ start: 10, end: 19 });
    expect(findMention('Acmeville is a town', 'Acme')).toBeUndefined();
  });

  it('scores each side of a contrast on its own clause', () => {
    const text = 'Contoso shares surge 12%, Fabrikam slumps on weak outlook';
    expect(scorer.scoreEntity(text, 'Contoso').polarity).toBe('positive');
    expect(scorer.scoreEntity(text, 'Fabrikam').polarity).toBe('negative');
  });

  it('lets list items share the verb of their clause', () => {
    const text = 'Contoso, Fabrikam rally up to 6% on strong orders';
    const mention = findMention(text, 'Contoso');
    expect(mention && clauseAround(text, mention)).toBe('Contoso, Fabrikam rally up to 6%');
    expect(scorer.scoreEntity(text, 'Contoso').polarity).toBe('positive');
  });

  it('reads past an aside to the verb: "Barclays, by contrast, reported record profits"', () => {
    const text = 'HSBC said it would cut 10,000 jobs; Barclays, by contrast, reported record profits.';
    const mention = findMention(text, 'Barclays');
    expect(mention && clauseAround(text, mention)).toBe('Barclays, by contrast, reported record profits.');
    expect(scorer.scoreEntity(text, 'Barclays').polarity).toBe('positive');
    expect(scorer.scoreEntity(text, 'HSBC').polarity).toBe('negative');
  });

  it('calls the broker and the quoted person neutral', () => {
    expect(scorer.scoreEntity('Litware slides after Example Bank downgrades the stock', 'Example Bank').polarity).toBe('neutral');
    expect(scorer.scoreEntity('Litware slides after Example Bank downgrades the stock', 'Litware').polarity).toBe('negative');
    expect(scorer.scoreEntity('Buy Contoso for a 20% upside: Jane Doe, Example Capital', 'Jane Doe').basis).toBe('source');
  });

  it('reads recommendations and moves stated of the entity itself', () => {
    expect(scorer.scoreEntity('Buy Contoso with a target of $40: Jane Doe', 'Contoso')).toMatchObject({ polarity: 'positive', basis: 'recommendation' });
    expect(scorer.scoreEntity('Bearish on Fabrikam: Jane Doe', 'Fabrikam').polarity).toBe('negative');
    expect(scorer.scoreEntity('Contoso a good buy at current levels: Jane Doe', 'Contoso').polarity).toBe('positive');
    expect(scorer.scoreEntity('Too early to buy Contoso: Jane Doe', 'Contoso').basis).not.toBe('recommendation');
    expect(scorer.scoreEntity('Litware Q3 net zooms to a record, Fabrikam tanks', 'Litware').polarity).toBe('positive');
    expect(scorer.scoreEntity('Litware Q3 net zooms to a record, Fabrikam tanks', 'Fabrikam').polarity).toBe('negative');
  });

  it('treats an upgraded entity and a cause after "lifted by" as the subject, not a source', () => {
    expect(scorer.scoreEntity('Example Bank raises targets for cement makers, Contoso upgraded', 'Contoso').basis).not.toBe('source');
    expect(scorer.scoreEntity('Index lifted by Contoso and Fabrikam', 'Contoso').basis).not.toBe('source');
    expect(scorer.scoreEntity('Week ahead: Contoso index nearing a new summit', 'Contoso index').basis).not.toBe('source');
  });

  it('lets the events extraction finds about the company decide it', () => {
    // Our own sentence: the rating is Contoso's; Example Bank is its source.
    const text = 'Example Bank started coverage of Contoso Ltd with a buy rating and a $40 price target, citing a steadier order book.';
    expect(scorer.scoreEntity(text, 'Contoso Ltd')).toMatchObject({ polarity: 'positive', basis: 'events' });
    expect(scorer.scoreEntity(text, 'Example Bank').polarity).toBe('neutral');
  });

  it('does not end a clause at the colon of an exchange code', () => {
    const text = 'Example Bank downgraded Contoso Ltd (NASDAQ: CTSO) to underperform, while Fabrikam rallied';
    const mention = findMention(text, 'Contoso Ltd');
    expect(mention && clauseAround(text, mention)).toBe('Example Bank downgraded Contoso Ltd (NASDAQ: CTSO) to underperform');
  });

  it('reads the words after a short tag and a colon as the headline, not a byline', () => {
    expect(scorer.scoreEntity('UPDATE: Contoso Profit Up Strongly, Outlook Positive', 'Contoso').basis).not.toBe('source');
    expect(scorer.scoreEntity('Morning Briefing: Fabrikam And Litware Shares Rise', 'Litware').basis).not.toBe('source');
    // After a longer headline the same capitalised words are its author.
    expect(scorer.scoreEntity('Contoso can rally another 20% from here, says analyst: Jane Doe, Example Capital', 'Example Capital').basis).toBe('source');
  });

  it('falls back to the whole text when the entity is not mentioned', () => {
    expect(scorer.scoreEntity('Profit warning sends shares tumbling', 'Contoso').basis).toBe('whole-text');
  });
});

describe('per-entity scoring in a paragraph', () => {
  const scorer = createTextSentimentScorer();
  // Our own paragraph: clauses do not split at periods, sentences do.
  const paragraph =
    'Contoso reported record quarterly revenue and raised its dividend for the fifth year in a row. ' +
    'Fabrikam, which lost two large customers, said it expects a loss for the year.';

  it('reads each company in its own sentence', () => {
    expect(scorer.scoreEntity(paragraph, 'Contoso').context).not.toContain('Fabrikam');
    expect(scorer.scoreEntity(paragraph, 'Contoso').polarity).toBe('positive');
    expect(scorer.scoreEntity(paragraph, 'Fabrikam').context).not.toContain('Contoso');
    expect(scorer.scoreEntity(paragraph, 'Fabrikam').polarity).toBe('negative');
  });

  it('reads every sentence that names the company, not only a title that lists it', () => {
    // Our own story: the title only lists the companies, the body says what happened to each.
    const story =
      'Movers this morning: Contoso, Fabrikam, Litware. ' +
      'Contoso shares tumbled 8% after the company cut its annual sales forecast. ' +
      'Fabrikam climbed 4% on a new defence order, and Litware was little changed.';
    expect(scorer.scoreEntity(story, 'Contoso').polarity).toBe('negative');
    expect(scorer.scoreEntity(story, 'Fabrikam').polarity).toBe('positive');
    expect(findMentions(story, 'Contoso')).toHaveLength(2);
  });

  it('reads a later sentence that names the company by a short form, and a move said past a relative clause', () => {
    // Our own story: the bidder is named in full once, then by its short form where its shares move.
    const deal =
      'Shares of Fabrikam Retail jumped 23% after the chain received a takeover proposal from Contoso Holdings Group. ' +
      'Contoso shares fell 4%, as analysts warned that a deal would need a large amount of new debt.';
    expect(scorer.scoreEntity(deal, 'Contoso Holdings Group').polarity).toBe('negative');
    expect(scorer.scoreEntity(deal, 'Fabrikam Retail').polarity).toBe('positive');
    // A common first word is no short form: "American" does not stand for American Contoso.
    expect(scorer.scoreEntity('American Contoso named a new finance chief on Monday. American stocks fell 3% on Friday as yields rose.', 'American Contoso').polarity).not.toBe('negative');
    const sympathy = 'Contoso cut its sales forecast and its shares fell 5% in London on Tuesday. Rival Fabrikam Brands, which reports next week, slipped 1.2% in sympathy.';
    const list = 'Litware said it would delay its new plant to 2031, citing slow demand. Equipment makers Contoso Tools and Fabrikam Systems, which had expected orders for the plant, fell 2% each.';
    expect(scorer.scoreEntity(list, 'Contoso Tools').polarity).toBe('negative');
    expect(scorer.scoreEntity('Litware agreed to buy Tailspin for 3.7 billion pounds. Shares in Contoso Insurance, until now the market leader, fell 1.5% in London.', 'Contoso Insurance').polarity).toBe('negative');
    expect(scorer.scoreEntity(sympathy, 'Fabrikam Brands').polarity).toBe('negative');
  });

  it('leaves the classifier\'s neutral standing in a paragraph, where the headline lexicon would find a word of valence', () => {
    // Our own sentence: the customer named in a supplier's win is neither helped nor hurt.
    const win = 'Brenna Foods won a three-year contract to supply private-label cheese to Marlow Stores across Britain, the company said on Tuesday.';
    expect(scorer.scoreEntity(win, 'Marlow Stores')).toMatchObject({ polarity: 'neutral', decidedBy: 'classifier' });
  });
});

describe('agencies and index providers', () => {
  const scorer = createTextSentimentScorer();
  it('does not read a price paid for a takeover as money paid out for a dispute', () => {
    expect(scorer.scoreEntity('Halvern Biotech agreed to pay $38 a share for Tessaly Labs.', 'Halvern Biotech').polarity).not.toBe('negative');
  });
  it('reads a credit agency rating another company and an index provider as sources', () => {
    expect(scorer.scoreEntity("Moody's cut Grenholt Shipping's credit rating deeper into junk territory on Tuesday.", "Moody's")).toMatchObject({ polarity: 'neutral', basis: 'source' });
    expect(scorer.scoreEntity('S&P Global Ratings raised Ford Motor\'s credit rating back to investment grade.', 'S&P Global Ratings')).toMatchObject({ polarity: 'neutral', basis: 'source' });
    expect(scorer.scoreEntity('Brannock Tools will join the S&P 500 on Monday, S&P Dow Jones Indices said late on Friday.', 'S&P Dow Jones Indices')).toMatchObject({ polarity: 'neutral', basis: 'source' });
  });
});

describe('what a sentence says of a company outright, for the analysis\' per-ticker reading', () => {
  it('gives entityClause the side a relation or a stated move gives the company', () => {
    const text = 'Kestrow Foods won a 6% price increase from supermarket chain Dalwick Stores, while rival Fenwick Brands, which reports next week, slipped 1.2%.';
    const at = (name: string) => ({ start: text.indexOf(name), end: text.indexOf(name) + name.length });
    expect(entityClause(text, at('Dalwick Stores')).said).toBe('negative');
    expect(entityClause(text, at('Fenwick Brands')).said).toBe('negative');
    expect(entityClause(text, at('Kestrow Foods')).said).toBeUndefined();
  });
});

describe('relations between two companies', () => {
  const scorer = createTextSentimentScorer();
  it('reads the side a relation gives a company named in another company\'s story', () => {
    const cases: [string, string, string][] = [
      ['Redfern Chemicals lost a major paint-resin customer to Oakhurst Chemicals, which offered fixed prices.', 'Oakhurst Chemicals', 'positive'],
      ['Pellham Airlines cancelled an order for 12 jets from Corvane Aerospace, blaming weak demand.', 'Corvane Aerospace', 'negative'],
      ['Nordhavn Shipping ordered six new ferries from Kestrel Marine.', 'Kestrel Marine', 'positive'],
      ['Wexcombe Health won a court case against Larchmont Insurance over unpaid bills.', 'Larchmont Insurance', 'negative'],
      ['Aldermoor Foods won the contract to supply soups to a supermarket chain, replacing Kinsale Foods.', 'Kinsale Foods', 'negative'],
      ['The index, which includes Helvar Group, Aurora Cables and Mossberg Engineering, was rebalanced.', 'Aurora Cables', 'neutral'],
      // What the news means for a company, said outright.
      ['Regulators approved Fennick Bio\'s rival treatment, which analysts called a setback for Larchmont Pharma.', 'Larchmont Pharma', 'negative'],
      ['The failed trial is also a blow to Orrin Labs, which paid $250 million for the rights.', 'Orrin Labs', 'negative'],
      ['The ruling is a boost for Idris Search, which is seeking damages from the platform.', 'Idris Search', 'positive'],
      // Advisers, customers listed, a consultancy quoted: named, nothing happened to them.
      ['Halden Partners advised Corvane Aerospace on the sale, which closed on Friday.', 'Halden Partners', 'neutral'],
      ['Dunmore Packaging counts Kestrel Foods and Aldwick Brands among its biggest customers.', 'Aldwick Brands', 'neutral'],
      ['Consultancy Marlow Freight said its container index had tripled since December.', 'Marlow Freight', 'neutral'],
      ['Rosendal Pharma and Tamsin Labs agreed to jointly develop a vaccine.', 'Tamsin Labs', 'neutral'],
      ['Rosendal Pharma and Tamsin Labs will jointly develop a vaccine.', 'Rosendal Pharma', 'neutral'],
      ['Halden Corp and Tornfeld AB have formed a joint venture to sell water filters in Asia.', 'Tornfeld AB', 'neutral'],
      ['Kestrow Foods won a 6% price increase from supermarket chain Dalwick Stores for next year.', 'Dalwick Stores', 'negative'],
      ['Halden Securities cut Fenwick Sports to hold and said it preferred Tamsin Outdoor among footwear makers.', 'Tamsin Outdoor', 'positive'],
      ['Norvik Bank and Orchard Telecom are among the companies due to report results this week.', 'Norvik Bank', 'neutral'],
      // Our own sentences, in the forms the third blind set's dev part missed.
      // Our own sentences for the fourth blind set's dev part: a company that declines to comment, index changes.
      ['Corvo Retail, the owner of the mall, declined to comment on the report.', 'Corvo Retail', 'neutral'],
      ['Brannock Tools and Elsworth Foods will join the S&P 500 index before trading opens on Monday.', 'Elsworth Foods', 'positive'],
      ['They will replace Harwick Media and Tolland Labs, which move to the S&P MidCap 400.', 'Tolland Labs', 'negative'],
      ['Sainsbury CFO Rogers to Replace Home Retail CEO Walden', 'Home Retail', 'neutral'],
      ['The mall\'s largest landlord, Corvo Retail, declined to comment.', 'Corvo Retail', 'neutral'],
      ["Moody's downgraded Brenna Foods to B3 from B2, citing weak cash flow.", 'Brenna Foods', 'negative'],
      ['Fitch upgraded Dalen Power to BBB, citing lower debt.', 'Dalen Power', 'positive'],
      ['The European Commission fined Corvi Chemicals 310 million euros for taking part in a cartel.', 'Corvi Chemicals', 'negative'],
      ['The expansion puts Brenna Outlet in more direct competition with Dalen Stores and Corvo Retail.', 'Corvo Retail', 'neutral'],
      ['The earbuds will be sold at Dalen Stores and Corvo Retail from next month.', 'Dalen Stores', 'neutral'],
      ['Activist investor Harwick Partners has built a stake of more than 5% in Tolland Utilities.', 'Tolland Utilities', 'positive'],
      ['Brenna Pharma agreed to pay $700 million to settle claims that it misled consumers.', 'Brenna Pharma', 'negative'],
      ['Halvern Biotech agreed to buy Tessaly Labs for $20 a share in cash.', 'Halvern Biotech', 'neutral'],
      ['Halvern Biotech agreed to buy Tessaly Labs for $20 a share in cash.', 'Tessaly Labs', 'positive'],
      ['Marlow Energy sued Brightrock Drilling over faulty pumps.', 'Marlow Energy', 'neutral'],
      ['Marlow Energy sued Brightrock Drilling over faulty pumps.', 'Brightrock Drilling', 'negative'],
      ['Ostrava Motors recalled 90,000 cars over brakes made by Kelby Parts, whose shares fell 7%.', 'Ostrava Motors', 'negative'],
      ['Ostrava Motors recalled 90,000 cars over brakes made by Kelby Parts, whose shares fell 7%.', 'Kelby Parts', 'negative'],
      ['Tarrow Steel won a contract to supply 50,000 tonnes of rail to Denby Rail.', 'Tarrow Steel', 'positive'],
      ['Vexa Networks won a 5G network deal from Orland Telecom.', 'Orland Telecom', 'neutral'],
      ['Penrose Bank was ordered to pay $30 million to a group of investors.', 'Penrose Bank', 'negative'],
      ['Hollin Foods, which supplies snacks to Costello Markets, reported results.', 'Costello Markets', 'neutral'],
      ['Kestle Copper, which is 20% owned by Varra Mining, said output fell 9% in the quarter.', 'Kestle Copper', 'negative'],
    ];
    for (const [text, entity, polarity] of cases) expect(scorer.scoreEntity(text, entity).polarity, `${entity}: ${text}`).toBe(polarity);
  });
});
