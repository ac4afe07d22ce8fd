import { isPySpace } from "./py-chars.js";

/** Where the parser is inside the document: reading an object key, an object value, or an array item. */
export type RepairContext = "key" | "value" | "array";

/** The characters json_repair treats as string quotes. */
export const QUOTES: ReadonlySet<string> = new Set(['"', "'", "\u201c", "\u201d"]);

/** Returns whether `ch` is one of json_repair's quote characters. */
export function isQuote(ch: string | undefined): boolean {
  return ch !== undefined && QUOTES.has(ch);
}

/**
 * The text under repair (as code points, so offsets count like Python's), a read position, the
 * stack of contexts, and the look-ahead primitives the heuristics are written with. Offsets
 * passed to `at`, `spacesEnd` and `findUnescaped` are relative to the read position.
 */
export abstract class RepairCursor {
  chars: string[];
  pos = 0;
  readonly contexts: RepairContext[] = [];
  /** Contexts to enter for the next value read (set after an object was re-read as an array). */
  deferredContexts: RepairContext[] = [];

  constructor(text: string) {
    this.chars = Array.from(text);
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
    let index = this.pos + offset;
    if (index < 0) index += this.chars.length;
    return this.chars[index];
  }

  /** The text between two absolute positions. */
  slice(start: number, end: number): string {
    return this.chars.slice(Math.max(0, start), end).join("");
  }

  get current(): RepairContext | undefined {
    return this.contexts[this.contexts.length - 1];
  }

  inContext(context: RepairContext): boolean {
    return this.contexts.includes(context);
  }

  /** Runs `read` with `context` pushed on the stack. */
  within<T>(context: RepairContext, read: () => T): T {
    this.contexts.push(context);
    try {
      return read();
    } finally {
      this.contexts.pop();
    }
  }

  skipSpaces(): void {
    while (isPySpace(this.chars[this.pos])) this.pos++;
  }

  /** The offset of the first non-space character at or after `offset`. */
  spacesEnd(offset = 0): number {
    while (isPySpace(this.chars[this.pos + offset])) offset++;
    return offset;
  }

  /**
   * The offset of the first of `targets` at or after `offset` that is not escaped by an odd run of
   * backslashes (counted from `offset` on); the distance to the end when there is none.
   */
  findUnescaped(targets: string | readonly string[], offset = 0): number {
    const chars = this.chars;
    let slashes = 0;
    for (let i = this.pos + offset; i < chars.length; i++) {
      const ch = chars[i] as string;
      if (ch === "\\") {
        slashes++;
        continue;
      }
      if ((typeof targets === "string" ? ch === targets : targets.includes(ch)) && slashes % 2 === 0) return i - this.pos;
      slashes = 0;
    }
    return chars.length - this.pos;
  }
}
