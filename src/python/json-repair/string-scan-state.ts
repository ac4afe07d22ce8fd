import type { CodePoints } from "./code-points.js";
import { isPySpace } from "./py-chars.js";
import type { RepairCursor } from "./repair-cursor.js";

/** Pieces a string's text keeps as a rope before it moves to code units (see `StringScanState.units`). */
const ROPE_PIECES = 64;
/** Code units decoded per `String.fromCharCode` call. */
const DECODE_CHUNK = 8192;

/** Marks an open „low-high" quote span: while one is open, the string's own quote does not close it. */
const LOW_QUOTE_SPAN = "\u0000";

/** The state of one string being read: its text so far, its quotes, and the heuristics' memory. */
export class StringScanState {
  /**
   * The text read so far: everything but the last appended piece (grown with `+=`, which V8 keeps as a rope, so
   * appending costs O(1)), and that last piece apart, so undoing a backslash only touches it. The last piece is
   * `tail`, or, while characters are kept one after another as they stand in the text, the run `runStart` …
   * `runEnd - 1` of `runSource` (one slice at the end instead of a rope node per character). The text is never
   * edited while a string is read (edits re-read objects), so the run still holds what was read.
   */
  private head = "";
  /** The last UTF-16 unit of `head` (read without flattening the rope). */
  private headLast: string | undefined = undefined;
  private tail = "";
  private runSource: CodePoints | undefined = undefined;
  private runCursor: RepairCursor | undefined = undefined;
  private runStart = 0;
  private runEnd = 0;
  /** Pieces moved into `head` so far. */
  private pieces = 0;
  /**
   * Past `ROPE_PIECES` pieces (an escape-heavy string), `head` moves into these code units and later pieces follow it:
   * a rope node per escape would outlive many young-generation collections.
   */
  private units: Uint16Array | undefined = undefined;
  private unitCount = 0;
  /** The last UTF-16 unit of the text (`undefined` while empty). */
  private lastUnit: string | undefined = undefined;
  /** The string had no opening quote (a bare word). */
  missingQuotes = false;
  /** The string opened with `""` and may close with `""`. */
  doubledQuotes = false;
  open = '"';
  close = '"';
  /** Open „ spans. */
  lowQuoteSpans = 0;
  /** A quote inside the string was kept as text and still waits for its partner. */
  unmatchedQuote = false;
  /** A comma said a container follows: keep the next `{`/`[` run as text. */
  pendingContainer = false;
  containerStack: string[] = [];
  /** A comma found no quote, brace or bracket ahead: later commas are text too. */
  noDelimiterAhead = false;
  /** `{` in the text not yet matched by `}`. */
  openBraces = 0;
  /** The text has a `[` not closed by a later `]` (a regex character class, maybe)… */
  bracketOpen = false;
  /** …and whitespace after that `[`. */
  spaceAfterBracket = false;
  /** Made on the first `find` (most strings never look ahead). */
  private findCache: Map<string, [start: number, match: number | null]> | undefined;

  /** The quote that currently ends the string (a sentinel while a „ span is open). */
  get activeClose(): string {
    return this.lowQuoteSpans > 0 ? LOW_QUOTE_SPAN : this.close;
  }

  get inLowQuoteSpan(): boolean {
    return this.lowQuoteSpans > 0;
  }

  get last(): string | undefined {
    return this.lastUnit;
  }

  get isEmpty(): boolean {
    return this.lastUnit === undefined;
  }

  /** The text read so far. */
  get text(): string {
    return (this.units === undefined ? this.head : this.decodeUnits()) + this.lastPiece();
  }

  private decodeUnits(): string {
    const units = this.units as Uint16Array;
    let out = "";
    for (let i = 0; i < this.unitCount; i += DECODE_CHUNK) {
      out += String.fromCharCode(...units.subarray(i, Math.min(this.unitCount, i + DECODE_CHUNK)));
    }
    return out;
  }

