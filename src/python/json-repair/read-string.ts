import { isPyAlnum, isPySpace, pyRstrip } from "./py-chars.js";
import { isQuote, type RepairCursor } from "./repair-cursor.js";
import { readLiteralWord } from "./read-scalars.js";
import { classifyValueComma } from "./string-comma.js";
import { braceBeforeFenceIsText, judgeClosingQuote, keepAsText, quoteInBracketRun } from "./string-closing-quote.js";
import { resolveEscape } from "./string-escapes.js";
import { bareKeyThenColon, skipBalancedContainer } from "./string-lookahead.js";
import { StringScanState } from "./string-scan-state.js";

const NO_SHORTCUT = Symbol("no shortcut");

function isQuoteOrAlnum(ch: string): boolean {
  return isQuote(ch) || isPyAlnum(ch);
}

/** A `"..."` with no backslash or line break, followed by what the context expects: taken as is. */
function readSimpleQuoted(p: RepairCursor): string | undefined {
  if (p.at() !== '"') return undefined;
  const start = p.pos + 1;
  const end = p.chars.indexOf('"', start);
  if (end === -1) return undefined;
  const value = p.slice(start, end);
  if (value.includes("\\") || value.includes("\n") || value.includes("\r")) return undefined;
  let next = end + 1;
  while (isPySpace(p.chars[next])) next++;
  const after = p.chars[next];
  const context = p.current;
  const ok =
    context === "key"
      ? after === ":"
      : context === "value"
        ? after === "," || after === "}" || after === undefined
        : context === "array"
          ? after === "," || after === "]" || after === undefined
          : after === undefined;
  if (!ok) return undefined;
  p.pos = end + 1;
  return value;
}

/** A ```` ```json ```` fence right at the read position, closed later: its content is read as a value. */
function readFencedJson(p: RepairCursor): unknown {
  if (p.slice(p.pos, p.pos + 7) !== "```json") return NO_SHORTCUT;
  const fence = p.pos + p.findUnescaped("`", 7);
  if (p.slice(fence, fence + 3) !== "```") return NO_SHORTCUT;
  p.pos += 7;
  return p.readValue();
}

/** Sets up the scan: finds the opening quote (or bare word), and settles the cases decided up front. */
function openString(p: RepairCursor): StringScanState | { value: unknown } {
  let ch = p.at();
  if (ch === "#" || ch === "/") return { value: p.readComment() };
  if (ch !== undefined && !isQuote(ch) && !isPyAlnum(ch)) {
    p.pos = p.nextWhere("quote-or-alnum", isQuoteOrAlnum, p.pos);
    ch = p.at();
  }
  if (ch === undefined) return { value: "" };
  const simple = readSimpleQuoted(p);
  if (simple !== undefined) return { value: simple };

  const s = new StringScanState();
  if (ch === "'") {
    s.open = s.close = "'";
  } else if (ch === "\u201c") {
    s.open = "\u201c";
    s.close = "\u201d";
  } else if (isPyAlnum(ch)) {
    if ("tfn".includes(ch.toLowerCase()) && p.current !== "key") {
      const word = readLiteralWord(p);
      if (word !== "") return { value: word };
    }
    s.missingQuotes = true;
  }
  if (!s.missingQuotes) p.pos++;
  if (p.at() === "`") {
    // A fence whose content reads as `false` is not taken (json_repair's quirk); reading goes on after it.
    const fenced = readFencedJson(p);
    if (fenced !== NO_SHORTCUT && fenced !== false) return { value: fenced };
  }
  if (p.at() !== s.open) return s;

  // The opening quote is doubled.
  const next = p.at(1);
  const context = p.current;
  if (
    (context === "key" && next === ":") ||
    (context === "value" && (next === "," || next === "}")) ||
    (context === "array" && (next === "," || next === "]"))
  ) {
    p.pos++;
    return { value: "" };
  }
  if (next === s.open) return { value: "" };
  const closeAt = p.findUnescaped(s.close, 1);
  if (p.at(closeAt + 1) === s.close) {
    s.doubledQuotes = true;
    p.pos++;
    return s;
  }
  const after = p.at(p.spacesEnd(1));
  if (isQuote(after) || after === "{" || after === "[") {
    p.pos++;
    return { value: "" };
  }
  if (after !== "," && after !== "]" && after !== "}") p.pos++;
  return s;
}

