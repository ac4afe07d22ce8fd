/** The exact value of a finite double as `numerator / 2^shift` (numerator a bigint). */
function exact(x: number): { num: bigint; shift: bigint } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const exponent = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn;
  let e: number;
  if (exponent === 0) e = -1074;
  else {
    mantissa |= 1n << 52n;
    e = exponent - 1075;
  }
  return e >= 0 ? { num: sign * (mantissa << BigInt(e)), shift: 0n } : { num: sign * mantissa, shift: BigInt(-e) };
}

/** Digits of `x` rounded to `digits` decimals, half to even on the exact binary value (Python's rule), as an integer. */
function roundedScaled(x: number, digits: number): bigint {
  const { num, shift } = exact(x);
  const scale = 10n ** BigInt(Math.max(digits, 0));
  const numerator = num * scale;
  const denominator = 1n << shift;
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  let q = abs / denominator;
  const r = abs % denominator;
  if (r * 2n > denominator || (r * 2n === denominator && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

/** Python's `round(x, ndigits)` for floats. */
export function pyRound(x: number, ndigits = 0): number {
  if (!Number.isFinite(x)) return x;
  if (ndigits < 0) {
    const factor = 10 ** -ndigits;
    return pyRound(x / factor, 0) * factor;
  }
  const q = roundedScaled(x, ndigits);
  const value = Number(q) / 10 ** ndigits;
  return value === 0 && (x < 0 || Object.is(x, -0)) ? -0 : value;
}

/** Python's `format(x, ".{digits}f")` / `f"{x:.2f}"`. */
export function pyFormatFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const q = roundedScaled(x, digits);
  const negative = q < 0n || (q === 0n && (x < 0 || Object.is(x, -0)));
  const text = (q < 0n ? -q : q).toString().padStart(digits + 1, "0");
  const body = digits > 0 ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
  return negative ? `-${body}` : body;
}
