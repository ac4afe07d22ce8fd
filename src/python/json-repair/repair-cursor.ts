import { type CodePoints, sliceCodePoints, spliceCodePoints, toCodePoints } from "./code-points.js";
import type { ListShape } from "./list-continuation.js";
import { BACKSLASH_RUN_REACH, BackslashRuns, DistanceTable, type EditReach, type IndexTest, NO_REACH } from "./lookahead-tables.js";
import { ValueError } from "../../errors/value-error.js";
import { isPySpace } from "./py-chars.js";

/** Where the parser is inside the document: reading an object key, an object value, or an array item. */
export type RepairContext = "key" | "value" | "array";

/** The characters json_repair treats as string quotes. */
export const QUOTES: ReadonlySet<string> = new Set(['"', "'", "\u201c", "\u201d"]);

/** Returns whether `ch` is one of json_repair's quote characters. */
export function isQuote(ch: string | undefined): boolean {
  return ch === '"' || ch === "'" || ch === "\u201c" || ch === "\u201d";
}

/**
 * Work allowed per character of the text, and in all (see `RepairCursor.spend`); string bodies, the costliest thing
 * json_repair re-reads, have their own allowance. Twice what the most demanding real documents need
 * (bench/json-repair-work.bench.ts: 7.8 steps and 0.67 string characters per character; docs/compat.md).
 */
export const WORK_PER_CHARACTER = 16;
export const STRING_WORK_PER_CHARACTER = 2;
export const WORK_BASE = 50_000;

/** A text at least this long, edited more than this many times as a string, becomes an array (see `splice`). */
const ARRAY_AFTER_LENGTH = 1 << 16;
const ARRAY_AFTER_EDITS = 4;

interface Finder {
  targetKey: string;
  isTarget: IndexTest;
  unescapedKey: string;
  isUnescaped: IndexTest;
  /** The tables, once made (they follow edits, so they stay valid). */
  targets?: DistanceTable;
  unescaped?: DistanceTable;
}

/**
 * The text under repair (as code points, so offsets count like Python's), a read position, the
 * stack of contexts, and the look-ahead primitives the heuristics are written with. Offsets
 * passed to `at`, `spacesEnd` and `findUnescaped` are relative to the read position.
 */
export abstract class RepairCursor {
  /** The text, edited now and then (see `splice`). */
  chars: CodePoints;
  pos = 0;
  readonly contexts: RepairContext[] = []; // changed only through `within`, `enterContexts` and `leaveContexts`
  /** Contexts to enter for the next value read (set after an object was re-read as an array). */
  deferredContexts: RepairContext[] = [];
  /** What continuations of split lists need to know about the lists they join (see `mergeListContinuation`). */
  readonly listShapes = new WeakMap<unknown[], ListShape>();
  /** Bumped by every edit of `chars`; memoised look-ahead answers of an older version are dropped. */
  version = 0;
  /** Characters examined so far (reads, look-aheads, slices, table updates): the work done. */
  steps = 0;
  /** The most work allowed (see `spend`). */
  private readonly budget: number;
  /** Characters of string bodies scanned so far (strings re-read after a backtrack count again). */
  stringSteps = 0;
  private readonly stringBudget: number;
  private readonly tables = new Map<string, DistanceTable>();
  /** Edits of the text while it is a string (see `splice`). */
  private stringEdits = 0;
  private runs: BackslashRuns | null = null;
  private readonly countSteps = (steps: number): void => {
    this.spend(steps);
  };

  /** The text as given (before any edit: `version` 0). */
  protected readonly original: string;

  constructor(text: string) {
    this.original = text;
    this.chars = toCodePoints(text);
    this.budget = WORK_PER_CHARACTER * this.chars.length + WORK_BASE;
    this.stringBudget = STRING_WORK_PER_CHARACTER * this.chars.length + WORK_BASE;
  }

  /** Counts characters of a string body read (see `spend`). */
  spendString(chars: number): void {
    this.stringSteps += chars;
    if (this.stringSteps > this.stringBudget) this.spend(0);
  }

