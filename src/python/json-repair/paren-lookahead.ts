import { isPyDigit, isPySpace } from "./py-chars.js";
import { isQuote, type RepairCursor } from "./repair-cursor.js";

/** Look-ahead for a `(` at the read position: is it a tuple, and may a top-level one start a value? */

interface Depth {
  parens: number;
  brackets: number;
  braces: number;
}

/**
 * Walks the text after the read position outside quoted runs, tracking (), [] and {} nesting, and
 * calls `visit` with each character (a quote opening counts as `"quote"`), its absolute index and the
 * depth before it; the first non-undefined verdict ends the walk. `clampParens` keeps the
 * parenthesis depth from going negative on a stray `)` inside brackets.
 */
function scanNesting(
  p: RepairCursor,
  clampParens: boolean,
  visit: (ch: string, index: number, depth: Depth) => boolean | undefined,
): boolean | undefined {
  const depth: Depth = { parens: 0, brackets: 0, braces: 0 };
  let quote: string | undefined;
  let slashes = 0;
  for (let i = p.pos + 1; i < p.length; i++) {
    p.spend(1);
    const ch = p.chars[i] as string;
    if (ch === "\\") {
      slashes++;
      continue;
    }
    if (quote !== undefined) {
      if (ch === quote && slashes % 2 === 0) quote = undefined;
      slashes = 0;
      continue;
    }
    if (isQuote(ch) && slashes % 2 === 0) {
      quote = ch;
      slashes = 0;
      const verdict = visit("quote", i, depth);
      if (verdict !== undefined) return verdict;
      continue;
    }
    slashes = 0;
    const verdict = visit(ch, i, depth);
    if (verdict !== undefined) return verdict;
    if (ch === "(") depth.parens++;
    else if (ch === ")") depth.parens -= clampParens && depth.parens === 0 ? 0 : 1;
    else if (ch === "[") depth.brackets++;
    else if (ch === "]" && depth.brackets > 0) depth.brackets--;
    else if (ch === "{") depth.braces++;
    else if (ch === "}" && depth.braces > 0) depth.braces--;
  }
  return undefined;
}

function atTop(depth: Depth): boolean {
  return depth.parens === 0 && depth.brackets === 0 && depth.braces === 0;
}

/** Whether the `(` at the read position is a tuple (`()`, `(1,)`, `(1, 2)`) rather than a grouped value. */
export function parenIsTuple(p: RepairCursor): boolean {
  let sawContent = false;
  const verdict = scanNesting(p, true, (ch, _index, depth) => {
    const top = atTop(depth);
    if (ch === "quote") {
      sawContent ||= top;
      return undefined;
    }
    if (!top) return undefined;
    if (ch === ")") return !sawContent;
    if (ch === ",") return true;
    if (!isPySpace(ch)) sawContent = true;
    return undefined;
  });
  return verdict ?? !sawContent;
}

/**
 * Whether a `(` met at top level starts a value: it must open its line, hold something value-like
 * first, and its matching `)` must end the line (or the text must end before it closes).
 */
export function topLevelParenStartsValue(p: RepairCursor): boolean {
  for (let i = p.pos - 1; i >= 0; i--) {
    p.spend(1);
    const ch = p.chars[i] as string;
    if (ch === "\n" || ch === "\r") break;
    if (!isPySpace(ch)) return false;
  }
  const first = p.spacesEnd(1);
  const firstChar = p.at(first);
  if (firstChar === undefined) return false;
  const start = p.pos + first;
  const word4 = p.slice(start, start + 4);
  const valueLike =
    ")[{(".includes(firstChar) ||
    isQuote(firstChar) ||
    isPyDigit(firstChar) ||
    firstChar === "-" ||
    firstChar === "." ||
    word4 === "true" ||
    word4 === "null" ||
    p.slice(start, start + 5) === "false";
  if (!valueLike) return false;
  const verdict = scanNesting(p, false, (ch, index, depth) => {
    if (ch !== ")" || !atTop(depth)) return undefined;
    for (let i = index + 1; i < p.length; i++) {
      p.spend(1);
      const after = p.chars[i] as string;
      if (after === "\n" || after === "\r") return true;
      if (!isPySpace(after)) return false;
    }
    return true;
  });
  return verdict ?? true;
}
