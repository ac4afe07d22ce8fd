import { ValueError } from "../errors/value-error.js";

const MASK32 = 0xffffffffn;
const MASK64 = (1n << 64n) - 1n;
const MASK128 = (1n << 128n) - 1n;
const PCG_MULTIPLIER = 0x2360ed051fc65da44385df649fccf645n;

// SeedSequence's hashing constants (numpy/random/bit_generator.pyx).
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const POOL_SIZE = 4;

const mul32 = (a: number, b: number) => Math.imul(a, b) >>> 0;

/** An integer seed as little-endian 32-bit words (NumPy's `_coerce_to_uint32_array`); 0 is `[0]`. */
function seedWords(seed: number | bigint): number[] {
  let value = BigInt(seed);
  if (value < 0n) throw new ValueError(`NumPy seeds must be non-negative, got ${String(seed)}.`);
  const words: number[] = [];
  do {
    words.push(Number(value & MASK32));
    value >>= 32n;
  } while (value > 0n);
  return words;
}

/** NumPy's `SeedSequence(seed).generate_state(words)` as 32-bit words. */
export function seedSequenceState(seed: number | bigint, words: number): number[] {
  const entropy = seedWords(seed);
  let hashConst = INIT_A;
  const hashmix = (input: number) => {
    let value = (input ^ hashConst) >>> 0;
    hashConst = mul32(hashConst, MULT_A);
    value = mul32(value, hashConst);
    return (value ^ (value >>> 16)) >>> 0;
  };
  const mix = (x: number, y: number) => {
    const result = (mul32(MIX_MULT_L, x) - mul32(MIX_MULT_R, y)) >>> 0;
    return (result ^ (result >>> 16)) >>> 0;
  };
  const pool = Array.from({ length: POOL_SIZE }, (_, i) => hashmix(entropy[i] ?? 0));
  for (let src = 0; src < POOL_SIZE; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) if (src !== dst) pool[dst] = mix(pool[dst] as number, hashmix(pool[src] as number));
  }
  for (let src = POOL_SIZE; src < entropy.length; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst] as number, hashmix(entropy[src] as number));
  }
  let outConst = INIT_B;
  const state: number[] = [];
  for (let i = 0; i < words; i++) {
    let value = ((pool[i % POOL_SIZE] as number) ^ outConst) >>> 0;
    outConst = mul32(outConst, MULT_B);
    value = mul32(value, outConst);
    state.push((value ^ (value >>> 16)) >>> 0);
  }
  return state;
}

/** `log Γ(x)` as NumPy's `random_loggam` computes it (Stirling series with 10 terms, shifted below 7). */
function loggam(x: number): number {
  const a = [
    8.333333333333333e-2, -2.777777777777778e-3, 7.936507936507937e-4, -5.952380952380952e-4, 8.417508417508418e-4, -1.917526917526918e-3,
    6.41025641025641e-3, -2.955065359477124e-2, 1.796443723688307e-1, -1.3924322169059,
  ];
  if (x === 1.0 || x === 2.0) return 0.0;
  const n = x < 7.0 ? Math.trunc(7 - x) : 0;
  let x0 = x + n;
  const x2 = (1.0 / x0) * (1.0 / x0);
  let gl0 = a[9] as number;
  for (let k = 8; k >= 0; k--) {
    gl0 *= x2;
    gl0 += a[k] as number;
  }
  let gl = gl0 / x0 + 0.5 * 1.8378770664093453 + (x0 - 0.5) * Math.log(x0) - x0;
  if (x < 7.0) {
    for (let k = 1; k <= n; k++) {
      gl -= Math.log(x0 - 1.0);
      x0 -= 1.0;
    }
  }
  return gl;
}

/**
 * NumPy's `np.random.default_rng(seed)` (a `Generator` on `PCG64` seeded through `SeedSequence`), for the draws
 * DSPy's optimizers make with it: `random()` and `poisson(lam)` give NumPy's numbers for the same seed. SIMBA uses
 * it to decide how many demos to drop.
 *
 * @example
 * new NumpyGenerator(0).random(); // 0.6369616873214543, as np.random.default_rng(0).random()
 */
export class NumpyGenerator {
  private state: bigint;
  private increment: bigint;

  constructor(seed: number | bigint) {
    const words = seedSequenceState(seed, 8);
    const u64 = (i: number) => (BigInt(words[2 * i + 1] as number) << 32n) | BigInt(words[2 * i] as number);
    const initState = (u64(0) << 64n) | u64(1);
    const initSeq = (u64(2) << 64n) | u64(3);
    this.increment = ((initSeq << 1n) | 1n) & MASK128;
    this.state = 0n;
    this.step();
    this.state = (this.state + initState) & MASK128;
    this.step();
  }

  /** The generator's state (PCG64's 128-bit state and increment, as hex), for checkpoints. */
  getstate(): { state: string; inc: string } {
    return { state: this.state.toString(16), inc: this.increment.toString(16) };
  }

  /** Restores a state from `getstate()`. */
  setstate(saved: { state: string; inc: string }): void {
    this.state = BigInt(`0x${saved.state}`) & MASK128;
    this.increment = BigInt(`0x${saved.inc}`) & MASK128;
  }

  /** The next 64 random bits (PCG64's XSL-RR output). */
  nextUint64(): bigint {
    this.step();
    const high = this.state >> 64n;
    const low = this.state & MASK64;
    const xored = (high ^ low) & MASK64;
    const rotation = Number(this.state >> 122n);
    return ((xored >> BigInt(rotation)) | (xored << BigInt((64 - rotation) & 63))) & MASK64;
  }

  /** A float in [0, 1) with 53 random bits (`Generator.random()`). */
  random(): number {
    return Number(this.nextUint64() >> 11n) / 9007199254740992;
  }

  /** A Poisson draw (`Generator.poisson(lam)`): multiplication below 10, PTRS rejection from 10. */
  poisson(lam: number): number {
    if (!(lam >= 0) || !Number.isFinite(lam)) throw new ValueError(`lam must be a non-negative finite number, got ${lam}.`);
    if (lam >= 10) return this.poissonPtrs(lam);
    if (lam === 0) return 0;
    const enlam = Math.exp(-lam);
    let x = 0;
    let product = 1.0;
    for (;;) {
      product *= this.random();
      if (product > enlam) x += 1;
      else return x;
    }
  }

  private poissonPtrs(lam: number): number {
    const slam = Math.sqrt(lam);
    const loglam = Math.log(lam);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.random() - 0.5;
      const v = this.random();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lam + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lam + k * loglam - loggam(k + 1)) return k;
    }
  }

  private step(): void {
    this.state = (this.state * PCG_MULTIPLIER + this.increment) & MASK128;
  }
}

/**
 * `np.percentile(values, q)` with NumPy's default linear interpolation between the two nearest ranks.
 *
 * @example
 * percentile([1, 2, 3, 4], 10); // 1.3
 */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new ValueError("percentile of an empty sequence");
  const sorted = [...values].sort((x, y) => x - y);
  const position = (q / 100) * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  const fraction = position - lower;
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  // NumPy's _lerp: a + (b - a) * t, computed from the upper end when t >= 0.5.
  const diff = high - low;
  return fraction >= 0.5 ? high - diff * (1 - fraction) : low + diff * fraction;
}