  /**
   * Counts work. json_repair's heuristics re-read text, and hostile replies make that quadratic or worse (seconds to
   * hours in Python); tsdspy keeps every repair linear by stopping with a `ValueError` once the work passes a fixed
   * amount per character, far above what real replies need (docs/compat.md).
   */
  spend(steps: number): void {
    this.steps += steps;
    if (this.steps > this.budget || this.stringSteps > this.stringBudget) {
      throw new ValueError(
        `Cannot repair this JSON in linear time: json_repair's heuristics would re-read the text over and over ` +
          `(${this.chars.length} characters; tsdspy stops after ${this.budget} steps). The reply is hostile or degenerate: ask the LM again.`,
      );
    }
  }

  /** Replaces `deleteCount` characters at `start` by `text` (json_repair re-reads some spans after rewriting them); the look-ahead tables follow. */
  splice(start: number, deleteCount: number, text: string): void {
    // Each edit of a string copies it whole, and V8 then flattens the copy (~5 ms per megabyte here); an array of code
    // points is edited in place (~0.2 ms per megabyte). So a long text edited again and again becomes an array.
    if (typeof this.chars === "string" && this.chars.length >= ARRAY_AFTER_LENGTH && ++this.stringEdits > ARRAY_AFTER_EDITS) {
      this.spend(this.chars.length >> 2);
      this.chars = Array.from(this.chars); // no surrogate pairs (else it would be an array already): one unit, one point
    }
    const before = this.chars.length;
    const end = Math.min(before, start + deleteCount);
    this.chars = spliceCodePoints(this.chars, start, end, text);
    const inserted = this.chars.length - (before - (end - start));
    this.spend((this.chars.length - start) >> 6); // a native copy
    this.version++;
    this.runs?.edit(start, end - start, inserted);
    for (const table of this.tables.values()) table.edit(start, end - start, inserted);
  }

  /**
   * The first absolute index at or after `from` whose character satisfies `test` (`length` when none), from a table
   * kept for the text: repeated look-aheads over the same span cost O(1) instead of re-scanning it.
   */
  nextWhere(key: string, test: (ch: string) => boolean, from: number): number {
    return this.nextIndexWhere(key, (chars, i) => test(chars[i] as string), from);
  }

  /**
   * Like `nextWhere`, with a test that may look at the neighbours of index `i` (a short pattern; `reach` says how far
   * right of an edit its answers can change).
   */
  nextIndexWhere(key: string, test: IndexTest, from: number, reach: EditReach = NO_REACH): number {
    return this.tableFor(key, test, reach).next(from);
  }

  private tableFor(key: string, test: IndexTest, reach: EditReach): DistanceTable {
    let table = this.tables.get(key);
    if (table === undefined) {
      table = new DistanceTable(this, test, reach, this.countSteps);
      this.tables.set(key, table);
    }
    return table;
  }

  /** Per-text caches of look-ahead answers (dropped when the text is edited). */
  readonly memos = new Map<string, { version: number; memo: unknown }>();

  /** The memo stored under `key` for the current text version, created by `make` when missing or stale. */
  memo<T>(key: string, make: () => T): T {
    const entry = this.memos.get(key);
    if (entry !== undefined && entry.version === this.version) return entry.memo as T;
    const memo = make();
    this.memos.set(key, { version: this.version, memo });
    return memo;
  }

  abstract readValue(): unknown;
  abstract readString(): unknown;
  abstract readObject(): unknown;
  abstract readArray(closer?: string): unknown[];
  abstract readComment(): unknown;

  get length(): number {
    return this.chars.length;
  }

  /** The character at `pos + offset`; negative absolute positions count from the end, as in Python. */
  at(offset = 0): string | undefined {
    if (++this.steps > this.budget) this.spend(0);
    let index = this.pos + offset;
    if (index < 0) index += this.chars.length;
    return this.chars[index];
  }

  /** The text between two absolute positions. */
  slice(start: number, end: number): string {
    this.spend(Math.max(0, end - start));
    return this.text(Math.max(0, start), end);
  }

  /** Code unit offsets of the code points of an unedited code-point text (made on the first `text`). */
  private unitOffsets: Int32Array | undefined;

