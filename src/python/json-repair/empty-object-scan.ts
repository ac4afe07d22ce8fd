import { isPySpace } from "./py-chars.js";
import { QUOTES, isQuote, type RepairCursor } from "./repair-cursor.js";

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

/**
 * The automaton's state as one small integer: pass 1's open quote (0 none, else 1 + index in QUOTE_LIST) and odd
 * backslash run, its comment mode, then pass 2's open quote and odd backslash run.
 */
const STATES = 300;
function encode(quote1: number, odd1: number, mode: number, quote2: number, odd2: number): number {
  return (((quote1 * 2 + odd1) * 3 + mode) * 5 + quote2) * 2 + odd2;
}

/**
 * From a position on: the first kept non-space character and the first unescaped colon outside quotes — exact when
 * below `horizon`, otherwise "none before `horizon`" — and the automaton's state at `horizon`, to go on from there.
 */
interface Events {
  nonSpace: number;
  colon: number;
  horizon: number;
  state: number;
}

/**
 * Events memoised per checkpoint, in typed arrays indexed by `position / CHECKPOINT` for the first state seen there
 * (`state` -1: none yet); other states at the same checkpoint go to `others`, keyed by `position * STATES + state`.
 */
interface Memo {
  state: Int16Array;
  nonSpace: Float64Array;
  colon: Float64Array;
  horizon: Float64Array;
  horizonState: Int16Array;
  others: Map<number, Events>;
}

function newMemo(length: number): Memo {
  const slots = Math.floor(length / CHECKPOINT) + 1;
  return {
    state: new Int16Array(slots).fill(-1),
    nonSpace: new Float64Array(slots),
    colon: new Float64Array(slots),
    horizon: new Float64Array(slots),
    horizonState: new Int16Array(slots),
    others: new Map(),
  };
}

function quoteIndex(ch: string): number {
  return QUOTE_LIST.indexOf(ch) + 1;
}

/**
 * Runs the automaton from `start` in state `from` until both events are known or `until` is reached (or a memoised
 * checkpoint answers), memoising the checkpoints it passes.
 */
