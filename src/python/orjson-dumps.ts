import { ValueError } from "../errors/value-error.js";
import { pyJsonDumps } from "./pyfmt.js";

const U64_MAX = 18446744073709551615n;
const I64_MIN = -9223372036854775808n;

/**
 * orjson's float text (3.8, as used by the DSPy oracle here): shortest digits, fixed notation for decimal exponents
 * in [-5, 16), otherwise `1e-7` / `1e16` (no `+`, no zero padding).
 */
export function orjsonFloat(value: number): string {
  if (!Number.isFinite(value)) return "null";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const sign = value < 0 ? "-" : "";
  const [mantissa, exp] = Math.abs(value).toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  const e = Number(exp);
  if (e < -5 || e >= 16) return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ""}e${e}`;
  if (e < 0) return `${sign}0.${"0".repeat(-e - 1)}${digits}`;
  if (digits.length <= e + 1) return `${sign}${digits}${"0".repeat(e + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
}

/** An integer orjson cannot write (beyond 64 bits); DSPy surfaces orjson's message. */
export class IntegerRangeError extends ValueError {
  constructor() {
    super("Integer exceeds 64-bit range");
    this.name = "IntegerRangeError";
  }
}

function checkInteger(value: number | bigint): void {
  const big = typeof value === "bigint" ? value : BigInt(value);
  if (big > U64_MAX || big < I64_MIN) throw new IntegerRangeError();
}

/**
 * `orjson.dumps(value, option=OPT_INDENT_2 | OPT_APPEND_NEWLINE)`: how DSPy writes state files — 2-space indent,
 * non-ASCII as is, a trailing newline, orjson's float format; integers beyond 64 bits are refused.
 */
export function orjsonDumpsIndent2(value: unknown): string {
  return pyJsonDumps(value, { indent: 2, ensureAscii: false, formatFloat: orjsonFloat, checkInteger }) + "\n";
}