  /** The code points `start` … `end - 1` (`0 <= start`), not counted as work: a slice of the text as given while unedited. */
  text(start: number, end: number): string {
    const chars = this.chars;
    if (typeof chars === "string") return chars.slice(start, end);
    if (this.version > 0) return sliceCodePoints(chars, start, end);
    let offsets = this.unitOffsets;
    if (offsets === undefined) {
      offsets = new Int32Array(chars.length + 1);
      for (let i = 0; i < chars.length; i++) offsets[i + 1] = (offsets[i] as number) + (chars[i] as string).length;
      this.unitOffsets = offsets;
    }
    const n = chars.length;
    const from = Math.min(start, n);
    const to = end < 0 ? Math.max(from, n + end) : Math.min(Math.max(end, from), n);
    return this.original.slice(offsets[from], offsets[to]);
  }

  get current(): RepairContext | undefined {
    return this.contexts[this.contexts.length - 1];
  }

  /** How many times each context is on the stack (deep stacks make `includes` costly). */
  private readonly contextCounts: Record<RepairContext, number> = { key: 0, value: 0, array: 0 };

  inContext(context: RepairContext): boolean {
    const counts = this.contextCounts;
    return (context === "array" ? counts.array : context === "value" ? counts.value : counts.key) > 0;
  }

  /** Pushes contexts on the stack. */
  enterContexts(contexts: readonly RepairContext[]): void {
    for (const context of contexts) {
      this.contexts.push(context);
      this.contextCounts[context]++;
    }
  }

  /** Pops `count` contexts (all by default). */
  leaveContexts(count = this.contexts.length): void {
    for (let i = 0; i < count; i++) this.contextCounts[this.contexts.pop() as RepairContext]--;
  }

  /** Runs `read` with `context` pushed on the stack. */
  within<T>(context: RepairContext, read: () => T): T {
    this.contexts.push(context);
    this.contextCounts[context]++;
    try {
      return read();
    } finally {
      this.contexts.pop();
      this.contextCounts[context]--;
    }
  }

  skipSpaces(): void {
    while (isPySpace(this.chars[this.pos])) {
      this.pos++;
      this.spend(1);
    }
  }

  /** The offset of the first non-space character at or after `offset`. */
  spacesEnd(offset = 0): number {
    while (isPySpace(this.chars[this.pos + offset])) {
      offset++;
      this.spend(1);
    }
    return offset;
  }

  /**
   * The offset of the first of `targets` (characters) at or after `offset` that is not escaped by an odd run of
   * backslashes (counted from `offset` on); the distance to the end when there is none.
   */
  findUnescaped(targets: string, offset = 0): number {
    const start = Math.max(0, this.pos + offset);
    const n = this.chars.length;
    if (start >= n) return n - this.pos;
    const finder = this.finderFor(targets);
    // The first target at or after `start` counts if an even number of backslashes (from `start` on) precede it;
    // otherwise the search goes on after it, where the count starts afresh (a target is not a backslash).
    finder.targets ??= this.tableFor(finder.targetKey, finder.isTarget, NO_REACH);
    const j = finder.targets.next(start);
    if (j >= n) return n - this.pos;
    if (Math.min(this.backslashesBefore(j), j - start) % 2 === 0) return j - this.pos;
    finder.unescaped ??= this.tableFor(finder.unescapedKey, finder.isUnescaped, BACKSLASH_RUN_REACH);
    return finder.unescaped.next(j + 1) - this.pos;
  }

  private readonly finders = new Map<string, Finder>();

  /** The look-ahead tests for one set of targets, made once per text. */
  private finderFor(targets: string): Finder {
    let finder = this.finders.get(targets);
    if (finder === undefined) {
      const isTarget: IndexTest = targets.length === 1 ? (chars, i) => chars[i] === targets : (chars, i) => targets.includes(chars[i] as string);
      finder = {
        targetKey: `target:${targets}`,
        isTarget,
        unescapedKey: `unescaped:${targets}`,
        isUnescaped: (chars, i) => isTarget(chars, i) && this.backslashesBefore(i) % 2 === 0,
      };
      this.finders.set(targets, finder);
    }
    return finder;
  }

  /** How many backslashes immediately precede index `i`. */
  backslashesBefore(i: number): number {
    this.runs ??= new BackslashRuns(this, this.countSteps);
    return this.runs.before(i);
  }

}
