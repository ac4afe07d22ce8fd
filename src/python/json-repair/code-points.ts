/**
 * The text under repair, indexed by code point as Python indexes a `str`. A text without surrogate pairs (nearly every
 * reply) is the string itself: one code unit is one code point, and reads, slices and strict decodes use it directly.
 * A text with surrogate pairs is an array of its code points.
 */
export type CodePoints = string | readonly string[];

const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/;

/** `text` indexed by code point (lone surrogates count as one, as in Python). */
export function toCodePoints(text: string): CodePoints {
  return SURROGATE_PAIR.test(text) ? Array.from(text) : text;
}

/** The code points `start` … `end - 1` as a string (bounds as in `Array.prototype.slice`). */
export function sliceCodePoints(chars: CodePoints, start: number, end?: number): string {
  return typeof chars === "string" ? chars.slice(start, end) : chars.slice(start, end).join("");
}

/** Insertions up to this many code points are spliced into an array in place (spread as arguments). */
const SPREAD_LIMIT = 10_000;

/**
 * The text with the code points `start` … `end - 1` replaced by `text`: a new string, or the same array edited in
 * place (a native move of the tail; copying a megabyte array of code points costs a hundred times more).
 */
export function spliceCodePoints(chars: CodePoints, start: number, end: number, text: string): CodePoints {
  if (typeof chars === "string") {
    const edited = chars.slice(0, start) + text + chars.slice(end);
    // A pair inserted, or formed across the edit, changes the indexing: the edited text goes to code points.
    const around = chars.slice(Math.max(0, start - 1), start) + text + chars.slice(end, end + 1);
    return SURROGATE_PAIR.test(around) ? Array.from(edited) : edited;
  }
  const points = Array.from(text);
  const array = chars as string[];
  if (points.length <= SPREAD_LIMIT) {
    array.splice(start, end - start, ...points);
    return array;
  }
  // A long insertion (spreading it would overflow the call stack): a new array.
  return array.slice(0, start).concat(points, array.slice(end));
}
