import { isPyAlnum, isPyDigit, isPySpace } from "./py-chars.js";
import { isQuote, type RepairCursor } from "./repair-cursor.js";

/**
 * Look-ahead predicates the string reader uses to decide whether a quote, comma or brace ends the
 * string or belongs to it. All offsets are relative to the read position.
 */

const CLOSERS: Record<string, string> = { "[": "]", "{": "}", "(": ")" };

/** The closing quote for an opening one (curly quotes pair up; the others close themselves). */
function closingQuoteFor(quote: string): string {
  return quote === "\u201c" ? "\u201d" : quote;
}

function isKeyChar(ch: string | undefined): boolean {
  return ch !== undefined && (isPyAlnum(ch) || ch === "_" || ch === "-");
}

/** Skips a run of bare-key characters (letters, digits, `_`, `-`) from `offset`. */
function skipBareKey(p: RepairCursor, offset: number): number {
  while (isKeyChar(p.at(offset))) offset++;
  return offset;
}

/** An unquoted key (`name`, `first_name`, `a-b`) starts at `offset` and is followed by `:`. */
export function bareKeyThenColon(p: RepairCursor, offset: number): boolean {
  const ch = p.at(offset);
  if (ch === undefined || !(isPyAlnum(ch) || ch === "_")) return false;
  return p.at(p.spacesEnd(skipBareKey(p, offset))) === ":";
}

/** Skips whitespace and `#`, `//` and `/* *\/` comments from `offset`. */
export function skipSpaceAndComments(p: RepairCursor, offset: number): number {
  offset = p.spacesEnd(offset);
  for (;;) {
    const ch = p.at(offset);
    if (ch === "#" || (ch === "/" && p.at(offset + 1) === "/")) {
      while (p.at(offset) !== undefined && p.at(offset) !== "\n" && p.at(offset) !== "\r") offset++;
      offset = p.spacesEnd(offset);
    } else if (ch === "/" && p.at(offset + 1) === "*") {
      offset += 2;
      for (;;) {
        const c = p.at(offset);
        if (c === undefined) return offset;
        if (c === "*" && p.at(offset + 1) === "/") {
          offset += 2;
          break;
        }
        offset++;
      }
      offset = p.spacesEnd(offset);
    } else {
      return offset;
    }
  }
}

/** An object member (`"key":` or `key:`) starts at `offset`. */
function memberStartsAt(p: RepairCursor, offset: number): boolean {
  const ch = p.at(offset);
  if (ch === undefined || ch === "}") return false;
  if (isQuote(ch)) {
    const closer = closingQuoteFor(ch);
    const end = p.findUnescaped(closer, offset + 1);
    if (p.at(end) !== closer) return false;
    return p.at(p.spacesEnd(end + 1)) === ":";
  }
  if (isPyAlnum(ch) || ch === "_") return bareKeyThenColon(p, offset);
  return false;
}

/** The quote at `offset` is followed by `,` and then the next object member. */
export function memberFollowsQuote(p: RepairCursor, offset: number): boolean {
  const comma = p.spacesEnd(offset + 1);
  if (p.at(comma) !== ",") return false;
  return memberStartsAt(p, skipSpaceAndComments(p, comma + 1));
}

/** Whether the opener at `offset` (inside a container being skipped) starts a nested container. */
function opensNestedContainer(p: RepairCursor, offset: number): boolean {
  const opener = p.at(offset) as string;
  for (let back = offset - 1; back >= 0; back--) {
    const prev = p.at(back);
    if (prev === undefined) return true;
    if (isPySpace(prev)) continue;
    if (prev in CLOSERS) return true;
    if (prev !== "," && prev !== ":") return false;
    const nextOffset = p.spacesEnd(offset + 1);
    const next = p.at(nextOffset);
    if (opener === "[" || opener === "(") {
      return (next !== undefined && ("])-[{(tfn".includes(next) || isQuote(next))) || isPyDigit(next);
    }
    if (next === "}" || isQuote(next)) return true;
    return prev === ":" && bareKeyThenColon(p, nextOffset);
  }
  return true;
}

