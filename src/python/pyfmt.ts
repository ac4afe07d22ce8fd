import { PyFloat } from "./py-float.js";
import { pySetItems } from "./py-set-order.js";
import { checkRecursionDepth } from "./recursion-limit.js";

/**
 * Python's rendering rules, in one place: `repr()` and `str()` of JSON-like values, float repr,
 * and `json.dumps` with Python's separators. Prompts and state files must match Python byte for byte.
 *
 * Values map as: string → str, number → int when integral else float, `PyFloat` → float,
 * bigint → int, boolean → bool, null/undefined → None, array → list, plain object → dict.
 */

/** `repr(float)` in Python: shortest round-trip digits, fixed notation for exponents in [-4, 16). */
export function pyFloatRepr(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "-inf";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const sign = value < 0 ? "-" : "";
  const [mantissa, exp] = Math.abs(value).toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  const e = Number(exp);
  if (e < -4 || e >= 16) {
    const rest = digits.length > 1 ? `.${digits.slice(1)}` : "";
    const expSign = e < 0 ? "-" : "+";
    const absExp = String(Math.abs(e)).padStart(2, "0");
    return `${sign}${digits[0]}${rest}e${expSign}${absExp}`;
  }
  if (e < 0) return `${sign}0.${"0".repeat(-e - 1)}${digits}`;
  if (digits.length <= e + 1) return `${sign}${digits}${"0".repeat(e + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
}

/** Python `str()`/`repr()` of a number: ints without a decimal point, floats as `pyFloatRepr`. */
export function pyNumberRepr(value: number | bigint | PyFloat): string {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof PyFloat) return pyFloatRepr(value.value);
  if (Number.isInteger(value) && !Object.is(value, -0)) {
    return Math.abs(value) < 1e21 ? value.toFixed(0) : BigInt(value).toString();
  }
  return pyFloatRepr(value);
}

function escapeNonPrintable(ch: string): string {
  const code = ch.codePointAt(0) as number;
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, "0")}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, "0")}`;
  return `\\U${code.toString(16).padStart(8, "0")}`;
}

/** The non-printable code points `repr(str)` escapes as `\xNN`/`\uNNNN`/`\UNNNNNNNN` (all but the space). */
const NON_PRINTABLE = /(?! )[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/gu;

/** The quote `repr(str)` uses: single unless the text has `'` and no `"`. */
export function pyStrReprQuote(text: string): string {
  return text.includes("'") && !text.includes('"') ? '"' : "'";
}

/** The text between the quotes of `repr(str)`, for the given quote: escapes per code point. */
export function pyStrReprBody(text: string, quote: string): string {
  // One native pass per kind of escape (backslashes first, so that no added one is doubled).
  let body = text;
  if (body.includes("\\")) body = body.replaceAll("\\", "\\\\");
  if (body.includes(quote)) body = body.replaceAll(quote, `\\${quote}`);
  if (body.includes("\n")) body = body.replaceAll("\n", "\\n");
  if (body.includes("\r")) body = body.replaceAll("\r", "\\r");
  if (body.includes("\t")) body = body.replaceAll("\t", "\\t");
  // (With the `u` flag a lone surrogate is one code point of category Cs, escaped like the others.)
  if (body.search(NON_PRINTABLE) >= 0) body = body.replace(NON_PRINTABLE, escapeNonPrintable);
  return body;
}

/** Python `repr(str)`: single quotes unless the text has `'` and no `"`; non-printables escaped. */
export function pyStrRepr(text: string): string {
  const quote = pyStrReprQuote(text);
  return quote + pyStrReprBody(text, quote) + quote;
}

const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const REPR_DEPTH = " while getting the repr of an object";

/**
 * Python `repr()` of a JSON-like value (`{'a': True, 'b': None}`, `[1, 2.5]`, `'text'`). Containers nested past
 * Python's recursion limit raise `RecursionError`, as in Python.
 */
export function pyRepr(value: unknown): string {
  return reprAt(value, 0);
}

function reprAt(value: unknown, depth: number): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "string") return pyStrRepr(value);
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number" || typeof value === "bigint" || value instanceof PyFloat) return pyNumberRepr(value);
  const inner = (item: unknown) => reprAt(item, depth + 1);
  if (Array.isArray(value)) {
    checkRecursionDepth(depth + 1, REPR_DEPTH);
    return `[${value.map(inner).join(", ")}]`;
  }
  if (value instanceof Map) {
    checkRecursionDepth(depth + 1, REPR_DEPTH);
    return `{${[...value].map(([k, v]) => `${inner(k)}: ${inner(v)}`).join(", ")}}`;
  }
  if (value instanceof Set) {
    checkRecursionDepth(depth + 1, REPR_DEPTH);
    return value.size === 0 ? "set()" : `{${pySetItems(value).map(inner).join(", ")}}`;
  }
  if (isPlainObject(value)) {
    checkRecursionDepth(depth + 1, REPR_DEPTH);
    return `{${Object.entries(value).map(([k, v]) => `${pyStrRepr(k)}: ${inner(v)}`).join(", ")}}`;
  }
  const custom = (value as { toPyRepr?: () => string }).toPyRepr;
  if (typeof custom === "function") return custom.call(value);
  return pyStrRepr(String(value));
}

