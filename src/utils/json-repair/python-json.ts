import { pyFloat } from "../py-float.js";
import { parsePyInt } from "../python-number.js";

/**
 * Python's `json.loads` / `JSONDecoder.raw_decode` on a JS string: standard JSON plus `NaN`,
 * `Infinity` and `-Infinity`, with Python's number types (ints stay ints, `1.0` is a float).
 * Objects are plain objects in insertion order (duplicate keys: last value wins, first position).
 */

const WS_SPACE = 0x20;
const WS_TAB = 0x09;
const WS_LF = 0x0a;
const WS_CR = 0x0d;
const PLAIN_STRING_RUN = /[^"\\\x00-\x1f]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
const HEX4 = /^[0-9a-fA-F]{4}$/;

class Reject {}
const REJECT = new Reject();

function isJsonSpace(code: number): boolean {
  return code === WS_SPACE || code === WS_LF || code === WS_CR || code === WS_TAB;
}

/** Sets `key` on a plain object the way `JSON.parse` does, `__proto__` included. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

class StrictDecoder {
  pos: number;
  constructor(readonly text: string, start: number) {
    this.pos = start;
  }

  skipSpace(): void {
    const text = this.text;
    while (this.pos < text.length && isJsonSpace(text.charCodeAt(this.pos))) this.pos++;
  }

  value(): unknown {
    const text = this.text;
    const ch = text[this.pos];
    switch (ch) {
      case '"':
        this.pos++;
        return this.string();
      case "{":
        this.pos++;
        return this.object();
      case "[":
        this.pos++;
        return this.array();
      case "n":
        return this.word("null", null);
      case "t":
        return this.word("true", true);
      case "f":
        return this.word("false", false);
      case "N":
        return this.word("NaN", NaN);
      case "I":
        return this.word("Infinity", Infinity);
      case "-":
        if (text[this.pos + 1] === "I") return this.word("-Infinity", -Infinity);
        return this.number();
      default:
        return this.number();
    }
  }

  word(word: string, value: unknown): unknown {
    if (!this.text.startsWith(word, this.pos)) throw REJECT;
    this.pos += word.length;
    return value;
  }

  number(): unknown {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (match === null || match[0] === "") throw REJECT;
    this.pos += match[0].length;
    if (match[1] !== undefined || match[2] !== undefined) return pyFloat(Number(match[0]));
    const int = parsePyInt(match[0]);
    if (int === undefined) throw REJECT;
    return int;
  }

  string(): string {
    const text = this.text;
    let out = "";
    for (;;) {
      PLAIN_STRING_RUN.lastIndex = this.pos;
      const run = PLAIN_STRING_RUN.exec(text) as RegExpExecArray;
      out += run[0];
      this.pos += run[0].length;
      const ch = text[this.pos];
      if (ch === '"') {
        this.pos++;
        return out;
      }
      if (ch !== "\\") throw REJECT; // end of text or a control character
      const esc = text[this.pos + 1];
      if (esc === "u") {
        const hex = text.slice(this.pos + 2, this.pos + 6);
        if (!HEX4.test(hex)) throw REJECT;
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 6;
      } else {
        const mapped = esc === undefined ? undefined : ESCAPES[esc];
        if (mapped === undefined) throw REJECT;
        out += mapped;
        this.pos += 2;
      }
    }
  }

  object(): Record<string, unknown> {
    const text = this.text;
    const out: Record<string, unknown> = {};
    this.skipSpace();
    if (text[this.pos] === "}") {
      this.pos++;
      return out;
    }
    for (;;) {
      if (text[this.pos] !== '"') throw REJECT;
      this.pos++;
      const key = this.string();
      this.skipSpace();
      if (text[this.pos] !== ":") throw REJECT;
      this.pos++;
      this.skipSpace();
      setOwn(out, key, this.value());
      this.skipSpace();
      const sep = text[this.pos++];
      if (sep === "}") return out;
      if (sep !== ",") throw REJECT;
      this.skipSpace();
    }
  }

  array(): unknown[] {
    const text = this.text;
    const out: unknown[] = [];
    this.skipSpace();
    if (text[this.pos] === "]") {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.skipSpace();
      const sep = text[this.pos++];
      if (sep === "]") return out;
      if (sep !== ",") throw REJECT;
      this.skipSpace();
    }
  }
}

/** Python `json.JSONDecoder().raw_decode(text[start:])`: the value at `start` and where it ends. */
export function rawDecodePythonJson(text: string, start: number): { value: unknown; end: number } | undefined {
  const decoder = new StrictDecoder(text, start);
  try {
    const value = decoder.value();
    return { value, end: decoder.pos };
  } catch (error) {
    if (error === REJECT) return undefined;
    throw error;
  }
}

function decodeWhole(text: string): { value: unknown } | undefined {
  const decoder = new StrictDecoder(text, 0);
  try {
    decoder.skipSpace();
    const value = decoder.value();
    decoder.skipSpace();
    return decoder.pos === text.length ? { value } : undefined;
  } catch (error) {
    if (error === REJECT) return undefined;
    throw error;
  }
}

/**
 * True when `JSON.parse` would not give Python's value for a number of this (valid) JSON text:
 * integral floats (`1.0`, `1e16`, `-0.0`), the int `-0`, and ints beyond 2**53 - 1.
 */
function hasPythonOnlyNumbers(text: string): boolean {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code === 0x22) {
      let close = text.indexOf('"', i + 1);
      for (;;) {
        let slashes = 0;
        while (text.charCodeAt(close - 1 - slashes) === 0x5c) slashes++;
        if (slashes % 2 === 0) break;
        close = text.indexOf('"', close + 1);
      }
      i = close + 1;
    } else if (code === 0x2d || (code >= 0x30 && code <= 0x39)) {
      NUMBER.lastIndex = i;
      const token = (NUMBER.exec(text) as RegExpExecArray)[0];
      i += token.length;
      const digits = token.charCodeAt(0) === 0x2d ? token.length - 1 : token.length;
      if (/[.eE]/.test(token)) {
        const value = Number(token);
        if (Number.isInteger(value) || Object.is(value, -0)) return true;
      } else if (token === "-0" || (digits > 15 && !Number.isSafeInteger(Number(token)))) {
        return true;
      }
    } else {
      i++;
    }
  }
  return false;
}

/** Python `json.loads(text)`, or `undefined` where Python raises. Uses `JSON.parse` when it agrees. */
export function decodePythonJson(text: string): { value: unknown } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text.includes("NaN") || text.includes("Infinity") ? decodeWhole(text) : undefined;
  }
  if (hasPythonOnlyNumbers(text)) return decodeWhole(text);
  return { value };
}
