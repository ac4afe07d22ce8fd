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

/** The text with the code points `start` … `end - 1` replaced by `text` (a new value; the old one is unchanged). */
export function spliceCodePoints(chars: CodePoints, start: number, end: number, text: string): CodePoints {
  if (typeof chars === "string") {
    const edited = chars.slice(0, start) + text + chars.slice(end);
    // A pair inserted, or formed across the edit, changes the indexing: the edited text goes to code points.
    const around = chars.slice(Math.max(0, start - 1), start) + text + chars.slice(end, end + 1);
    return SURROGATE_PAIR.test(around) ? Array.from(edited) : edited;
  }
  const out = chars.slice(0, start);
  // Pushed one by one: spreading a long insertion into arguments overflows the call stack.
  for (const point of text) out.push(point);
  for (let i = end; i < chars.length; i++) out.push(chars[i] as string);
  return out;
}