function eventsFrom(p: RepairCursor, start: number, from: number, until: number): Events {
  const memo = p.memo<Memo>("empty-object-scan", () => newMemo(p.length));
  const chars = p.chars;
  const n = chars.length;
  // Checkpoints of this walk (`position * STATES + state`), with the first events found at or after each (NONE until found).
  const visitedKeys: number[] = [];
  const visitedNonSpace: number[] = [];
  /** Checkpoints still waiting for a non-space character: those from this index on. */
  let waitingNonSpace = 0;
  let firstNonSpace = Infinity;
  let firstColon = Infinity;
  let rest = from;
  let odd2 = rest % 2;
  rest = (rest - odd2) / 2;
  let quote2 = rest % 5;
  rest = (rest - quote2) / 5;
  let mode = rest % 3;
  rest = (rest - mode) / 3;
  let odd1 = rest % 2;
  let quote1 = (rest - odd1) / 2;
  let i = start;
  let walked = 0;
  while (i < n && i < until && firstColon === Infinity) {
    walked++;
    if (i % CHECKPOINT === 0) {
      p.spend(walked);
      walked = 0;
      const code = encode(quote1, odd1, mode, quote2, odd2);
      const slot = i / CHECKPOINT;
      let known: Events | undefined;
      if (slot < memo.state.length && memo.state[slot] === code) {
        known = { nonSpace: memo.nonSpace[slot] as number, colon: memo.colon[slot] as number, horizon: memo.horizon[slot] as number, state: memo.horizonState[slot] as number };
      } else if (memo.others.size > 0) {
        known = memo.others.get(i * STATES + code);
      }
      if (known !== undefined) {
        // An earlier walk passed here in this state: take its events and go on from its horizon if needed. This
        // checkpoint is memoised again with what this walk finds (so the next walk jumps straight to its horizon).
        visitedKeys.push(i * STATES + code);
        visitedNonSpace.push(NONE);
        if (known.nonSpace < known.horizon && firstNonSpace === Infinity) firstNonSpace = known.nonSpace;
        if (known.nonSpace < known.horizon) for (; waitingNonSpace < visitedKeys.length; waitingNonSpace++) visitedNonSpace[waitingNonSpace] = known.nonSpace;
        if (known.colon < known.horizon) firstColon = known.colon;
        i = known.horizon;
        let s = known.state;
        odd2 = s % 2;
        s = (s - odd2) / 2;
        quote2 = s % 5;
        s = (s - quote2) / 5;
        mode = s % 3;
        s = (s - mode) / 3;
        odd1 = s % 2;
        quote1 = (s - odd1) / 2;
        continue;
      }
      visitedKeys.push(i * STATES + code);
      visitedNonSpace.push(NONE);
    }
    const c = chars[i] as string;
    if (mode === LINE_COMMENT) {
      if (c !== "\n" && c !== "\r") {
        i++;
        continue;
      }
      mode = NORMAL;
    } else if (mode === BLOCK_COMMENT) {
      if (c === "*" && chars[i + 1] === "/") {
        mode = NORMAL;
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
      odd1 ^= 1;
    } else if (quote1 !== 0) {
      if (c === QUOTE_LIST[quote1 - 1] && odd1 === 0) quote1 = 0;
      odd1 = 0;
    } else if (odd1 === 0 && isQuote(c)) {
      quote1 = quoteIndex(c);
    } else {
      odd1 = 0;
      if (c === "#") {
        mode = LINE_COMMENT;
        kept = false;
      } else if (c === "/") {
        const next = chars[i + 1];
        if (next === "/") {
          mode = LINE_COMMENT;
          kept = false;
          step = 2;
        } else if (next === "*") {
          mode = BLOCK_COMMENT;
          kept = false;
          step = 2;
        }
      }
    }
    // Pass 2: the colon scan over the kept characters.
    if (kept) {
      if ((waitingNonSpace < visitedKeys.length || firstNonSpace === Infinity) && !isPySpace(c)) {
        if (firstNonSpace === Infinity) firstNonSpace = i;
        for (; waitingNonSpace < visitedKeys.length; waitingNonSpace++) visitedNonSpace[waitingNonSpace] = i;
      }
      if (c === "\\") {
        odd2 ^= 1;
      } else {
        if (quote2 !== 0) {
          if (c === QUOTE_LIST[quote2 - 1] && odd2 === 0) quote2 = 0;
        } else if (odd2 === 0 && isQuote(c)) {
          quote2 = quoteIndex(c);
        } else if (c === ":" && odd2 === 0) {
          firstColon = i;
        }
        odd2 = 0;
      }
    }
    i += step;
  }
  p.spend(walked);
  const horizon = i >= n ? Infinity : i;
  const state = encode(quote1, odd1, mode, quote2, odd2);
  // Memoise the checkpoints of this walk: events found after each, else "none before the horizon". The walk stops at
  // its first colon, so every checkpoint it passed shares that colon.
  for (let v = 0; v < visitedKeys.length; v++) {
    const key = visitedKeys[v] as number;
    const found = visitedNonSpace[v] as number;
    const nonSpace = found === NONE ? Infinity : found;
    const code = key % STATES;
    const slot = (key - code) / STATES / CHECKPOINT;
    if (slot < memo.state.length && (memo.state[slot] === -1 || memo.state[slot] === code)) {
      memo.state[slot] = code;
      memo.nonSpace[slot] = nonSpace;
      memo.colon[slot] = firstColon;
      memo.horizon[slot] = horizon;
      memo.horizonState[slot] = state;
    } else {
      memo.others.set(key, { nonSpace, colon: firstColon, horizon, state });
    }
  }
  return { nonSpace: firstNonSpace, colon: firstColon, horizon, state };
}

/** The body's verdict: empty after comments (`keep` the `{}`), a colon outside quotes (`keep`), else `array`. */
export function emptyObjectBodyVerdict(p: RepairCursor, start: number, end: number): "keep" | "array" | typeof NONE {
  // A `/` just before the end whose comment partner lies beyond it reads differently in the bounded body.
  const after = p.chars[end];
  if (end > start && p.chars[end - 1] === "/" && (after === "/" || after === "*")) return NONE;
  const events = eventsFrom(p, start, encode(0, 0, NORMAL, 0, 0), end);
  // Events at or past the horizon are not known, but the horizon is at or past the end when they matter.
  if (!(events.nonSpace < end)) return "keep";
  return events.colon < end ? "keep" : "array";
}

/** `emptyObjectBodyVerdict`'s answer when it cannot decide from the memo (the caller then scans the body itself). */
export const UNDECIDED = NONE;
