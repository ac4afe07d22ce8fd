import { PyFloat, pyFloat } from "../../python/py-float.js";
import { pyRepr } from "../../python/pyfmt.js";
import type { LiteralValue } from "../../signatures/type-node.js";
import { EXACT, fail, LAX, ok, STRICT, type Outcome } from "./outcome.js";
import { pyInt } from "./py-value-kind.js";

/** A Python number: an int (exact, as bigint) or a float; null for anything else (bools included). */
type PyNumber = { readonly int: bigint } | { readonly float: number } | null;

function pyNumber(value: unknown): PyNumber {
  if (typeof value === "bigint") return { int: value };
  if (typeof value === "number") return Number.isInteger(value) && !Object.is(value, -0) ? { int: BigInt(value) } : { float: value };
  if (value instanceof PyFloat) return { float: value.value };
  return null;
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const TWO_63 = 2 ** 63;

const INT_TEXT = /^[+-]?\d+(?:_\d+)*(?:\.0+)?$/;
const FLOAT_TEXT = /^[+-]?(?:inf|infinity|nan|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)$/i;

/** Rust's `str::trim` (Unicode White_Space), which pydantic-core applies to numeric strings. */
function trimUnicode(text: string): string {
  return text.replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g, "");
}

/** Underscores are allowed only between digits (Python's numeric literal rule); returns the text without them. */
function stripUnderscores(text: string): string | null {
  if (!text.includes("_")) return text;
  if (/(^|[^0-9])_|_([^0-9]|$)/.test(text)) return null;
  return text.replaceAll("_", "");
}

