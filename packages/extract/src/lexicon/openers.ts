/**
 * Words that open a sentence in their everyday sense and name nothing by themselves ("Two
 * upgrades in a week:", "Others held firm:", "Rumors of an upgrade swirled", "Last spring,
 * …"). A capitalised word at a sentence's start is otherwise read as a possible name: an
 * unknown company ("Elastic upgraded to buy", "Anthem price target raised") often is one.
 */
export const sentenceOpeners: ReadonlySet<string> = new Set([
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'dozens', 'hundreds',
  'others', 'some', 'several', 'many', 'most', 'both', 'all', 'few', 'each', 'another', 'none', 'neither', 'either',
  'last', 'next', 'earlier', 'later', 'recently', 'meanwhile', 'elsewhere', 'separately', 'still', 'yet', 'also',
  'rumors', 'rumours', 'reports', 'sources', 'chatter', 'talk', 'speculation',
  'somewhere', 'somehow', 'anyway', 'overall', 'again', 'today', 'tomorrow', 'yesterday',
  // Spoken connectives: "So we went to neutral", "Well, the target …".
  'so', 'well', 'now', 'then', 'and', 'but', 'yes', 'no', 'okay', 'ok', 'right',
  // Prepositions opening a sentence: "Among the day's analyst moves, Home Depot got a lift from an upgrade".
  'among', 'amid', 'amongst', 'after', 'before', 'despite', 'following', 'during', 'since', 'unlike', 'like', 'besides', 'beyond', 'within', 'across',
  // Imperatives and question words opening a sentence: "Remember when everyone downgraded Meta?"
  'remember', 'imagine', 'recall', 'consider', 'why', 'when', 'how', 'what', 'who',
  // Speaker tags of transcripts and interviews: "ANCHOR: …", "Q: …".
  'host', 'co-host', 'anchor', 'reporter', 'guest', 'caller', 'moderator', 'interviewer', 'q', 'q&a',
]);