  /** Moves `piece` to the end of the text before the last piece. */
  private pushPiece(piece: string): void {
    if (this.units === undefined) {
      this.head += piece;
      if (++this.pieces <= ROPE_PIECES) return;
      piece = this.head;
      this.head = "";
      this.units = new Uint16Array(Math.max(1024, piece.length * 2));
    }
    let units = this.units;
    if (this.unitCount + piece.length > units.length) {
      const grown = new Uint16Array(Math.max(units.length * 2, this.unitCount + piece.length));
      grown.set(units.subarray(0, this.unitCount));
      units = this.units = grown;
    }
    for (let i = 0; i < piece.length; i++) units[this.unitCount++] = piece.charCodeAt(i);
  }

  private lastPiece(): string {
    return this.runCursor === undefined ? this.tail : this.runCursor.text(this.runStart, this.runEnd);
  }

  /** Moves the last piece into `head` (before another piece is appended). */
  private flush(): void {
    if (this.runCursor !== undefined) {
      if (this.runEnd > this.runStart) {
        this.pushPiece(this.runCursor.text(this.runStart, this.runEnd));
        this.headLast = this.lastUnit;
      }
      this.runSource = undefined;
      this.runCursor = undefined;
    } else if (this.tail !== "") {
      this.pushPiece(this.tail);
      this.headLast = this.lastUnit;
    }
  }

  /** Appends text, keeping the brace and bracket bookkeeping. */
  append(content: string): void {
    if (content === "") return;
    this.flush();
    this.tail = content;
    this.lastUnit = content[content.length - 1];
    for (let i = 0; i < content.length; i++) this.track(content[i] as string);
  }

  /** Appends the character at the read position (it must be inside the text). */
  appendCurrent(p: RepairCursor): void {
    const source = p.chars;
    const index = p.pos;
    const ch = source[index] as string;
    if (this.runSource === source && this.runEnd === index) {
      this.runEnd++;
    } else {
      this.flush();
      this.tail = "";
      this.runSource = source;
      this.runCursor = p;
      this.runStart = index;
      this.runEnd = index + 1;
    }
    this.lastUnit = ch.length === 1 ? ch : ch[ch.length - 1];
    this.track(ch);
  }

  private track(ch: string): void {
    if (ch === "{") this.openBraces++;
    else if (ch === "}" && this.openBraces > 0) this.openBraces--;
    else if (ch === "[") {
      this.bracketOpen = true;
      this.spaceAfterBracket = false;
    } else if (ch === "]") this.bracketOpen = false;
    else if (this.bracketOpen && isPySpace(ch)) this.spaceAfterBracket = true;
  }

  /** Replaces the trailing backslash by `content` (an escape was resolved). */
  replaceBackslash(content: string): void {
    if (this.runSource !== undefined) {
      if (this.runEnd > this.runStart) this.runEnd--;
      const last = this.runEnd > this.runStart ? (this.runSource[this.runEnd - 1] as string) : undefined;
      this.lastUnit = last === undefined ? this.headLast : last[last.length - 1];
    } else {
      this.tail = this.tail.slice(0, -1);
      this.lastUnit = this.tail === "" ? this.headLast : this.tail[this.tail.length - 1];
    }
    this.append(content);
  }

  /** `RepairCursor.findUnescaped`, remembering answers for this string (json_repair's look-ahead cache). */
  find(p: RepairCursor, targets: string, offset: number): number {
    const key = targets;
    const start = p.pos + offset;
    const cache = (this.findCache ??= new Map());
    const cached = cache.get(key);
    if (cached !== undefined) {
      const [cachedStart, match] = cached;
      if (match === null && start >= cachedStart) return p.length - p.pos;
      if (match !== null && cachedStart <= start && start <= match) return match - p.pos;
    }
    const found = p.findUnescaped(targets, offset);
    if (p.at(found) === undefined) {
      cache.set(key, [start, null]);
      return found;
    }
    const matchIndex = p.pos + found;
    if (matchIndex === 0 || p.chars[matchIndex - 1] !== "\\") cache.set(key, [start, matchIndex]);
    return found;
  }
}
