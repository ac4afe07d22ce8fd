import { PyComplex } from "../py-complex.js";
import { PY_ELLIPSIS } from "../py-ellipsis.js";
import { PyFloat, pyFloat } from "../py-float.js";
import { pyRepr } from "../pyfmt.js";
import { setOwnProperty } from "../set-own-property.js";

/**
 * Test helper: decodes the tagged JSON the fixture generator (scripts/oracle/*.py) writes for
 * Python values, and compares values with Python's type distinctions.
 *
 * Encoding: JSON null/bool/str as such; an integral JSON number is an int, a non-integral one a
 * float; `{"$int": "digits"}` an int beyond 2**53 - 1; `{"$float": "repr"}` an integral or
 * non-finite float; `{"$dict": [[k, v], ...]}` a dict in order; `{"$tuple": [...]}`, `{"$set": [...]}`,
 * `{"$complex": [re, im]}`, `{"$bytes": "hex"}`, `{"$ellipsis": true}`; `{"$error": "Type", "message"}`
 * an exception.
 */

const PYTHON_KEY_ORDER = Symbol("python key order");

export interface ExpectedError {
  error: string;
  message: string;
}

function floatFromRepr(text: string): number {
  if (text === "nan") return NaN;
  if (text === "inf") return Infinity;
  if (text === "-inf") return -Infinity;
  return Number(text);
}

/** Decodes one tagged value. */
export function decodePyValue(value: unknown): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean" || typeof value === "number") return value;
  if (Array.isArray(value)) return value.map(decodePyValue);
  const tagged = value as Record<string, unknown>;
  if ("$int" in tagged) return BigInt(tagged.$int as string);
  if ("$float" in tagged) return pyFloat(floatFromRepr(tagged.$float as string));
  if ("$tuple" in tagged) return (tagged.$tuple as unknown[]).map(decodePyValue);
  if ("$set" in tagged) return new Set((tagged.$set as unknown[]).map(decodePyValue));
  if ("$dict" in tagged) {
    const entries = (tagged.$dict as [unknown, unknown][]).map(([k, v]) => [decodePyValue(k), decodePyValue(v)] as const);
    if (entries.every(([k]) => typeof k === "string")) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of entries) setOwnProperty(out, k as string, v);
      // Python's key order, which a JS object cannot always keep (integer-like keys go first).
      Object.defineProperty(out, PYTHON_KEY_ORDER, { value: [...new Set(entries.map(([k]) => k as string))] });
      return out;
    }
    return new Map(entries);
  }
  if ("$complex" in tagged) {
    const [re, im] = tagged.$complex as [string, string];
    return new PyComplex(floatFromRepr(re), floatFromRepr(im));
  }
  if ("$bytes" in tagged) return Uint8Array.from(Buffer.from(tagged.$bytes as string, "hex"));
  if ("$ellipsis" in tagged) return PY_ELLIPSIS;
  throw new TypeError(`unknown tagged value ${JSON.stringify(value)}`);
}

/** Decodes an expectation: a value, or the error Python raised. */
export function decodeExpectation(value: unknown): { value: unknown } | ExpectedError {
  if (typeof value === "object" && value !== null && "$error" in value) {
    const tagged = value as { $error: string; message: string };
    return { error: tagged.$error, message: tagged.message };
  }
  return { value: decodePyValue(value) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Equality that keeps Python's distinctions: int vs float (`PyFloat`), `-0.0`, NaN == NaN, and
 * dict key order - `a` (ours) must list keys in `b`'s (Python's) order.
 */
export function pyValuesEqual(a: unknown, b: unknown): boolean {
  if (a instanceof PyFloat || b instanceof PyFloat) {
    return a instanceof PyFloat && b instanceof PyFloat && Object.is(a.value, b.value);
  }
  if (typeof a !== typeof b) return false;
  if (typeof a === "number") return Object.is(a, b);
  if (a === null || typeof a !== "object") return a === b;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => pyValuesEqual(item, b[i]));
  }
  if (a instanceof Set) {
    if (!(b instanceof Set) || a.size !== b.size) return false;
    const rest = [...b];
    return [...a].every((item) => {
      const i = rest.findIndex((other) => pyValuesEqual(item, other));
      if (i < 0) return false;
      rest.splice(i, 1);
      return true;
    });
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    const left = [...a];
    const right = [...b];
    return left.every(([k, v], i) => pyValuesEqual(k, right[i]?.[0]) && pyValuesEqual(v, right[i]?.[1]));
  }
  if (a instanceof PyComplex) {
    return b instanceof PyComplex && Object.is(a.real, b.real) && Object.is(a.imag, b.imag);
  }
  if (a instanceof Uint8Array) {
    return b instanceof Uint8Array && a.length === b.length && a.every((x, i) => x === b[i]);
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    const kb = (b as { [PYTHON_KEY_ORDER]?: string[] })[PYTHON_KEY_ORDER] ?? Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && pyValuesEqual(a[k], b[k]));
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A short rendering for failure messages (Python repr plus the float marker). */
export function showPyValue(value: unknown): string {
  try {
    return pyRepr(value);
  } catch {
    return String(value);
  }
}
