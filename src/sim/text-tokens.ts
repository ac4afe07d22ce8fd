/** A token of a text, with its place in that text. */
export interface Token {
  text: string;
  /** Lowercased and lightly stemmed, for matching. */
  norm: string;
  start: number;
  end: number;
  /** Words and numbers; false for punctuation. */
  word: boolean;
}

const TOKEN = /\$\d+(?:[.,]\d+)*|\d+(?:[.,]\d+)+%?|[\p{L}\p{N}]+(?:['’]\p{L}+)*|[^\s\p{L}\p{N}]/gu;

/** English function words (articles, pronouns, auxiliaries, prepositions, conjunctions), as in common stopword lists. */
const STOPWORDS = new Set(
  (
    "a an the and or but if of to in on at by for with from as is are was were be been being it its this that these " +
    "those i me my we our you your he she they them their his her not no do does did so than then there here what " +
    "which who whom how when where why can could will would should may might must has have had about into over " +
    "per any all some just also very up out am s t shall"
  ).split(" "),
);

/** Negated auxiliaries: function words too (rule `negated-function-words`), as standard stopword lists have them. */
const NEGATED_AUXILIARIES = new Set(
  "cannot can't won't don't doesn't didn't isn't aren't wasn't weren't couldn't wouldn't shouldn't hasn't haven't hadn't mustn't needn't shan't".split(" "),
);

/** The function words as `normalizeWord` leaves them (membership is tested on normalized words). */
function normalizedSet(words: Iterable<string>): Set<string> {
  return new Set([...words].flatMap((w) => [w, normalizeWord(w)]));
}

/** Which normalized words carry no content (for similarity and for copied spans). */
export interface Lexicon {
  isStopword(norm: string): boolean;
  /** Content terms of a text, remembered (a lexicon made by `memoLexicon` for one completion). */
  terms?(text: string): string[];
}

/** A lexicon that remembers each text's content terms: made afresh for each completion, dropped with it. */
export function memoLexicon(base: Lexicon): Lexicon {
  const seen = new Map<string, string[]>();
  const lexicon: Lexicon = {
    isStopword: base.isStopword,
    terms(text: string): string[] {
      let terms = seen.get(text);
      if (!terms) {
        terms = wordTokens(text)
          .map((t) => t.norm)
          .filter((n) => !base.isStopword(n));
        if (seen.size < 5_000) seen.set(text, terms);
      }
      return terms;
    },
  };
  return lexicon;
}

/** The default lexicon: function words including negated auxiliaries. */
const FUNCTION_WORDS = normalizedSet(STOPWORDS);
const NEGATED = normalizedSet(NEGATED_AUXILIARIES);
export const FULL_LEXICON: Lexicon = Object.freeze({ isStopword: (norm: string) => FUNCTION_WORDS.has(norm) || NEGATED.has(norm) });
/** The lexicon with the `negated-function-words` rule off: negated auxiliaries count as content words. */
export const PLAIN_LEXICON: Lexicon = Object.freeze({ isStopword: (norm: string) => FUNCTION_WORDS.has(norm) });

/**
 * Lowercase with a light English stemmer (`'s`; `ies` → `y`; `ing`, `ed`; `es` after s/x/z/ch/sh; `s` except after
 * s/u/i; a final `e` unless a function word would be left), so "painted" ~ "paint" and "notes" ~ "note".
 */
export function normalizeWord(word: string): string {
  let w = word.toLowerCase().replace(/’/g, "'").replace(/'s$/, "");
  if (!/^\p{L}+$/u.test(w) || w.length <= 3) return w;
  if (w.endsWith("ies") && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith("ing") && w.length >= 6) w = w.slice(0, -3);
  else if (w.endsWith("ed") && w.length >= 5) w = w.slice(0, -2);
  else if (/(s|x|z|ch|sh)es$/.test(w) && w.length >= 5) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(ss|us|is)$/.test(w) && w.length >= 4) w = w.slice(0, -1);
  // A final e goes ("painte" ~ "paint"), unless that leaves a function word ("note" must not become "not").
  return w.length > 3 && w.endsWith("e") && !STOPWORDS.has(w.slice(0, -1)) && !NEGATED_AUXILIARIES.has(w.slice(0, -1)) ? w.slice(0, -1) : w;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const piece = match[0];
    const word = /[\p{L}\p{N}]/u.test(piece);
    tokens.push({ text: piece, norm: word ? normalizeWord(piece) : piece, start: match.index, end: match.index + piece.length, word });
  }
  return tokens;
}

export function wordTokens(text: string): Token[] {
  return tokenize(text).filter((t) => t.word);
}

export function isStopword(norm: string, lexicon: Lexicon = FULL_LEXICON): boolean {
  return lexicon.isStopword(norm);
}

/** The normalized content words of a text (no function words). */
export function contentTerms(text: string, lexicon: Lexicon = FULL_LEXICON): string[] {
  if (lexicon.terms) return lexicon.terms(text);
  return wordTokens(text)
    .map((t) => t.norm)
    .filter((n) => !lexicon.isStopword(n));
}

/** The first `maxWords` words of a text, with "…" when cut. */
export function clip(text: string, maxWords: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const words = flat.split(" ");
  return words.length <= maxWords ? flat : `${words.slice(0, maxWords).join(" ")}…`;
}

/** Upper-cases the first letter. */
export function capitalize(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}

/** Ends a sentence with a period unless it already ends with punctuation. */
export function endSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]["'»)]?$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** A quoted excerpt closing a sentence: `"text."` or `"text?"` (no doubled punctuation). */
export function quoted(text: string, maxWords: number): string {
  const excerpt = clip(text, maxWords);
  return /[.!?…]$/.test(excerpt) ? `"${excerpt}"` : `"${excerpt}."`;
}