function floatToInt(input: unknown, f: number): Outcome {
  if (!Number.isFinite(f)) return fail("finite_number", "Input should be a finite number", input);
  if (!Number.isInteger(f)) return fail("int_from_float", "Input should be a valid integer, got a number with a fractional part", input);
  if (f >= TWO_63 || f < -TWO_63) return fail("int_parsing_size", "Unable to parse input string as an integer, exceeded maximum size", input);
  return ok(pyInt(BigInt(f)), LAX);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** pydantic-core reads a Python str as UTF-8 before parsing a number or bool from it: lone surrogates fail that. */
function unicodeFailure(input: string): Outcome | null {
  return LONE_SURROGATE.test(input) ? fail("string_unicode", "Input should be a valid string, unable to parse raw data as a unicode string", input) : null;
}

/** CPython's (and pydantic-core's) limit on the digits of an int read from a decimal string. */
const INT_MAX_STR_DIGITS = 4300;

/** pydantic's lax `int`: ints, bools, integral floats, numeric strings (`" 42 "`, `"1_000"`, `"1.0"`). */
export function validateInt(input: unknown): Outcome {
  // The common case, an int below 2^53 (what `pyInt` would give back), without going through a bigint.
  if (typeof input === "number" && Number.isSafeInteger(input) && !Object.is(input, -0)) return ok(input, EXACT);
  if (typeof input === "boolean") return ok(input ? 1 : 0, LAX);
  const n = pyNumber(input);
  if (n && "int" in n) return ok(pyInt(n.int), EXACT);
  if (n && "float" in n) return floatToInt(input, n.float);
  if (typeof input === "string") {
    const unicode = unicodeFailure(input);
    if (unicode) return unicode;
    const text = trimUnicode(input);
    if (INT_TEXT.test(text)) {
      const digits = (text.split(".")[0] as string).replaceAll("_", "");
      if (digits.replace(/^[+-]/, "").length > INT_MAX_STR_DIGITS) {
        return fail("int_parsing_size", "Unable to parse input string as an integer, exceeded maximum size", input);
      }
      return ok(pyInt(BigInt(digits)), LAX);
    }
    return fail("int_parsing", "Input should be a valid integer, unable to parse string as an integer", input);
  }
  return fail("int_type", "Input should be a valid integer", input);
}

/** pydantic's lax `float`: floats, ints, bools, numeric strings (`"1e3"`, `"1_000.5"`, `"inf"`). */
export function validateFloat(input: unknown): Outcome {
  if (typeof input === "boolean") return ok(pyFloat(input ? 1 : 0), LAX);
  const n = pyNumber(input);
  if (n && "float" in n) return ok(pyFloat(n.float), EXACT);
  if (n && "int" in n) return ok(pyFloat(Number(n.int)), STRICT);
  if (typeof input === "string") {
    const unicode = unicodeFailure(input);
    if (unicode) return unicode;
    const text = stripUnderscores(trimUnicode(input));
    if (text !== null && FLOAT_TEXT.test(text)) {
      const lower = text.toLowerCase().replace(/^\+/, "");
      const value = lower.endsWith("nan") ? NaN : lower.endsWith("inf") || lower.endsWith("infinity") ? (lower.startsWith("-") ? -Infinity : Infinity) : Number(text);
      return ok(pyFloat(value), LAX);
    }
    return fail("float_parsing", "Input should be a valid number, unable to parse string as a number", input);
  }
  return fail("float_type", "Input should be a valid number", input);
}

const TRUE_TEXT = new Set(["1", "on", "t", "true", "y", "yes"]);
const FALSE_TEXT = new Set(["0", "off", "f", "false", "n", "no"]);

function boolParsing(input: unknown): Outcome {
  return fail("bool_parsing", "Input should be a valid boolean, unable to interpret input", input);
}

/** pydantic's lax `bool`: bools, 0/1, integral floats 0/1, and `true/yes/on/t/y/1` (and negatives) in any case. */
export function validateBool(input: unknown): Outcome {
  if (typeof input === "boolean") return ok(input, EXACT);
  const n = pyNumber(input);
  let int: bigint | null = null;
  if (n && "int" in n) int = n.int;
  else if (n && "float" in n && Number.isInteger(n.float) && n.float < TWO_63 && n.float >= -TWO_63) int = BigInt(n.float);
  if (int !== null) {
    if (int < I64_MIN || int > I64_MAX) return fail("bool_type", "Input should be a valid boolean", input);
    return int === 0n ? ok(false, LAX) : int === 1n ? ok(true, LAX) : boolParsing(input);
  }
  if (typeof input === "string") {
    const unicode = unicodeFailure(input);
    if (unicode) return unicode;
    const lower = input.toLowerCase();
    return TRUE_TEXT.has(lower) ? ok(true, LAX) : FALSE_TEXT.has(lower) ? ok(false, LAX) : boolParsing(input);
  }
  return fail("bool_type", "Input should be a valid boolean", input);
}

/** pydantic's lax `str`: strings (bytes decoded as UTF-8). */
export function validateStr(input: unknown): Outcome {
  if (typeof input === "string") return ok(input, EXACT);
  if (input instanceof Uint8Array) return ok(new TextDecoder().decode(input), LAX);
  return fail("string_type", "Input should be a valid string", input);
}

/** pydantic's lax `bytes`: bytes, or strings encoded as UTF-8. */
export function validateBytes(input: unknown): Outcome {
  if (input instanceof Uint8Array) return ok(input, EXACT);
  if (typeof input === "string") return ok(new TextEncoder().encode(input), LAX);
  return fail("bytes_type", "Input should be a valid bytes", input);
}

/** `None`. */
export function validateNone(input: unknown): Outcome {
  return input === null || input === undefined ? ok(null, EXACT) : fail("none_required", "Input should be None", input);
}

/** Python equality of two scalars (`1 == 1.0 == True`, strings by value). */
export function pyScalarEquals(a: unknown, b: unknown): boolean {
  if (typeof a === "string" || typeof b === "string") return a === b;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  const num = (v: unknown) => (typeof v === "boolean" ? (v ? 1 : 0) : v instanceof PyFloat ? v.value : v);
  const x = num(a);
  const y = num(b);
  if (typeof x === "bigint" || typeof y === "bigint") {
    try {
      return BigInt(x as number | bigint) === BigInt(y as number | bigint);
    } catch {
      return false;
    }
  }
  return x === y;
}

/** pydantic's "Input should be 'a', 'b' or 'c'" list of expected values. */
export function expectedText(values: readonly unknown[]): string {
  const reprs = values.map((v) => pyRepr(v));
  return reprs.length <= 1 ? (reprs[0] ?? "") : `${reprs.slice(0, -1).join(", ")} or ${reprs[reprs.length - 1]}`;
}

/**
 * pydantic-core's literal lookup (also used for enums): strings match strings exactly, numbers and bools by
 * Python equality (`1 == 1.0 == True`); the expected value is returned. An int beyond 64 bits checked against
 * int literals is an `int_parsing_size` error, as in pydantic-core. `expectedList` gives the "'a', 'b' or 'c'" text
 * (a caller that checks many values against one type works it out once).
 */
export function matchLiteral(
  input: unknown,
  expected: readonly LiteralValue[],
  errorType: "literal_error" | "enum",
  expectedList: () => string = () => expectedText(expected),
): { ok: true; index: number } | { ok: false; outcome: Outcome } {
  const hasInts = expected.some((v) => typeof v === "number" && Number.isInteger(v));
  const n = pyNumber(input);
  if (hasInts && n && "int" in n && (n.int < I64_MIN || n.int > I64_MAX)) {
    return { ok: false, outcome: fail("int_parsing_size", "Unable to parse input string as an integer, exceeded maximum size", input) };
  }
  const index = typeof input === "string" || typeof input === "boolean" || n !== null || input === null
    ? expected.findIndex((v) => pyScalarEquals(v, input))
    : -1;
  if (index >= 0) return { ok: true, index };
  return { ok: false, outcome: fail(errorType, `Input should be ${expectedList()}`, input) };
}
