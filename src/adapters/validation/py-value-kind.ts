import { PyFloat } from "../../python/py-float.js";
import { pyRepr, pyStrRepr, pyStrReprQuote } from "../../python/pyfmt.js";

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

/** The UTF-8 bytes of `repr` cut to its first 25 and last 24, shrunk to whole characters (pydantic-core's rule). */
function cutRepr(head: Buffer, tail: Buffer): string {
  const isBoundary = (bytes: Buffer, i: number) => i <= 0 || i >= bytes.length || ((bytes[i] as number) & 0xc0) !== 0x80;
  let end = 25;
  while (!isBoundary(head, end)) end--;
  let start = tail.length - 24;
  while (!isBoundary(tail, start)) start++;
  return `${head.subarray(0, end).toString("utf8")}...${tail.subarray(start).toString("utf8")}`;
}

/**
 * pydantic-core's `input_value=` text: a repr longer than 50 UTF-8 bytes is cut to its first 25 and last 24
 * bytes, shrunk to whole characters. A long string is rendered only at its two ends (a reply of megabytes may be
 * the input of many errors).
 */
export function truncatedRepr(value: unknown): string {
  if (typeof value === "string" && value.length > 64) {
    const quote = pyStrReprQuote(value);
    // Cut whole surrogate pairs: each end renders as that end of the whole repr (every character is at least a byte).
    const headEnd = /[\ud800-\udbff]/.test(value[29]!) ? 31 : 30;
    const tailStart = /[\udc00-\udfff]/.test(value[value.length - 30]!) && /[\ud800-\udbff]/.test(value[value.length - 31]!) ? value.length - 31 : value.length - 30;
    const head = pyStrRepr(value.slice(0, headEnd), quote).slice(0, -1);
    const tail = pyStrRepr(value.slice(tailStart), quote).slice(1);
    return cutRepr(Buffer.from(head, "utf8"), Buffer.from(tail, "utf8"));
  }
  const repr = pyRepr(value);
  if (repr.length <= 16) return repr; // at most 48 bytes
  const bytes = Buffer.from(repr, "utf8");
  return bytes.length <= 50 ? repr : cutRepr(bytes, bytes);
}
