import { pyFloat, type PyFloat } from "./py-float.js";

/**
 * Python numbers in tsdspy's value model: an `int` is a JS number while |n| <= 2**53 - 1 and a
 * `bigint` beyond; a `float` is a JS number, or a `PyFloat` when integral (`1.0`, `1e16`, `-0.0`).
 */
export type PyNumber = number | bigint | PyFloat;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** CPython's default `sys.get_int_max_str_digits()`: longer decimal strings raise `ValueError`. */
export const PY_INT_MAX_STR_DIGITS = 4300;

const DECIMAL_INT = /^[+-]?\d+$/;
const DECIMAL_FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A Python int as tsdspy holds it: a number when it is a safe integer, else a bigint. */
export function pyIntValue(value: bigint): number | bigint {
  return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : value;
}

/** Python `int(text)` for plain decimal text (sign and digits only); `undefined` where Python raises. */
export function parsePyInt(text: string): number | bigint | undefined {
  if (!DECIMAL_INT.test(text)) return undefined;
  const digits = text[0] === "-" || text[0] === "+" ? text.length - 1 : text.length;
  if (digits > PY_INT_MAX_STR_DIGITS) return undefined;
  if (digits < 16) {
    const n = Number(text);
    return n === 0 ? 0 : n;
  }
  return pyIntValue(BigInt(text));
}

/** Python `float(text)` for decimal text (no `inf`/`nan` words); `undefined` where Python raises. */
export function parsePyFloat(text: string): number | PyFloat | undefined {
  if (!DECIMAL_FLOAT.test(text)) return undefined;
  return pyFloat(Number(text));
}
