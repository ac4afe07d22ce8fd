/**
 * The top-level keys of a JSON object as the `jiter` parser reads it (DSPy's JSON stream listener relies on it):
 * strictly (the whole text must be one JSON value) or partially (`partial_mode="trailing-strings"`: a truncated
 * text keeps every key whose value has begun, an unfinished string counts, an unfinished literal or number does not,
 * and anything after a complete value that is not `,` or a closing bracket ends the parse quietly).
 * Throws `JsonKeysError` where jiter raises `ValueError`.
 */
export function partialJsonKeys(text: string, partial: boolean): string[] {
  const reader = new Reader(text, partial);
  reader.skipSpace();
  if (reader.atEnd()) throw new JsonKeysError("EOF while parsing a value");
  const keys: string[] = [];
  if (reader.peek() === "{") {
    reader.object(keys);
  } else {
    reader.value();
  }
  if (!partial && !reader.stopped) {
    reader.skipSpace();
    if (!reader.atEnd()) throw new JsonKeysError("trailing characters");
  }
  return keys;
}

/** How far a read of a top-level object got (see `objectKeysFrom`). */
export interface ObjectKeysProgress {
  /** The keys read so far, as `partialJsonKeys` gives them. */
  readonly keys: string[];
  /** A partial read ran into the end of the text (more text may change the answer); false once the answer is final. */
  readonly needsMore: boolean;
  /** Where the last entry after a `,` starts (its key's quote), or -1: a later read of a longer text may resume there. */
  readonly entryStart: number;
  /** The keys of the entries before `entryStart`. */
  readonly keysBeforeEntry: string[];
}

/**
 * `partialJsonKeys` of a text that starts with `{`, resumable: with `resume`, `text` starts at an entry's key that an
 * earlier read of the same object reported as `entryStart`, and the read goes on from there with the keys before it
 * (the entries before it are settled, so the answer is the same as a read of the whole text). Throws `JsonKeysError`.
 */
export function objectKeysFrom(text: string, partial: boolean, resume?: { readonly keysBeforeEntry: readonly string[] }): ObjectKeysProgress {
  const reader = new Reader(text, partial);
  const keys = resume ? [...resume.keysBeforeEntry] : [];
  reader.object(keys, resume !== undefined);
  if (!partial && !reader.stopped) {
    reader.skipSpace();
    if (!reader.atEnd()) throw new JsonKeysError("trailing characters");
  }
  return { keys, needsMore: reader.stopped && !reader.stoppedEarly, entryStart: reader.entryStart, keysBeforeEntry: reader.keysBeforeEntry };
}

/** The text is not JSON (jiter's `ValueError`). */
export class JsonKeysError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JsonKeysError";
  }
}

/** What parsing one value gave: it ended (complete or cut at the end of the text), or nothing usable began. */
type Outcome = "value" | "none";

const LITERALS = ["true", "false", "null", "NaN", "Infinity", "-Infinity"];
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/;
const NUMBER_PREFIX = /^-?(?:0|[1-9][0-9]*)?(?:\.[0-9]*)?(?:[eE][+-]?[0-9]*)?$/;
const MAX_DEPTH = 201;
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

class Reader {
  pos = 0;
  /** Set once a partial parse has read as far as it can; every open container then returns what it has. */
  stopped = false;
  /** Open arrays and objects. */
  private depth = 0;
  /** The partial read stopped at something other than the end of the text. */
  stoppedEarly = false;
  /** In the top-level object (the one whose keys are recorded): where its last entry after a `,` starts, and the keys before it. */
  entryStart = -1;
  keysBeforeEntry: string[] = [];

  constructor(
    private readonly text: string,
    private readonly partial: boolean,
  ) {}