interface BalancedMemo {
  /** Absolute start of a container → absolute index past its closer (`null`: it never closes). */
  byOpener: Map<number, number | null>;
  /** `position * 4 + closer` at checkpoints where a scan had one container open → where that container closes. */
  byCheckpoint: Map<number, number | null>;
}

const CLOSER_CODES: Record<string, number> = { "]": 1, "}": 2, ")": 3 };
const CHECKPOINT = 16;

/**
 * If a balanced `[...]`, `{...}` or `(...)` starts at `offset` (quotes inside are skipped whole),
 * the offset just past its closer; `null` when it never closes. Any other character: `offset`.
 *
 * A scan's course depends only on where it is and which containers are open, so answers are memoised: for every
 * container opened inside a scan (where it closes), and at checkpoints where only the outer container is open.
 * Repeated look-aheads over the same unclosed text (json_repair asks at every such comma) then cost O(1) each.
 */
export function skipBalancedContainer(p: RepairCursor, offset: number): number | null {
  const opener = p.at(offset);
  if (opener === undefined || !(opener in CLOSERS)) return offset;
  const memo = p.memo<BalancedMemo>("balanced-container", () => ({ byOpener: new Map(), byCheckpoint: new Map() }));
  const base = p.pos;
  const start = base + offset;
  const known = memo.byOpener.get(start);
  if (known !== undefined) return known === null ? null : known - base;
  const expected = [CLOSERS[opener] as string];
  const openedAt: number[] = [start];
  const checkpoints: number[] = [];
  let end: number | null | undefined;
  for (let i = offset + 1; end === undefined; i++) {
    const absolute = base + i;
    if (expected.length === 1 && absolute % CHECKPOINT === 0) {
      const key = absolute * 4 + (CLOSER_CODES[expected[0] as string] as number);
      const reached = memo.byCheckpoint.get(key);
      if (reached !== undefined) {
        end = reached;
        break;
      }
      checkpoints.push(key);
    }
    const ch = p.at(i);
    if (ch === undefined) {
      end = null;
    } else if (isQuote(ch)) {
      const closer = closingQuoteFor(ch);
      i = p.findUnescaped(closer, i + 1);
      if (p.at(i) !== closer) end = null;
    } else if (ch in CLOSERS && opensNestedContainer(p, i)) {
      const inner = memo.byOpener.get(absolute);
      if (inner === null) {
        end = null;
      } else if (inner !== undefined) {
        i = inner - base - 1; // an earlier scan saw this container close: skip it
      } else {
        expected.push(CLOSERS[ch] as string);
        openedAt.push(absolute);
      }
    } else if (ch === expected[expected.length - 1]) {
      expected.pop();
      const from = openedAt.pop() as number;
      if (expected.length === 0) end = absolute + 1;
      else memo.byOpener.set(from, absolute + 1);
    }
  }
  // Containers still open when the text (or a quote) ran out never close; the outer one ends where the scan ended.
  memo.byOpener.set(start, end as number | null);
  for (const from of openedAt) memo.byOpener.set(from, end === null ? null : (end as number));
  for (const key of checkpoints) memo.byCheckpoint.set(key, end as number | null);
  return end === null ? null : (end as number) - base;
}

/** After a container that followed a code fence: the object closes, or the next member starts. */
export function containerEndsMember(p: RepairCursor, end: number): boolean {
  const after = p.spacesEnd(end);
  const ch = p.at(after);
  if (ch === undefined || ch === "}") return true;
  if (ch !== ",") return false;
  const next = skipSpaceAndComments(p, after + 1);
  const nextChar = p.at(next);
  return nextChar === undefined || nextChar === "}" || memberStartsAt(p, next);
}
