import { isPyAlpha, isPySpace } from "./py-chars.js";
import type { RepairCursor } from "./repair-cursor.js";
import type { StringScanState } from "./string-scan-state.js";
import { containerEndsMember, memberFollowsQuote, skipBalancedContainer, skipSpaceAndComments } from "./string-lookahead.js";

/** What to do with a quote that could close the string: keep reading (`continue`), stop, or let the loop decide. */
export type QuoteVerdict = "continue" | "stop" | "undecided";

/** Keeps the character at the read position as text and moves on. */
export function keepAsText(p: RepairCursor, s: StringScanState): void {
  p.at(); // counted as a read
  s.appendCurrent(p);
  p.pos++;
}

function onlySpacesBefore(p: RepairCursor, end: number): boolean {
  for (let i = 1; i < end; i++) {
    const ch = p.at(i);
    if (ch !== undefined && !isPySpace(ch)) return false;
  }
  return true;
}

/** A closing quote at the read position inside a `[...]` run without spaces, whose `]` is still ahead (a regex class). */
export function quoteInBracketRun(p: RepairCursor, s: StringScanState): boolean {
  if (!s.bracketOpen || s.spaceAfterBracket) return false;
  return p.at(p.findUnescaped("]", 1)) === "]";
}

/**
 * A `}` in an object value is followed by a code fence at `fence`: does the brace belong to the
 * string (a fenced snippet inside the text, the string's real closing quote comes later) or close
 * the object before a wrapper fence?
 */
export function braceBeforeFenceIsText(p: RepairCursor, s: StringScanState, fence: number): boolean {
  let searchFrom = fence + 3;
  const next = skipSpaceAndComments(p, searchFrom);
  let keepsContainer = false;
  const nextChar = p.at(next);
  if (nextChar === "[" || nextChar === "{" || nextChar === "(") {
    const end = skipBalancedContainer(p, next);
    if (end !== null) {
      if (containerEndsMember(p, end)) return false;
      keepsContainer = true;
      searchFrom = end;
    }
  }
  let quote = p.findUnescaped(s.close, searchFrom);
  while (p.at(quote) === s.close) {
    const after = p.at(p.spacesEnd(quote + 1));
    if (after === undefined || after === "," || after === "}" || after === "]") {
      if (keepsContainer) s.pendingContainer = true;
      return true;
    }
    quote = p.findUnescaped(s.close, quote + 1);
  }
  return false;
}

/** Each closing quote with `]` (made once: a fresh string per look-ahead would be hashed on every call). */
const QUOTE_OR_BRACKET: Readonly<Record<string, string>> = { '"': '"]', "'": "']", "\u201d": "\u201d]" };

/**
 * From the quote at absolute index `at`: do the quotes that follow (up to a `]` or the end) pair up? json_repair walks
 * them two by two on every candidate closing quote of an array item; the answers are memoised per quote, so a run of
 * quotes is walked once.
 */
function quotesPairUp(p: RepairCursor, close: string, at: number): boolean {
  // Per closing quote, the verdict from each quote index: 0 not known yet, 1 false, 2 true.
  const memos = p.memo("quotes-pair-up", () => new Map<string, Int8Array>());
  let memo = memos.get(close);
  if (memo === undefined) {
    memo = new Int8Array(p.length + 1);
    memos.set(close, memo);
  }
  const targets = QUOTE_OR_BRACKET[close] ?? close + "]";
  const chain: number[] = [];
  let verdict: boolean | undefined;
  let quote = at;
  for (;;) {
    const known = memo[quote];
    if (known !== undefined && known !== 0) {
      verdict = known === 2;
      break;
    }
    chain.push(quote);
    const first = p.pos + p.findUnescaped(targets, quote + 1 - p.pos);
    if (p.chars[first] !== close) {
      verdict = false;
      break;
    }
    const second = p.pos + p.findUnescaped(targets, first + 1 - p.pos);
    if (p.chars[second] !== close) {
      verdict = true;
      break;
    }
    quote = second;
  }
  for (const q of chain) if (q < memo.length) memo[q] = verdict ? 2 : 1;
  return verdict;
}

/** In a bare-word object value, a quote that opens the next `"key":` ends the word before it. */
function bareValueMeetsKey(p: RepairCursor, s: StringScanState): QuoteVerdict {
  let i = 1;
  let ch = p.at(i);
  while (ch !== undefined && ch !== s.close && ch !== s.open) ch = p.at(++i);
  if (ch !== undefined && p.at(p.spacesEnd(i + 1)) === ":") {
    p.pos--;
    return "stop";
  }
  return "undecided";
}

/**
 * The string's closing quote sits at the read position (not escaped). Decides from what follows
 * whether it really closes the string or is a stray quote inside the text.
 */
export function judgeClosingQuote(p: RepairCursor, s: StringScanState): QuoteVerdict {
  const close = s.close;
  if (s.doubledQuotes && p.at(1) === close) {
    p.pos++;
    return "continue";
  }
  if (s.missingQuotes && p.current === "value") return bareValueMeetsKey(p, s);
  if (s.unmatchedQuote) {
    s.unmatchedQuote = false;
    keepAsText(p, s);
    return "continue";
  }
  // Find the next quote, or a character that ends the current container first.
  let i = 1;
  let ch = p.at(i);
  let commaEndsValue = true;
  const inKey = p.inContext("key");
  const inValue = p.inContext("value");
  const inArray = p.inContext("array");
  const isValue = p.current === "value";
  while (ch !== undefined && ch !== close && ch !== s.open) {
    if (commaEndsValue && isPyAlpha(ch)) commaEndsValue = false;
    if (
      (inKey && (ch === ":" || ch === "}")) ||
      (inValue && ch === "}") ||
      (inArray && (ch === "]" || ch === ",")) ||
      (commaEndsValue && isValue && ch === ",")
    ) {
      break;
    }
    ch = p.at(++i);
  }
  if (ch === "," && p.current === "value") {
    i = p.findUnescaped(close, i + 1);
    i = p.spacesEnd(i + 1);
    const after = p.at(i);
    if (after === "}" || after === ",") {
      keepAsText(p, s);
      return "continue";
    }
    return "undecided";
  }
  if (ch !== close || p.at(i - 1) === "\\") return "undecided";
  // Another quote follows before anything structural.
  if (onlySpacesBefore(p, i) && !(p.current === "value" && memberFollowsQuote(p, i))) return "stop";
  if (p.current === "value") {
    if (memberFollowsQuote(p, i)) {
      keepAsText(p, s);
      return "continue";
    }
    i = p.findUnescaped(close, i + 1) + 1;
    ch = p.at(i);
    while (ch !== undefined && ch !== ":") {
      if (ch === "," || ch === "]" || ch === "}" || (ch === close && p.at(i - 1) !== "\\")) break;
      ch = p.at(++i);
    }
    if (ch !== ":") {
      s.unmatchedQuote = !s.unmatchedQuote;
      keepAsText(p, s);
      return "continue";
    }
    return "undecided";
  }
  if (p.current === "array") {
    if (quotesPairUp(p, close, p.pos + i)) {
      s.unmatchedQuote = !s.unmatchedQuote;
      keepAsText(p, s);
      return "continue";
    }
    return "stop";
  }
  if (p.current === "key") {
    keepAsText(p, s);
    return "continue";
  }
  return "undecided";
}
