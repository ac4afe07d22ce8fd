import { isQuote, type RepairCursor } from "./repair-cursor.js";
import type { StringScanState } from "./string-scan-state.js";

const SIMPLE_ESCAPES: Record<string, string> = { t: "\t", n: "\n", r: "\r", b: "\b" };
const HEX = /^[0-9a-fA-F]+$/;

/**
 * The string text ends with a backslash and `ch` (at the read position) follows it. Resolves what
 * json_repair resolves: `\t \n \r \b`, an escaped closing quote or backslash, `\uXXXX`, `\xXX`,
 * escaped quotes of other kinds, and even runs of backslashes (halved). Returns whether the escape
 * was consumed and the character now at the read position.
 */
export function resolveEscape(p: RepairCursor, s: StringScanState, ch: string): [boolean, string | undefined] {
  const close = s.activeClose;
  if (s.inLowQuoteSpan && ch === '"') {
    s.replaceBackslash(ch);
    s.lowQuoteSpans--;
    p.pos++;
    return [true, p.at()];
  }
  if (ch === "\\") {
    let runEnd = p.pos + 1;
    while (p.chars[runEnd] === "\\") runEnd++;
    const runLength = runEnd - (p.pos - 1);
    if (runLength % 2 === 0 && p.chars[runEnd] !== close) {
      s.replaceBackslash("\\".repeat(runLength / 2));
      p.pos = runEnd;
      return [true, p.at()];
    }
  }
  if (ch === close || ch === "\\" || ch in SIMPLE_ESCAPES) {
    s.replaceBackslash(SIMPLE_ESCAPES[ch] ?? ch);
    p.pos++;
    let next = p.at();
    while (next !== undefined && s.last === "\\" && (next === close || next === "\\")) {
      s.replaceBackslash(next);
      p.pos++;
      next = p.at();
    }
    return [true, next];
  }
  if (ch === "u" || ch === "x") {
    const width = ch === "u" ? 4 : 2;
    const hex = p.slice(p.pos + 1, p.pos + 1 + width);
    if (hex.length === width && HEX.test(hex)) {
      s.replaceBackslash(String.fromCharCode(parseInt(hex, 16)));
      p.pos += 1 + width;
      return [true, p.at()];
    }
    return [false, ch];
  }
  if (ch === "\u201e" || (isQuote(ch) && ch !== close)) {
    s.replaceBackslash(ch);
    p.pos++;
    return [true, p.at()];
  }
  return [false, ch];
}
