import { RecursionError } from "../../errors/recursion-error.js";
import { sliceCodePoints } from "./code-points.js";
import { isPyAlpha, isPyDigit, isPySpace } from "./py-chars.js";
import { rawDecodePythonJson } from "./python-json.js";
import { readArray } from "./read-array.js";
import { readObject } from "./read-object.js";
import { parenIsTuple, topLevelParenStartsValue } from "./paren-lookahead.js";
import { readComment, readNumber } from "./read-scalars.js";
import { readString } from "./read-string.js";
import { RepairCursor, isQuote } from "./repair-cursor.js";
import { pyTruthy, sameShape } from "./repair-values.js";

/**
 * json_repair's tolerant reader. At top level only `{`, `[`, a line-leading `(`, and comments start
 * a value - prose is skipped - and the first `{`/`[` after prose is tried as strict JSON first.
 * Inside containers, strings, bare words, numbers and literals are read with repairs.
 */
/**
 * How deep values may nest while repairing. json_repair recurses through several Python frames per level and turns
 * the RecursionError into a ValueError; this limit stands for that (a few hundred levels in CPython).
 */
const REPAIR_DEPTH_LIMIT = 400;

export class JsonRepairParser extends RepairCursor {
  private triedStrictSuffix = false;
  private depth = 0;

  readString(): unknown {
    return readString(this);
  }
  readObject(): unknown {
    return readObject(this);
  }
  readArray(closer = "]"): unknown[] {
    return readArray(this, closer);
  }
  readComment(): unknown {
    return readComment(this);
  }

  /** The whole text: one value, or several (a later value with the same shape replaces the earlier one). */
  readDocument(): unknown {
    const first = this.readValue();
    if (this.pos >= this.length) return first;
    const values = [first];
    while (this.pos < this.length) {
      this.leaveContexts();
      this.deferredContexts = [];
      const commaSeparated = this.nextValueIsCommaSeparated();
      const next = this.readValue();
      if (!pyTruthy(next)) {
        this.pos++;
        continue;
      }
      const last = values[values.length - 1];
      if ((!commaSeparated && sameShape(last, next)) || !pyTruthy(last)) values.pop();
      values.push(next);
    }
    return values.length === 1 ? values[0] : values;
  }

  readValue(): unknown {
    if (++this.depth > REPAIR_DEPTH_LIMIT) throw new RecursionError("maximum recursion depth exceeded");
    try {
      return this.readValueAt();
    } finally {
      this.depth--;
    }
  }

  private readValueAt(): unknown {
    if (this.deferredContexts.length > 0) {
      const deferred = this.deferredContexts;
      this.deferredContexts = [];
      this.enterContexts(deferred);
      try {
        return this.readValue();
      } finally {
        this.leaveContexts(deferred.length);
      }
    }
    for (;;) {
      const ch = this.at();
      if (ch === undefined) return "";
      if (ch === "{" || ch === "[") {
        const strict = this.tryStrictSuffix();
        if (strict !== undefined) return strict.value;
        this.pos++;
        return ch === "{" ? this.readObject() : this.readArray();
      }
      const nested = this.contexts.length > 0;
      if (ch === "(") {
        if (nested || topLevelParenStartsValue(this)) return this.readParenthesized();
        this.pos++;
        continue;
      }
      if (nested && (isQuote(ch) || isPyAlpha(ch))) return this.readString();
      if (nested && (isPyDigit(ch) || ch === "-" || ch === ".")) return readNumber(this);
      if (ch === "#" || ch === "/") return this.readComment();
      this.pos++;
    }
  }

  /** `(a, b)` and `(a,)` are lists; `(a)` is just `a`. */
  private readParenthesized(): unknown {
    const tuple = parenIsTuple(this);
    this.pos++;
    const values = this.readArray(")");
    return tuple || values.length !== 1 ? values : values[0];
  }

  /** Once per document, at the first top-level `{`/`[` after some prose: take it verbatim if it is strict JSON. */
  private tryStrictSuffix(): { value: unknown } | undefined {
    if (this.triedStrictSuffix || this.contexts.length > 0 || this.pos === 0) return undefined;
    this.triedStrictSuffix = true;
    const chars = this.chars;
    if (typeof chars === "string") {
      // One code unit per code point: decode in place.
      const decoded = rawDecodePythonJson(chars, this.pos);
      if (decoded === undefined) return undefined;
      this.pos = decoded.end;
      return { value: decoded.value };
    }
    // Code points: decode the text as given from the code unit where the read position is (an edited text is joined).
    const edited = this.version > 0;
    const text = edited ? sliceCodePoints(chars, this.pos) : this.original;
    let start = 0;
    if (!edited) for (let i = 0; i < this.pos; i++) start += (chars[i] as string).length;
    const decoded = rawDecodePythonJson(text, start);
    if (decoded === undefined) return undefined;
    let consumed = 0;
    for (let i = start; i < decoded.end; i++) {
      const code = text.charCodeAt(i);
      if (code < 0xd800 || code > 0xdbff || !(text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff)) consumed++;
    }
    this.pos += consumed;
    return { value: decoded.value };
  }

  private nextValueIsCommaSeparated(): boolean {
    if (this.at(this.spacesEnd()) === ",") return true;
    let i = this.pos - 1;
    while (i >= 0 && isPySpace(this.chars[i])) i--;
    return i >= 0 && this.chars[i] === ",";
  }
}