/** Handles a `,` inside an object-value string; true when the string ends before it. */
function commaEndsValue(p: RepairCursor, s: StringScanState): boolean {
  const meaning = s.noDelimiterAhead ? "string" : classifyValueComma(p, (targets, offset) => s.find(p, targets, offset));
  if (meaning === "member") return true;
  if (meaning === "string-no-delimiter") s.noDelimiterAhead = true;
  s.pendingContainer = meaning === "container";
  keepAsText(p, s);
  return false;
}

/** Tracks `{`/`[` runs kept as text after a comma; true when `ch` closes one (and is kept). */
function closesKeptContainer(s: StringScanState, ch: string): boolean {
  const stack = s.containerStack;
  if (ch === "{" || ch === "[") {
    if (s.pendingContainer) {
      stack.push(ch);
      s.pendingContainer = false;
      return false;
    }
    if (stack.length > 0) stack.push(ch);
  }
  if (stack.length === 0) return false; // the common case, per character: no out-of-bounds read
  const top = stack[stack.length - 1];
  if ((ch === "}" && top === "{") || (ch === "]" && top === "[")) {
    stack.pop();
    return true;
  }
  return false;
}

/** A `}` inside an object-value string: does the string end here (its closing quote is missing)? */
function braceEndsValue(p: RepairCursor, s: StringScanState): boolean | "break" {
  let missingClose = true;
  p.skipSpaces();
  if (p.at(1) === "\\") missingClose = false;
  let i = s.find(p, s.close, 1);
  if (p.at(i) !== undefined) {
    i = p.spacesEnd(i + 1);
    const next = p.at(i);
    if (next === undefined || next === "," || next === "}") {
      missingClose = false;
    } else {
      i = p.findUnescaped(s.open, i);
      if (p.at(i) === undefined) {
        missingClose = false;
      } else {
        const afterOpen = p.at(p.spacesEnd(i + 1));
        if (afterOpen !== undefined && afterOpen !== ":") missingClose = false;
      }
    }
  } else {
    if (p.at(p.findUnescaped(":", 1)) !== undefined) return "break";
    const from = p.spacesEnd(1);
    if (p.findUnescaped("}", from) - from > 1) missingClose = false;
  }
  return missingClose;
}

/** After a `:` in a quoted key: does the key end here (its closing quote is missing)? */
function colonEndsKey(p: RepairCursor, s: StringScanState): boolean {
  let i = p.findUnescaped(s.open, 1);
  if (p.at(i) === undefined) return true;
  i = p.findUnescaped(s.close, i + 1);
  if (p.at(i) === undefined) return false;
  const after = p.at(p.spacesEnd(i + 1));
  return after === "," || after === "}";
}

