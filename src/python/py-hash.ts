import { PyFloat } from "./py-float.js";

/** CPython's `sys.hash_info.modulus`: 2**61 - 1. */
const MODULUS = (1n << 61n) - 1n;
const BITS = 61n;
const INF_HASH = 314159n;

/** `hash(n)` of a Python int: the residue modulo 2**61 - 1 with n's sign, -1 becoming -2. */
function hashInt(n: bigint): bigint {
  const magnitude = (n < 0n ? -n : n) % MODULUS;
  const h = n < 0n ? -magnitude : magnitude;
  return h === -1n ? -2n : h;
}

/** `hash(x)` of a finite Python float (CPython's `_Py_HashDouble`): an integral float hashes like the int. */
function hashFloat(x: number): bigint {
  if (Number.isInteger(x)) return hashInt(BigInt(x));
  const sign = x < 0 ? -1n : 1n;
  let m = Math.abs(x);
  // frexp: m in [0.5, 1), x = m * 2**e.
  let e = Math.floor(Math.log2(m)) + 1;
  m = m / 2 ** e;
  while (m >= 1) {
    m /= 2;
    e++;
  }
  while (m < 0.5) {
    m *= 2;
    e--;
  }
  let h = 0n;
  while (m !== 0) {
    h = ((h << 28n) & MODULUS) | (h >> (BITS - 28n));
    m *= 268435456;
    e -= 28;
    const y = Math.floor(m);
    m -= y;
    h += BigInt(y);
    if (h >= MODULUS) h -= MODULUS;
  }
  const shift = BigInt(e >= 0 ? e % 61 : 60 - ((-1 - e) % 61));
  h = ((h << shift) & MODULUS) | (h >> (BITS - shift));
  h *= sign;
  return h === -1n ? -2n : h;
}

/**
 * `hash(value)` as CPython 3.11 computes it, for the values whose hash does not depend on the process: ints (numbers
 * with an integral value, bigints), bools and finite or infinite floats (`PyFloat` or non-integral numbers). Strings
 * (salted per process by `PYTHONHASHSEED`), `None` and NaN (hashed by identity) and everything else give `undefined`.
 */
export function pyHash(value: unknown): bigint | undefined {
  if (typeof value === "boolean") return value ? 1n : 0n;
  if (typeof value === "bigint") return hashInt(value);
  const x = value instanceof PyFloat ? value.value : value;
  if (typeof x !== "number" || Number.isNaN(x)) return undefined;
  if (!Number.isFinite(x)) return x > 0 ? INF_HASH : -INF_HASH;
  return hashFloat(x);
}
