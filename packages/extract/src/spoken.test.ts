import { describe, expect, it } from 'vitest';
import { spokenValue, withSpokenFigures } from './spoken.ts';
import { extractEvents } from './extract.ts';

describe('figures said in words', () => {
  it('reads numbers as presenters say prices', () => {
    expect(['thirty-six', 'a hundred and ten', 'one sixty', 'one twenty-two', 'four-seventy-five', 'two hundred thirty', 'five hundred and ten', 'a hundred-and-five', 'four-twenty'].map(spokenValue)).toEqual([36, 110, 160, 122, 475, 230, 510, 105, 420]);
    expect(spokenValue('thirty forty')).toBeNull();
  });

  it('writes money and target figures in place, same length, and leaves other numbers as words', () => {
    const said = [
      'The price target goes to fifty dollars from thirty-two.',
      "Target's thirty-six now, she had forty-five.",
      'It put a hundred-and-five-dollar target on the shares.',
      'JPMorgan cut its Wells Fargo target by five bucks, to ninety.',
    ];
    for (const text of said) expect(withSpokenFigures(text)).toHaveLength(text.length);
    expect(said.map((t) => withSpokenFigures(t).replace(/\s+/g, ' '))).toEqual([
      'The price target goes to $50 from $32 .',
      "Target's $36 now, she had $45 .",
      'It put $105 target on the shares.',
      'JPMorgan cut its Wells Fargo target by $5 , to $90 .',
    ]);
    for (const text of ['Three calls. First one, two analysts cut it.', 'Two brokers moved to one notch above.']) expect(withSpokenFigures(text)).toBe(text);
    // Another currency's words become its sign, never a dollar figure.
    expect(withSpokenFigures('The target goes to nine hundred yen from eight hundred yen.')).toBe('The target goes to ¥900             from ¥800             .');
  });

  it('joins a ticker spelled letter by letter', () => {
    expect(withSpokenFigures('Next up, Chewy, C-H-W-Y. Rough day.')).toBe('Next up, Chewy, CHWY   . Rough day.');
  });
  it('writes money in words in a text about rupees with the rupee sign, and reads "thirteen eighty" as 1380', () => {
    expect(spokenValue('thirteen eighty')).toBe(1380);
    expect(spokenValue('three thousand nine hundred')).toBe(3900);
    const radio = 'Nomura has cut Tata Consultancy Services to neutral from buy and brought the target down to three thousand nine hundred rupees from four thousand four hundred and fifty.';
    expect(extractEvents({ body: radio }).filter((e) => e.type === 'price_target')).toMatchObject([{ ticker: 'TCS.NS', action: 'lower', from: 4450, to: 3900, currency: 'INR' }]);
    // Not a figure: a count in a text about yen.
    expect(withSpokenFigures('Three of the analysts cut targets; one set 2,800 yen.')).toBe('Three of the analysts cut targets; one set 2,800 yen.');
  });
});
