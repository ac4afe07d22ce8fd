import { isPySpace } from "./py-chars.js";
import { QUOTES, type RepairCursor } from "./repair-cursor.js";

/**
 * The look-ahead behind "an object read as `{}` although it held text": does its body hold anything once `#`, `//`
 * and `/* *\/` comments outside quotes are dropped, and is there an unescaped `:` outside quotes in what is left?
 *
 * json_repair answers by slicing the body out, stripping its comments and scanning the rest, which costs the body's
 * length on every call; nested unclosed objects (`{{{{…`) ask it once per level about nearly the whole text. Here
 * both passes (comment stripping, then the colon scan over the kept characters) run together as one automaton over
 * the text. Its runs are memoised at checkpoints, keyed by position and automaton state, so a later query merges into
 * an earlier run within a few characters, and all queries together cost linear time.
 */

const QUOTE_LIST = [...QUOTES];
/** Positions whose automaton state is memoised. */
const CHECKPOINT = 16;
const NONE = -1;

/** Pass 1 (comment stripping) mode. */
const NORMAL = 0;
const LINE_COMMENT = 1;
const BLOCK_COMMENT = 2;

interface State {
  quote1: number;
  odd1: number;
  mode: number;
  quote2: number;
  odd2: number;
}

function encode(s: State): number {
  return (((s.quote1 * 2 + s.odd1) * 3 + s.mode) * 5 + s.quote2) * 2 + s.odd2;
}

/**
 * From a position on: the first kept non-space character and the first unescaped colon outside quotes — exact when
 * below `horizon`, otherwise "none before `horizon`" — and the automaton's state at `horizon`, to go on from there.
 */
interface Events {
  nonSpace: number;
  colon: number;
  horizon: number;
  state: State;
}

interface Memo {
  /** `position * 300 + state` at checkpoints → events from there on. */
  at: Map<number, Events>;
}

function quoteIndex(ch: string): number {
  return QUOTE_LIST.indexOf(ch) + 1;
}

/**
 * Runs the automaton from `start` in state `from` until both events are known or `until` is reached (or a memoised
 * checkpoint answers), memoising the checkpoints it passes.
 */
function eventsFrom(p: RepairCursor, start: number, from: State, until: number): Events {
  const memo = p.memo<Memo>("empty-object-scan", () => ({ at: new Map() }));
  const chars = p.chars;
  const n = chars.length;
  // Checkpoints of this walk, with the first events found at or after each (NONE until found).
  const visitedKeys: number[] = [];
  const visitedNonSpace: number[] = [];
  const visitedColon: number[] = [];
  /** Checkpoints still waiting for a non-space character: those from this index on. */
  let waitingNonSpace = 0;
  let firstNonSpace = Infinity;
  let firstColon = Infinity;
  const nonSpace = (at: number) => {
    if (firstNonSpace === Infinity) firstNonSpace = at;
    for (; waitingNonSpace < visitedKeys.length; waitingNonSpace++) visitedNonSpace[waitingNonSpace] = at;
  };
  const colon = (at: number) => {
    firstColon = at;
    for (let v = 0; v < visitedKeys.length; v++) if (visitedColon[v] === NONE) visitedColon[v] = at;
  };
  let s: State = { ...from };
  let i = start;
  while (i < n && i < until && firstColon === Infinity) {
    p.spend(1);
    if (i % CHECKPOINT === 0) {
      const key = i * 300 + encode(s);
      const known = memo.at.get(key);
      if (known !== undefined) {
        // An earlier walk passed here in this state: take its events and go on from its horizon if needed.
        if (known.nonSpace < known.horizon) nonSpace(known.nonSpace);
        if (known.colon < known.horizon) colon(known.colon);
        i = known.horizon;
        s = { ...known.state };
        continue;
      }
      visitedKeys.push(key);
      visitedNonSpace.push(NONE);
      visitedColon.push(NONE);
    }
    const c = chars[i] as string;
    if (s.mode === LINE_COMMENT) {
      if (c !== "\n" && c !== "\r") {
        i++;
        continue;
      }
      s.mode = NORMAL;
    } else if (s.mode === BLOCK_COMMENT) {
      if (c === "*" && chars[i + 1] === "/") {
        s.mode = NORMAL;
        i += 2;
      } else {
        i++;
      }
      continue;
    }
    // Pass 1: comment stripping.
    let kept = true;
    let step = 1;
    if (c === "\\") {
      s.odd1 ^= 1;
    } else if (s.quote1 !== 0) {
      if (c === QUOTE_LIST[s.quote1 - 1] && s.odd1 === 0) s.quote1 = 0;
      s.odd1 = 0;
    } else if (QUOTES.has(c) && s.odd1 === 0) {
      s.quote1 = quoteIndex(c);
      s.odd1 = 0;
    } else {
      s.odd1 = 0;
      const next = chars[i + 1];
      if (c === "#" || (c === "/" && next === "/")) {
        s.mode = LINE_COMMENT;
        kept = false;
        step = c === "#" ? 1 : 2;
      } else if (c === "/" && next === "*") {
        s.mode = BLOCK_COMMENT;
        kept = false;
        step = 2;
      }
    }
    // Pass 2: the colon scan over the kept characters.
    if (kept) {
      if (waitingNonSpace < visitedKeys.length || firstNonSpace === Infinity) {
        if (!isPySpace(c)) nonSpace(i);
      }
      if (c === "\\") {
        s.odd2 ^= 1;
      } else {
        if (s.quote2 !== 0) {
          if (c === QUOTE_LIST[s.quote2 - 1] && s.odd2 === 0) s.quote2 = 0;
        } else if (QUOTES.has(c) && s.odd2 === 0) {
          s.quote2 = quoteIndex(c);
        } else if (c === ":" && s.odd2 === 0) {
          colon(i);
        }
        s.odd2 = 0;
      }
    }
    i += step;
  }
  const horizon = i >= n ? Infinity : i;
  const state = { ...s };
  // Memoise the checkpoints of this walk: events found after each, else "none before the horizon".
  for (let v = 0; v < visitedKeys.length; v++) {
    const foundNonSpace = visitedNonSpace[v] as number;
    const foundColon = visitedColon[v] as number;
    memo.at.set(visitedKeys[v] as number, {
      nonSpace: foundNonSpace === NONE ? Infinity : foundNonSpace,
      colon: foundColon === NONE ? Infinity : foundColon,
      horizon,
      state,
    });
  }
  return { nonSpace: firstNonSpace, colon: firstColon, horizon, state };
}

/** The body's verdict: empty after comments (`keep` the `{}`), a colon outside quotes (`keep`), else `array`. */
export function emptyObjectBodyVerdict(p: RepairCursor, start: number, end: number): "keep" | "array" | typeof NONE {
  // A `/` just before the end whose comment partner lies beyond it reads differently in the bounded body.
  const after = p.chars[end];
  if (end > start && p.chars[end - 1] === "/" && (after === "/" || after === "*")) return NONE;
  const events = eventsFrom(p, start, { quote1: 0, odd1: 0, mode: NORMAL, quote2: 0, odd2: 0 }, end);
  // Events at or past the horizon are not known, but the horizon is at or past the end when they matter.
  if (!(events.nonSpace < end)) return "keep";
  return events.colon < end ? "keep" : "array";
}

/** `emptyObjectBodyVerdict`'s answer when it cannot decide from the memo (the caller then scans the body itself). */
export const UNDECIDED = NONE;