/** Reads the string body up to its end; returns the character where reading stopped. */
function scanBody(p: RepairCursor, s: StringScanState): string | undefined {
  let ch = p.at();
  while (ch !== undefined && (ch !== s.close || s.inLowQuoteSpan)) {
    p.spendString(1);
    const context = p.current;
    if (s.missingQuotes) {
      if (context === "key" && (ch === ":" || isPySpace(ch))) break;
      if (context === "array" && (ch === "]" || ch === ",")) break;
    }
    if (ch === "\u201e" && s.last !== "\\") {
      s.lowQuoteSpans++;
      keepAsText(p, s);
      ch = p.at();
      continue;
    }
    if (s.inLowQuoteSpan && ch === "\u201d") {
      s.lowQuoteSpans--;
      keepAsText(p, s);
      ch = p.at();
      continue;
    }
    if (
      (ch === "[" || ch === "{" || ch === "(") &&
      s.last !== "\\" &&
      (s.pendingContainer || (context === "value" && ch === "{" && p.at(-1) !== "\\" && bareKeyThenColon(p, p.spacesEnd(1))))
    ) {
      const end = skipBalancedContainer(p, 0);
      if (end !== null) {
        s.pendingContainer = false;
        s.containerStack.length = 0;
        s.append(p.slice(p.pos, p.pos + end));
        p.pos += end;
        ch = p.at();
        continue;
      }
    }
    if (context === "value" && ch === "," && !s.pendingContainer && s.containerStack.length === 0) {
      if (commaEndsValue(p, s)) break;
      ch = p.at();
      continue;
    }
    if (closesKeptContainer(s, ch)) {
      keepAsText(p, s);
      ch = p.at();
      continue;
    }
    if (context === "value" && ch === "}" && s.last !== s.close) {
      if (s.openBraces > 0) {
        keepAsText(p, s);
        ch = p.at();
        continue;
      }
      const ends = braceEndsValue(p, s);
      if (ends === "break" || ends) break;
    }
    if (ch === "]" && p.inContext("array") && s.last !== s.close) {
      if (p.at(p.findUnescaped(s.close)) === undefined) break;
    }
    if (context === "value" && ch === "}") {
      const next = p.spacesEnd(1);
      if (p.at(next) === "`" && p.at(next + 1) === "`" && p.at(next + 2) === "`") {
        if (!braceBeforeFenceIsText(p, s, next)) break;
        keepAsText(p, s);
        ch = p.at();
        continue;
      }
      if (p.at(next) === undefined) break;
    }
    if (p.chars[p.pos] === ch) s.appendCurrent(p);
    else s.append(ch);
    p.pos++;
    ch = p.at();
    if (ch === undefined) break;
    if (s.last === "\\") {
      const [handled, next] = resolveEscape(p, s, ch);
      ch = next;
      if (handled) continue;
    }
    if (ch === ":" && !s.missingQuotes && p.current === "key" && colonEndsKey(p, s)) break;
    if (s.inLowQuoteSpan && ch === '"') {
      s.lowQuoteSpans--;
      keepAsText(p, s);
      ch = p.at();
      continue;
    }
    if (ch === s.close && p.current === "value" && quoteInBracketRun(p, s)) {
      keepAsText(p, s);
      ch = p.at();
      continue;
    }
    if (ch === s.close && !s.isEmpty && s.last !== "\\") {
      const verdict = judgeClosingQuote(p, s);
      ch = p.at();
      if (verdict === "stop") break;
      if (verdict === "continue") continue;
    }
  }
  return ch;
}

/** Trims and closes the string once the scan stopped at `ch`. */
function finishString(p: RepairCursor, s: StringScanState, ch: string | undefined): string {
  if (ch !== undefined && s.missingQuotes && p.current === "key" && isPySpace(ch)) {
    p.skipSpaces();
    const next = p.at();
    if (next !== ":" && next !== ",") return "";
  }
  let text = s.text;
  if (ch !== s.close) text = pyRstrip(text);
  else p.pos++;
  if (s.missingQuotes || text.endsWith("\n")) text = pyRstrip(text);
  return text;
}

/**
 * Reads a string the way json_repair does: quoted with `"`, `'` or curly quotes, or a bare word;
 * a bare `true`/`false`/`null` (any case) becomes the literal. Missing closing quotes, stray quotes
 * and escapes are resolved by looking at what follows in the current context.
 */
export function readString(p: RepairCursor): unknown {
  const opened = openString(p);
  if (!(opened instanceof StringScanState)) return opened.value;
  const ch = scanBody(p, opened);
  return finishString(p, opened, ch);
}
