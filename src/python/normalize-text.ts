import { ValueError } from "../errors/value-error.js";
import { pyClassRepr } from "./py-class-repr.js";
import { pySplitWhitespace } from "./py-split-whitespace.js";

/** Python's `string.punctuation`. */
const PUNCTUATION = new Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");

/** `\b(a|an|the)\b` with Python's Unicode word characters (letters, digits, `_`); JS's `\b` is ASCII-only. */
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu;

/**
 * Normalizes text for answer comparison (DSPy's `normalize_text`): Unicode NFD, lowercase, drop ASCII punctuation,
 * drop the words "a", "an", "the", collapse whitespace.
 *
 * @example
 * normalizeText("The,  Eiffel  Tower!") // "eiffel tower"
 */
export function normalizeText(text: string): string {
  if (typeof text !== "string") throw new ValueError(`normalizeText expects a string, got ${pyClassRepr(text)}.`);
  let kept = "";
  for (const ch of text.normalize("NFD").toLowerCase()) if (!PUNCTUATION.has(ch)) kept += ch;
  return pySplitWhitespace(kept.replace(ARTICLES, " ")).join(" ");
}

/** The whitespace tokens of the normalized text. */
export function normalizedTokens(text: string): string[] {
  return pySplitWhitespace(normalizeText(text));
}
