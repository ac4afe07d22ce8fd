/** Python's whitespace (`str.isspace()`): JS `\s` differs (it has U+FEFF, lacks U+001C–U+001F and U+0085). */
const PY_WHITESPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;

/** Python's `text.split()` with no separator: runs of whitespace split, empty pieces dropped. */
export function pySplitWhitespace(text: string): string[] {
  return text.split(PY_WHITESPACE).filter((piece) => piece.length > 0);
}
