import { pyFloatRepr } from "./pyfmt.js";

function part(value: number): string {
  const text = pyFloatRepr(value);
  return text.endsWith(".0") ? text.slice(0, -2) : text;
}

/**
 * A Python `complex` (what `ast.literal_eval("1+2j")` returns); renders like Python's repr.
 *
 * @example
 * pyRepr(new PyComplex(1, 2)) // "(1+2j)"
 */
export class PyComplex {
  constructor(
    readonly real: number,
    readonly imag: number,
  ) {}

  toPyRepr(): string {
    if (this.real === 0 && !Object.is(this.real, -0)) return `${part(this.imag)}j`;
    const negative = this.imag < 0 || Object.is(this.imag, -0);
    return `(${part(this.real)}${negative ? "-" : "+"}${part(Math.abs(this.imag))}j)`;
  }

  toPyStr(): string {
    return this.toPyRepr();
  }
}
