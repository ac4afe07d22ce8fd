/**
 * Answers json_repair's "where is the next …" questions in O(1): for a test on the text, a table of the distance from
 * each index to the next index where the test holds. json_repair re-scans the rest of the text for these on every
 * call, which is what makes hostile replies quadratic.
 *
 * The text is edited now and then (json_repair re-reads a span after inserting a `{` or unescaping quotes). Distances
 * after an edit do not change, so an edit shifts the table (a native copy) and forgets only the edited span, for tests
 * that look back over a run of backslashes the run after it, and the answers before the edit that reached into it.
 */

import type { CodePoints } from "./code-points.js";

/** Does the test hold at index `i`? It may look at the characters around `i`. */
export type IndexTest = (chars: CodePoints, i: number) => boolean;

/** How far right of an edit the test's answers may change (0 for tests of `chars[i]` alone). */
export type EditReach = (chars: CodePoints, from: number) => number;

/** Where the tables read the text (the cursor: an edit replaces its `chars`). */
export interface TextSource {
  readonly chars: CodePoints;
}

const SLACK = 64;
/** How far right of `i` a test may look (json_repair's patterns are at most three characters long). */
const TEST_LOOK_AHEAD = 4;

/**
 * The distance from each index to the next index where `test` holds (to the end of the text when none), filled in as
 * questions come: a question scans forward until the test holds or it meets an answered index, and answers every
 * index it passed. So each index is scanned once, and a table asked only near the start costs only that much.
 */
export class DistanceTable {
  /** Per index: 0 while not known, else 1 + the distance to the next index where the test holds. */
  private dist: Int32Array;
  private length: number;
  /** Entries from here on are not known (so an edit moves only the entries before it). */
  private filled = 0;

  constructor(
    private readonly source: TextSource,
    private readonly test: IndexTest,
    private readonly reach: EditReach,
    private readonly count: (steps: number) => void,
  ) {
    this.length = source.chars.length;
    this.dist = new Int32Array(this.length + 1 + SLACK);
  }

  /** The first index at or after `from` where the test holds (the text's length when none). */
  next(from: number): number {
    const length = this.length;
    if (from >= length) return length;
    const start = Math.max(0, from);
    const dist = this.dist;
    const known = dist[start] as number;
    if (known !== 0) return start + known - 1;
    const chars = this.source.chars;
    const test = this.test;
    let i = start;
    let answer = length;
    for (; i < length; i++) {
      const d = dist[i] as number;
      if (d !== 0) {
        answer = i + d - 1;
        break;
      }
      if (test(chars, i)) {
        answer = i;
        dist[i] = 1;
        break;
      }
    }
    this.count((i - start) >> 2);
    // Every index passed has the same answer (if known, an index is answered up to its answer: see `edit`).
    for (let k = start; k < i; k++) dist[k] = answer - k + 1;
    if (i + 1 > this.filled) this.filled = i + 1;
    return answer;
  }

  /** Follows an edit of the text: `deleted` characters at `at` were replaced by `inserted` ones. */
  edit(at: number, deleted: number, inserted: number): void {
    [this.dist, this.filled] = shiftTail(this.dist, this.filled, at, deleted, inserted, this.count);
    this.length = this.length - deleted + inserted;
    const dist = this.dist;
    // The edited span, and for tests that look back over a run of backslashes the run after it, are asked afresh.
    const end = Math.min(this.length, at + inserted + this.reach(this.source.chars, at + inserted));
    dist.fill(0, at, end);
    // The last few indices before the edit are asked afresh (a test may look a few characters ahead), and so are the
    // indices whose answer lay among them or after: those answered right before them, as an answered index is
    // answered up to its answer, so the walk back stops at the first index answered before them.
    const limit = Math.max(0, at - TEST_LOOK_AHEAD);
    dist.fill(0, limit, at);
    let i = limit - 1;
    for (; i >= 0; i--) {
      const d = dist[i] as number;
      if (d === 0 || i + d - 1 < limit) break;
      dist[i] = 0;
    }
    this.count((at - i) >> 2);
  }
}

/** How many backslashes immediately precede each index. */
export class BackslashRuns {
  private runs: Int32Array;
  private length: number;

  constructor(
    private readonly source: TextSource,
    private readonly count: (steps: number) => void,
  ) {
    this.length = source.chars.length;
    this.runs = new Int32Array(this.length + 1 + SLACK);
    this.fill(0, this.length + 1);
  }

  before(i: number): number {
    return this.runs[Math.min(Math.max(0, i), this.length)] as number;
  }

  edit(at: number, deleted: number, inserted: number): void {
    [this.runs] = shiftTail(this.runs, this.length + 1, at, deleted, inserted, this.count);
    this.length = this.length - deleted + inserted;
    this.fill(at, Math.min(this.length + 1, at + inserted + BACKSLASH_RUN_REACH(this.source.chars, at + inserted)));
  }

  /** Recomputes entries `from` … `to - 1`, left to right (the entry at `from` by looking back). */
  private fill(from: number, to: number): void {
    const chars = this.source.chars;
    let run = 0;
    for (let k = from - 1; k >= 0 && chars[k] === "\\"; k--) run++;
    this.count((to - from + run) >> 2);
    for (let i = from; i < to; i++) {
      this.runs[i] = run;
      run = chars[i] === "\\" ? run + 1 : 0;
    }
  }
}

/**
 * The table with entries from `at + deleted` on moved to `at + inserted` (growing it when needed). Entries from
 * `filled` on are zero (not known) and only the entries before it are moved; the new `filled` comes back with it.
 */
function shiftTail(
  table: Int32Array,
  filled: number,
  at: number,
  deleted: number,
  inserted: number,
  count: (steps: number) => void,
): [Int32Array, number] {
  const from = at + deleted;
  const copyEnd = Math.max(from, filled);
  const shifted = Math.max(at + inserted, copyEnd - deleted + inserted);
  count((copyEnd - at) >> 6); // a native copy
  if (shifted + 1 <= table.length) {
    table.copyWithin(at + inserted, from, copyEnd);
    if (filled > shifted) table.fill(0, shifted, filled);
    return [table, shifted];
  }
  const grown = new Int32Array(shifted + 1 + Math.max(SLACK, shifted >> 3));
  grown.set(table.subarray(0, at));
  grown.set(table.subarray(from, copyEnd), at + inserted);
  return [grown, shifted];
}

/** Tests of `chars[i]` alone are not affected right of an edit. */
export const NO_REACH: EditReach = () => 0;

/** Tests that count the backslashes before `i`: the run of backslashes starting at `from`, and the character after it. */
export const BACKSLASH_RUN_REACH: EditReach = (chars, from) => {
  let i = from;
  while (chars[i] === "\\") i++;
  return i - from + 1;
};