/** Python `str()`: strings as they are, everything else as `repr()`. */
export function pyStr(value: unknown): string {
  if (typeof value === "string") return value;
  const custom = (value as { toPyStr?: () => string } | null)?.toPyStr;
  if (typeof custom === "function") return custom.call(value);
  return pyRepr(value);
}

export interface PyJsonDumpsOptions {
  /** Spaces per level; when set, items go one per line (Python's `indent=`). */
  indent?: number;
  /** Escape every non-ASCII character as `\uXXXX` (Python's default `ensure_ascii=True`). */
  ensureAscii?: boolean;
  /** Sort object keys (Python's `sort_keys=True`). */
  sortKeys?: boolean;
  /** Renders a float, non-finite ones included (default: Python's repr, `NaN`/`Infinity`); orjson's writer passes its own rule. */
  formatFloat?: (value: number) => string;
  /** Called with every integer before it is written (orjson rejects integers beyond 64 bits). */
  checkInteger?: (value: number | bigint) => void;
}

const JSON_ESCAPES: Readonly<Record<number, string>> = { 0x22: '\\"', 0x5c: "\\\\", 0x0a: "\\n", 0x0d: "\\r", 0x09: "\\t", 0x08: "\\b", 0x0c: "\\f" };

/** A JSON string literal as Python's `json.dumps` writes it: one pass, UTF-16 units escaped one by one. */
function jsonString(text: string, ensureAscii: boolean): string {
  let out = '"';
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code !== 0x22 && code !== 0x5c && (code < 0x7f || !ensureAscii)) continue;
    out += text.slice(run, i);
    out += JSON_ESCAPES[code] ?? `\\u${HEX2[code >> 8]}${HEX2[code & 0xff]}`;
    run = i + 1;
  }
  return `${out}${text.slice(run)}"`;
}

function jsonNumber(value: number | bigint | PyFloat, options: PyJsonDumpsOptions): string {
  const n = value instanceof PyFloat ? value.value : value;
  if (typeof n === "number" && !Number.isFinite(n)) {
    if (options.formatFloat) return options.formatFloat(n);
    return Number.isNaN(n) ? "NaN" : n > 0 ? "Infinity" : "-Infinity";
  }
  const isInt = typeof n === "bigint" || (!(value instanceof PyFloat) && Number.isInteger(n) && !Object.is(n, -0));
  if (isInt) {
    options.checkInteger?.(n);
    return pyNumberRepr(n);
  }
  return options.formatFloat ? options.formatFloat(n as number) : pyFloatRepr(n as number);
}

/** Python `json.dumps(value, ensure_ascii=…, indent=…)`, byte for byte (`RecursionError` past Python's recursion limit). */
export function pyJsonDumps(value: unknown, options: PyJsonDumpsOptions = {}): string {
  const ensureAscii = options.ensureAscii ?? true;
  const indent = options.indent;
  const walk = (v: unknown, level: number): string => {
    if (v === null || v === undefined) return "null";
    if (typeof v === "string") return jsonString(v, ensureAscii);
    if (typeof v === "boolean") return v ? "true" : "false";
    if (typeof v === "number" || typeof v === "bigint" || v instanceof PyFloat) return jsonNumber(v, options);
    let entries: string[];
    let open: string;
    let close: string;
    checkRecursionDepth(level + 1, " while encoding a JSON object");
    if (Array.isArray(v)) {
      entries = v.map((item) => walk(item, level + 1));
      open = "[";
      close = "]";
    } else if (typeof v === "object") {
      const obj = v as Record<string, unknown>;
      const toJSON = (obj as { toJSON?: () => unknown }).toJSON;
      if (typeof toJSON === "function" && !isPlainObject(obj)) return walk(toJSON.call(obj), level);
      let keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
      if (options.sortKeys) keys = keys.sort();
      entries = keys.map((k) => `${jsonString(k, ensureAscii)}: ${walk(obj[k], level + 1)}`);
      open = "{";
      close = "}";
    } else {
      return jsonString(String(v), ensureAscii);
    }
    if (entries.length === 0) return open + close;
    if (indent === undefined) return open + entries.join(", ") + close;
    const pad = "\n" + " ".repeat(indent * (level + 1));
    return open + pad + entries.join("," + pad) + "\n" + " ".repeat(indent * level) + close;
  };
  return walk(value, 0);
}
