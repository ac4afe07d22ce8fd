import { PyFloat } from "../py-float.js";
import { setOwnProperty } from "../set-own-property.js";

/**
 * Python semantics of the values the repair parser builds. Objects are `Map`s while parsing (Python
 * dict order, "last key" look-ups) and become plain objects at the end; values taken verbatim from
 * a strict decode are already plain objects, so every helper accepts both.
 */

export type PyDict = Map<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Map) && !(value instanceof PyFloat);
}

/** Python `bool(value)`. */
export function pyTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === "") return false;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "bigint") return value !== 0n;
  if (value instanceof PyFloat) return value.value !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof Map) return value.size > 0;
  if (isRecord(value)) return Object.keys(value).length > 0;
  return true;
}

/** An empty str, list or dict (json_repair's "strictly empty"; not 0, None or False). */
export function isStrictlyEmpty(value: unknown): boolean {
  if (value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (value instanceof Map) return value.size === 0;
  return isRecord(value) && Object.keys(value).length === 0;
}

function pyTypeName(value: unknown): string {
  if (value === null) return "NoneType";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "string") return "str";
  if (typeof value === "bigint") return "int";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (value instanceof PyFloat) return "float";
  if (Array.isArray(value)) return "list";
  return "dict";
}

function dictEntries(value: unknown): Map<string, unknown> {
  return value instanceof Map ? value : new Map(Object.entries(value as Record<string, unknown>));
}

/** Same Python types all the way down and the same keys/lengths (values of scalars may differ). */
export function sameShape(a: unknown, b: unknown): boolean {
  const type = pyTypeName(a);
  if (type !== pyTypeName(b)) return false;
  if (type === "list") {
    const left = a as unknown[];
    const right = b as unknown[];
    return left.length === right.length && left.every((item, i) => sameShape(item, right[i]));
  }
  if (type === "dict") {
    const left = dictEntries(a);
    const right = dictEntries(b);
    if (left.size !== right.size) return false;
    for (const [key, item] of left) {
      if (!right.has(key) || !sameShape(item, right.get(key))) return false;
    }
  }
  return true;
}

/** Python `dict.update`: existing keys keep their place, new keys go last. */
export function updateDict(target: PyDict, source: unknown): void {
  for (const [key, item] of dictEntries(source)) target.set(key, item);
}

/** Whether a parsed value is a dict (either representation). */
export function isPyDict(value: unknown): boolean {
  return value instanceof Map || isRecord(value);
}

/** Replaces the parser's `Map`s by plain objects, recursively (the parser's own arrays are changed in place). */
export function toPlain(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === "object" && item !== null) value[i] = toPlain(item);
    }
    return value;
  }
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of value) setOwnProperty(out, key, toPlain(item));
    return out;
  }
  return value;
}
