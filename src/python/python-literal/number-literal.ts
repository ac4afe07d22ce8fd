import { PythonSyntaxError } from "../../errors/python-syntax-error.js";
import { pyFloat } from "../py-float.js";
import { PyComplex } from "../py-complex.js";
import { PY_INT_MAX_STR_DIGITS, pyIntValue } from "../python-number.js";
import type { Token } from "./python-tokenizer.js";

function isPlainDigits(text: string, end = text.length): boolean {
  for (let k = 0; k < end; k++) {
    const code = text.charCodeAt(k);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** The value of a (tokenizer-validated) Python number literal: int, float or imaginary. */
export function parseNumberToken(token: Token): unknown {
  // Plain decimal digits below 2^53 (all the integers of ordinary replies): no BigInt, no pattern tests.
  if (token.text.length <= 15 && isPlainDigits(token.text)) return Number(token.text);
  // Likewise an imaginary number of plain digits (`2j` in `1+2j`).
  const last = token.text.charCodeAt(token.text.length - 1);
  if ((last === 106 || last === 74) && token.text.length <= 16 && isPlainDigits(token.text, token.text.length - 1)) {
    return new PyComplex(0, Number(token.text.slice(0, -1)));
  }
  const text = token.text.replaceAll("_", "");
  const lower = text.toLowerCase();
  if (lower.endsWith("j")) return new PyComplex(0, Number(text.slice(0, -1)));
  if (/^0[xob]/.test(lower)) return pyIntValue(BigInt(`0${lower.slice(1)}`));
  if (/[.e]/.test(lower)) return pyFloat(Number(text));
  if (text.length > PY_INT_MAX_STR_DIGITS) {
    throw new PythonSyntaxError(
      `Exceeds the limit (${PY_INT_MAX_STR_DIGITS} digits) for integer string conversion: value has ${text.length} digits; ` +
        "use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.",
      { lineno: token.line },
    );
  }
  return pyIntValue(BigInt(text));
}
