/**
 * A number that Python would hold as a `float` although its value is integral (`1.0`, `1e16`, `-0.0`).
 * JavaScript has one number type; this marker keeps `1.0` rendering as `1.0` (not `1`) in prompts and
 * state files, as Python DSPy renders it. Arithmetic works through `valueOf()`.
 *
 * @example
 * pyStr(new PyFloat(1)) // "1.0"
 */
export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
  toJSON(): number {
    return this.value;
  }
  toString(): string {
    return String(this.value);
  }
}

/** Marks a number as a Python float so that integral values render as `1.0`. */
export function pyFloat(value: number): PyFloat | number {
  return Number.isInteger(value) || Object.is(value, -0) ? new PyFloat(value) : value;
}

/** The plain number behind a value that may be a `PyFloat`. */
export function unwrapNumber(value: unknown): unknown {
  return value instanceof PyFloat ? value.value : value;
}
