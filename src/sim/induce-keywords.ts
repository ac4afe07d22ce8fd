import { FULL_LEXICON, wordTokens, type Lexicon } from "./text-tokens.js";

/** One labelled text: what an input said, and the value an output took. */
export interface LabelledText {
  text: string;
  value: string;
}

/** How often a word occurred in texts with one value. */
export interface WordCount {
  /** Normalized form (for matching). */
  norm: string;
  /** As first seen. */
  shown: string;
  count: number;
}

/** The words seen with each value; `pure` lists only the words never seen with another value. */
export interface KeywordTable {
  values: Array<{ value: string; examples: number; pure: WordCount[] }>;
}

/**
 * Counts, per value, the content words of the texts that had it (each word once per text), and keeps the words
 * seen with one value only: the raw material of a keyword-to-label rule (docs/sim.md, "Induction").
 */
export function countKeywords(items: readonly LabelledText[], lexicon: Lexicon = FULL_LEXICON): KeywordTable {
  const perValue = new Map<string, { examples: number; words: Map<string, WordCount> }>();
  const valuesOfWord = new Map<string, Set<string>>();
  for (const { text, value } of items) {
    let entry = perValue.get(value);
    if (!entry) perValue.set(value, (entry = { examples: 0, words: new Map() }));
    entry.examples++;
    const seen = new Set<string>();
    for (const token of wordTokens(text)) {
      if (lexicon.isStopword(token.norm) || /^\d+$/.test(token.norm) || token.norm.length < 2 || seen.has(token.norm)) continue;
      seen.add(token.norm);
      const count = entry.words.get(token.norm) ?? { norm: token.norm, shown: token.text.toLowerCase(), count: 0 };
      count.count++;
      entry.words.set(token.norm, count);
      let values = valuesOfWord.get(token.norm);
      if (!values) valuesOfWord.set(token.norm, (values = new Set()));
      values.add(value);
    }
  }
  const values = [...perValue.entries()]
    .map(([value, { examples, words }]) => ({
      value,
      examples,
      pure: [...words.values()].filter((w) => valuesOfWord.get(w.norm)!.size === 1).sort((a, b) => b.count - a.count || (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0)),
    }))
    .sort((a, b) => b.examples - a.examples || (a.value < b.value ? -1 : 1));
  return { values };
}

/**
 * Keyword rules worth stating: per value, the pure words seen at least `minCount` times (most frequent first). With
 * fewer than two values seen, no word can be told apart from the rest, so there is no rule — unless the counts were
 * already kept to words seen with one value (`contrasted`, as observations state them).
 */
export function keywordRules(table: KeywordTable, minCount = 2, maxWords = 12, contrasted = false): Array<{ value: string; words: WordCount[] }> {
  if (table.values.length < 2 && !contrasted) return [];
  return table.values
    .map(({ value, pure }) => ({ value, words: pure.filter((w) => w.count >= minCount).slice(0, maxWords) }))
    .filter((rule) => rule.words.length > 0);
}
