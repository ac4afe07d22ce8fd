/**
 * Answers json_repair's "where is the next …" questions in O(1): for a test on the text, a table of the distance from
 * each index to the next index where the test holds. json_repair re-scans the rest of the text for these on every
 * call, which is what makes hostile replies quadratic.
 *
 * The text is edited in place now and then (json_repair re-reads a span after inserting a `{` or unescaping quotes).
 * Distances after an edit do not change, so an edit shifts the table (a native copy) and recomputes only the edited
 * span and, for tests that look back over a run of backslashes, the run after it. Entries before the edit are dropped
 * (look-aheads start at the read position, which is at the edit) and rebuilt if ever asked for.
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

/** The distance from each index to the next index where `test` holds (to the end of the text when none). */
export class DistanceTable {
  private dist: Int32Array;
  private length: number;
  /** Entries below this index are stale (an edit happened there). */
  private validFrom: number;

  constructor(
    private readonly source: TextSource,
    private readonly test: IndexTest,
    private readonly reach: EditReach,
    private readonly count: (steps: number) => void,
  ) {
    this.length = source.chars.length;
    this.dist = new Int32Array(this.length + 1 + SLACK);
    this.fill(0, this.length);
    this.validFrom = 0;
  }

  /** The first index at or after `from` where the test holds (the text's length when none). */
  next(from: number): number {
    if (from >= this.length) return this.length;
    const i = Math.max(0, from);
    if (i < this.validFrom) {
      this.fill(0, this.validFrom);
      this.validFrom = 0;
    }
    return i + (this.dist[i] as number);
  }

  /** Follows an edit of the text: `deleted` characters at `at` were replaced by `inserted` ones. */
  edit(at: number, deleted: number, inserted: number): void {
    this.dist = shiftTail(this.dist, this.length, at, deleted, inserted, this.count);
    this.length = this.length - deleted + inserted;
    if (this.validFrom > at) {
      // Entries past the edit were stale already: nothing to keep.
      this.fill(0, this.length);
      this.validFrom = 0;
      return;
    }
    this.fill(at, Math.min(this.length, at + inserted + this.reach(this.source.chars, at + inserted)));
    this.validFrom = at;
  }

  /** Recomputes entries `from` … `to - 1`, right to left from the entry at `to` (a tight loop: a quarter step each). */
  private fill(from: number, to: number): void {
    this.dist[this.length] = 0;
    this.count((to - from) >> 2);
    const chars = this.source.chars;
    const dist = this.dist;
    const test = this.test;
    for (let i = to - 1; i >= from; i--) dist[i] = test(chars, i) ? 0 : (dist[i + 1] as number) + 1;
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
    this.runs = shiftTail(this.runs, this.length, at, deleted, inserted, this.count);
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

/** The table with entries from `at + deleted` on moved to `at + inserted` (growing it when needed). */
function shiftTail(table: Int32Array, length: number, at: number, deleted: number, inserted: number, count: (steps: number) => void): Int32Array {
  const newLength = length - deleted + inserted;
  count((length - at) >> 6); // a native copy
  if (newLength + 1 <= table.length) {
    table.copyWithin(at + inserted, at + deleted, length + 1);
    return table;
  }
  const grown = new Int32Array(newLength + 1 + Math.max(SLACK, newLength >> 3));
  grown.set(table.subarray(0, at));
  grown.set(table.subarray(at + deleted, length + 1), at + inserted);
  return grown;
}

/** Tests of `chars[i]` alone are not affected right of an edit. */
export const NO_REACH: EditReach = () => 0;

/** Tests that count the backslashes before `i`: the run of backslashes starting at `from`, and the character after it. */
export const BACKSLASH_RUN_REACH: EditReach = (chars, from) => {
  let i = from;
  while (chars[i] === "\\") i++;
  return i - from + 1;
};
