import { PyFloat } from "../../python/py-float.js";
import { pyRepr, pyStrReprBody, pyStrReprQuote } from "../../python/pyfmt.js";
import { PY_INT_MAX_STR_DIGITS } from "../../python/python-number.js";

/** The Python type name of a value in tsdspy's value model (`int`, `float`, `str`, `NoneType`, `list`, …). */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  switch (typeof value) {
    case "string": return "str";
    case "boolean": return "bool";
    case "bigint": return "int";
    case "number": return Number.isInteger(value) && !Object.is(value, -0) ? "int" : "float";
    default: break;
  }
  if (value instanceof PyFloat) return "float";
  if (Array.isArray(value)) return "list";
  if (value instanceof Set) return "set";
  if (value instanceof Map) return "dict";
  if (value instanceof Uint8Array) return "bytes";
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return "dict";
  const typeName = (value as { typeName?: unknown }).typeName;
  if (typeof typeName === "string") return typeName;
  return (value as object).constructor?.name ?? "object";
}

/** A Python int as a JS number or, past 2^53, a bigint. */
export function pyInt(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** Whether a value is a Python dict in tsdspy's value model (a plain object). */
export function isPyDict(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Whether `value` has more decimal digits than Python's int/str conversion allows (its hex length bounds them). */
function exceedsDigitLimit(value: bigint): boolean {
  const magnitude = value < 0n ? -value : value;
  const bits = magnitude.toString(16).length * 4;
  // 2^(bits-4) <= magnitude < 2^bits: far from the limit that settles it; near it, count exactly.
  const log10Of2 = Math.log10(2);
  if (bits * log10Of2 < PY_INT_MAX_STR_DIGITS - 2) return false;
  if ((bits - 4) * log10Of2 > PY_INT_MAX_STR_DIGITS + 2) return true;
  return magnitude.toString().length > PY_INT_MAX_STR_DIGITS;
}

/** The first 25 UTF-8 bytes of `headRepr` and the last 24 of `tailRepr`, shrunk to whole characters, joined by `...`. */
function cutRepr(headRepr: string, tailRepr: string): string {
  const headBytes = Buffer.from(headRepr, "utf8");
  const tailBytes = Buffer.from(tailRepr, "utf8");
  const isBoundary = (bytes: Buffer, i: number) => i <= 0 || i >= bytes.length || ((bytes[i] as number) & 0xc0) !== 0x80;
  let head = 25;
  while (!isBoundary(headBytes, head)) head--;
  let tail = tailBytes.length - 24;
  while (!isBoundary(tailBytes, tail)) tail++;
  return `${headBytes.subarray(0, head).toString("utf8")}...${tailBytes.subarray(tail).toString("utf8")}`;
}

/**
 * pydantic-core's `input_value=` text: a repr longer than 50 UTF-8 bytes is cut to its first 25 and last 24
 * bytes, shrunk to whole characters. A long string's repr is only escaped at its two ends (every code unit
 * escapes to at least one byte, so 40 units at each end hold the bytes kept).
 */
export function truncatedRepr(value: unknown): string {
  // Python's repr refuses an int of more than 4,300 decimal digits; pydantic then prints this instead.
  if (typeof value === "bigint" && exceedsDigitLimit(value)) return "<unprintable int object>";
  if (typeof value === "string" && value.length > 80) {
    const quote = pyStrReprQuote(value);
    return cutRepr(quote + pyStrReprBody(value.slice(0, 40), quote), pyStrReprBody(value.slice(-40), quote) + quote);
  }
  if (Array.isArray(value) && value.length >= 64 && value.every(isShallow)) return cutRepr(...listReprEnds(value));
  const repr = pyRepr(value);
  if (Buffer.byteLength(repr, "utf8") <= 50) return repr;
  return cutRepr(repr, repr);
}

/** A value whose repr has no inner items (and cannot fail): None, bool, int, float, str. */
function isScalar(value: unknown): boolean {
  if (value === null || value === undefined || value instanceof PyFloat) return true;
  const type = typeof value;
  return type === "string" || type === "number" || type === "bigint" || type === "boolean";
}

/** A scalar, or a list or dict of scalars: its repr cannot nest past the recursion limit (and cannot fail). */
function isShallow(value: unknown): boolean {
  if (isScalar(value)) return true;
  if (Array.isArray(value)) return value.every(isScalar);
  return isPyDict(value) && Object.values(value).every(isScalar);
}

/**
 * The first and the last 64+ characters of the repr of a list of shallow items (64 or more of them, so that its repr
 * is over 50 bytes and the two ends do not meet), without the reprs of the items in between.
 */
function listReprEnds(values: readonly unknown[]): [string, string] {
  let head = `[${pyRepr(values[0])}`;
  for (let i = 1; head.length < 64; i++) head += `, ${pyRepr(values[i])}`;
  let tail = `${pyRepr(values[values.length - 1])}]`;
  for (let i = values.length - 2; tail.length < 64; i--) tail = `${pyRepr(values[i])}, ${tail}`;
  return [head, tail];
}
