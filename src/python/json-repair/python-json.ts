import { pyFloat } from "../py-float.js";
import { parsePyInt } from "../python-number.js";
import { checkRecursionDepth, PY_RECURSION_LIMIT } from "../recursion-limit.js";
import { setOwnProperty } from "../set-own-property.js";

/**
 * Python's `json.loads` / `JSONDecoder.raw_decode` on a JS string: standard JSON plus `NaN`,
 * `Infinity` and `-Infinity`, with Python's number types (ints stay ints, `1.0` is a float).
 * Objects are plain objects in insertion order (duplicate keys: last value wins, first position).
 * Containers nested past Python's recursion limit raise Python's `RecursionError`, as CPython's scanner does
 * when it gets that deep before finding an error.
 */

const OBJECT_DEPTH = " while decoding a JSON object from a unicode string";
const ARRAY_DEPTH = " while decoding a JSON array from a unicode string";

const WS_SPACE = 0x20;
const WS_TAB = 0x09;
const WS_LF = 0x0a;
const WS_CR = 0x0d;
const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
const HEX4 = /^[0-9a-fA-F]{4}$/;

class Reject {}
const REJECT = new Reject();

function isDigitCode(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function skipDigits(text: string, i: number): number {
  while (isDigitCode(text.charCodeAt(i))) i++;
  return i;
}

function isJsonSpace(code: number): boolean {
  return code === WS_SPACE || code === WS_LF || code === WS_CR || code === WS_TAB;
}

class StrictDecoder {
  pos: number;
  private depth = 0;
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
      case "{": {
        checkRecursionDepth(++this.depth, OBJECT_DEPTH);
        this.pos++;
        const value = this.object();
        this.depth--;
        return value;
      }
      case "[": {
        checkRecursionDepth(++this.depth, ARRAY_DEPTH);
        this.pos++;
        const value = this.array();
        this.depth--;
        return value;
      }
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

  /** `-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?`; a fraction or exponent makes it a float. */
  number(): unknown {
    const text = this.text;
    const start = this.pos;
    let i = start;
    if (text.charCodeAt(i) === 0x2d) i++;
    const first = text.charCodeAt(i);
    if (first === 0x30) i++;
    else if (first >= 0x31 && first <= 0x39) i = skipDigits(text, i + 1);
    else throw REJECT;
    let isFloat = false;
    if (text.charCodeAt(i) === 0x2e && isDigitCode(text.charCodeAt(i + 1))) {
      i = skipDigits(text, i + 2);
      isFloat = true;
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      let j = i + 1;
      const sign = text.charCodeAt(j);
      if (sign === 0x2b || sign === 0x2d) j++;
      if (isDigitCode(text.charCodeAt(j))) {
        i = skipDigits(text, j + 1);
        isFloat = true;
      }
    }
    this.pos = i;
    const token = text.slice(start, i);
    if (isFloat) return pyFloat(Number(token));
    const int = parsePyInt(token);
    if (int === undefined) throw REJECT;
    return int;
  }

  string(): string {
    const text = this.text;
    let out = "";
    let runStart = this.pos;
    for (;;) {
      const code = text.charCodeAt(this.pos);
      if (code === 0x22) {
        out += text.slice(runStart, this.pos);
        this.pos++;
        return out;
      }
      if (code === 0x5c) {
        out += text.slice(runStart, this.pos);
        out += this.escape();
        runStart = this.pos;
        continue;
      }
      if (!(code >= 0x20)) throw REJECT; // a control character, or the end of the text (NaN)
      this.pos++;
    }
  }

  escape(): string {
    const text = this.text;
    const esc = text[this.pos + 1];
    if (esc === "u") {
      const hex = text.slice(this.pos + 2, this.pos + 6);
      if (!HEX4.test(hex)) throw REJECT;
      this.pos += 6;
      return String.fromCharCode(parseInt(hex, 16));
    }
    const mapped = esc === undefined ? undefined : ESCAPES[esc];
    if (mapped === undefined) throw REJECT;
    this.pos += 2;
    return mapped;
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
      setOwnProperty(out, key, this.value());
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

// Every number of a valid JSON text follows `:`, `,`, `[` or the start (then spaces); strings may
// produce false hits, which only cost the slower exact decode.
const NUMBER_AFTER_SEPARATOR = /(?:^|[:,[])[ \t\n\r]*(-?\d[\d.eE+-]*)/g;

/**
 * True when `JSON.parse` may not give Python's value for some number of this (valid) JSON text:
 * integral floats (`1.0`, `1e16`, `-0.0`), the int `-0`, and ints beyond 2**53 - 1.
 */
function mayHavePythonOnlyNumbers(text: string): boolean {
  NUMBER_AFTER_SEPARATOR.lastIndex = 0;
  for (let match = NUMBER_AFTER_SEPARATOR.exec(text); match !== null; match = NUMBER_AFTER_SEPARATOR.exec(text)) {
    const token = match[1] as string;
    if (token.length < 3 && token !== "-0") continue;
    if (/[.eE]/.test(token)) {
      const value = Number(token);
      if (Number.isInteger(value) || Object.is(value, -0)) return true;
    } else if (token === "-0" || (token.length > 15 && !Number.isSafeInteger(Number(token)))) {
      return true;
    }
  }
  return false;
}

// Number forms whose JSON.parse value may not be Python's: an integral float (`.0…`, exponent),
// 16+ significant digits (big ints, floats that round to an integer), and `-0`. False hits (digits
// inside strings) only send the text to a closer look.
const SUSPECT_NUMBER = /[0-9](?:\.0+(?![0-9])|[eE])|[0-9](?:\.?[0-9]){15}|-0(?![.0-9])/;

/**
 * Whether a `JSON.parse` result holds an integral number (the only ones that may have been Python floats or big ints)
 * or an infinite one (an integer literal past the float range, which Python keeps exact).
 */
function hasIntegralNumber(value: unknown): boolean {
  if (typeof value === "number") return Number.isInteger(value) || !Number.isFinite(value);
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (hasIntegralNumber(item)) return true;
    return false;
  }
  for (const key in value) if (hasIntegralNumber((value as Record<string, unknown>)[key])) return true;
  return false;
}

/** Whether brackets outside strings nest past Python's recursion limit somewhere in the text (a cheap upper bound). */
function mayNestTooDeep(text: string): boolean {
  if (text.length <= PY_RECURSION_LIMIT) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > PY_RECURSION_LIMIT) return true;
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
    }
  }
  return false;
}

/**
 * Python `json.loads(text)`, or `undefined` where Python raises `JSONDecodeError`. Uses `JSON.parse` when it agrees.
 * Throws `RecursionError` where Python's scanner nests past the recursion limit.
 */
export function decodePythonJson(text: string): { value: unknown } | undefined {
  if (mayNestTooDeep(text)) return decodeWhole(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text.includes("NaN") || text.includes("Infinity") ? decodeWhole(text) : undefined;
  }
  if (!hasIntegralNumber(value) || !SUSPECT_NUMBER.test(text) || !mayHavePythonOnlyNumbers(text)) return { value };
  return decodeWhole(text);
}