  peek(): string | undefined {
    return this.text[this.pos];
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipSpace(): void {
    while (this.pos < this.text.length && " \t\n\r".includes(this.text[this.pos]!)) this.pos++;
  }

  /** The end of the text where more was needed: a partial parse stops, a strict one fails. */
  private eof(what: string): void {
    if (!this.partial) throw new JsonKeysError(`EOF while parsing ${what}`);
    this.stopped = true;
  }

  /** A complete value followed by something other than `,` or the closer: a partial parse stops there. */
  private unexpected(message: string): void {
    if (!this.partial) throw new JsonKeysError(message);
    this.stopped = true;
    this.stoppedEarly = true;
  }

  value(): Outcome {
    this.skipSpace();
    const ch = this.peek();
    if (ch === undefined) {
      this.eof("a value");
      return "none";
    }
    if (ch === "{") return this.object(null);
    if (ch === "[") return this.array();
    if (ch === '"') {
      this.string();
      return "value";
    }
    if (ch === "-" || (ch >= "0" && ch <= "9")) {
      const rest = this.text.slice(this.pos);
      if (rest.startsWith("-I")) return this.literal();
      const match = NUMBER.exec(rest)?.[0];
      if (match === rest || (match !== undefined && !/^[-+0-9.eE]/.test(rest.slice(match.length)))) {
        this.pos += match.length;
        return "value";
      }
      if (!NUMBER_PREFIX.test(rest)) throw new JsonKeysError("invalid number");
      this.pos = this.text.length;
      this.eof("a value");
      return "none";
    }
    return this.literal();
  }

  private literal(): Outcome {
    const rest = this.text.slice(this.pos);
    for (const word of LITERALS) {
      if (rest.startsWith(word)) {
        this.pos += word.length;
        return "value";
      }
      if (word.startsWith(rest)) {
        this.pos = this.text.length;
        this.eof("a value");
        return "none";
      }
    }
    throw new JsonKeysError("expected value");
  }

  /** A string (the opening quote at `pos`); `null` when the text ends before its closing quote (a partial parse keeps
   * an unfinished value, not an unfinished key). */
  string(): string | null {
    const text = this.text;
    this.pos++;
    let out = "";
    let run = this.pos; // characters since here are copied as one slice (no string per character)
    while (this.pos < text.length) {
      const code = text.charCodeAt(this.pos);
      if (code === 0x22) {
        out += text.slice(run, this.pos);
        this.pos++;
        return out;
      }
      if (code < 0x20) throw new JsonKeysError("control character (\\u0000-\\u001F) found while parsing a string");
      if (code === 0x5c) {
        out += text.slice(run, this.pos);
        const next = text[this.pos + 1];
        if (next === undefined) break;
        if (next === "u") {
          const hex = text.slice(this.pos + 2, this.pos + 6);
          if (!/^[0-9a-fA-F]*$/.test(hex)) throw new JsonKeysError("invalid escape");
          if (hex.length < 4) break;
          out += String.fromCharCode(parseInt(hex, 16));
          this.pos += 6;
        } else {
          if (!ESCAPES.has(next)) throw new JsonKeysError("invalid escape");
          out += next;
          this.pos += 2;
        }
        run = this.pos;
        continue;
      }
      this.pos++;
    }
    this.pos = text.length;
    this.eof("a string");
    return null;
  }

  /**
   * An object at `pos`; with `keys`, records its keys in first-seen order. `resumed`: `pos` is at an entry's key, after
   * the object's `{` or a `,` (see `objectKeysFrom`).
   */
  object(keys: string[] | null, resumed = false): Outcome {
    this.enter();
    try {
      return this.objectEntries(keys, resumed);
    } finally {
      this.depth--;
    }
  }

  /** jiter reads 201 nested arrays and objects; opening one more fails, whatever follows. */
  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new JsonKeysError("recursion limit exceeded");
  }

  private objectEntries(keys: string[] | null, resumed: boolean): Outcome {
    if (!resumed) {
      this.pos++;
      this.skipSpace();
      if (this.atEnd()) return this.eof("an object"), "value";
      if (this.peek() === "}") {
        this.pos++;
        return "value";
      }
    }
    for (;;) {
      if (this.peek() !== '"') throw new JsonKeysError("key must be a string");
      const key = this.string();
      if (key === null) return "value";
      this.skipSpace();
      if (this.atEnd()) return this.eof("an object"), "value";
      if (this.peek() !== ":") throw new JsonKeysError("expected `:`");
      this.pos++;
      if (this.value() === "none") return "value";
      if (keys && !keys.includes(key)) keys.push(key);
      if (this.stopped) return "value";
      this.skipSpace();
      const next = this.peek();
      if (next === undefined) return this.eof("an object"), "value";
      if (next === "}") {
        this.pos++;
        return "value";
      }
      if (next !== ",") return this.unexpected("expected `,` or `}`"), "value";
      this.pos++;
      this.skipSpace();
      if (this.atEnd()) return this.eof("a value"), "value";
      if (this.peek() === "}") throw new JsonKeysError("trailing comma");
      if (keys) {
        this.entryStart = this.pos;
        this.keysBeforeEntry = [...keys];
      }
    }
  }

  private array(): Outcome {
    this.enter();
    try {
      return this.arrayItems();
    } finally {
      this.depth--;
    }
  }

  private arrayItems(): Outcome {
    this.pos++;
    this.skipSpace();
    if (this.atEnd()) return this.eof("a list"), "value";
    if (this.peek() === "]") {
      this.pos++;
      return "value";
    }
    for (;;) {
      if (this.value() === "none" || this.stopped) return "value";
      this.skipSpace();
      const next = this.peek();
      if (next === undefined) return this.eof("a list"), "value";
      if (next === "]") {
        this.pos++;
        return "value";
      }
      if (next !== ",") return this.unexpected("expected `,` or `]`"), "value";
      this.pos++;
      this.skipSpace();
      if (this.atEnd()) return this.eof("a value"), "value";
      if (this.peek() === "]") throw new JsonKeysError("trailing comma");
    }
  }
}
