import { ArgumentTypeError } from "../errors/argument-type-error.js";
import { IndexError } from "../errors/index-error.js";
import { ValueError } from "../errors/value-error.js";
import { MersenneTwister } from "./mersenne-twister.js";
import { pythonSeedKey, type PythonRandomSeed } from "./python-random-seed.js";

export type { PythonRandomSeed } from "./python-random-seed.js";

/**
 * `PythonRandom.getstate()`'s snapshot, shaped like CPython's `Random.getstate()`: `[3, [624 words, position], gaussNext]`.
 * Plain JSON; Python restores it with `r.setstate((s[0], tuple(s[1]), s[2]))`.
 */
export type PythonRandomState = readonly [version: number, internalState: readonly number[], gaussNext: number | null];

/** Options of `PythonRandom.choices` (Python's `weights=`, `cum_weights=`, `k=`). */
export interface ChoicesOptions {
  weights?: readonly number[];
  cumWeights?: readonly number[];
  /** How many picks, with replacement; default 1. */
  k?: number;
}

/** Options of `PythonRandom.sample` (Python's `counts=`: each element repeated that many times). */
export interface SampleOptions {
  counts?: readonly number[];
}

type IsBig<T> = [T] extends [bigint] ? true : false;
/** The result type of an integer method: `bigint` if any argument is a `bigint`, `number` if all are numbers. */
export type PyIntResult<A, B = number, C = number> = true extends IsBig<A> | IsBig<B> | IsBig<C>
  ? bigint
  : [A | B | C] extends [number] ? number : number | bigint;

const TWO_POW_32 = 2 ** 32;
const SMALL_INT = 2 ** 52; // below this, sums and differences of two integers stay exact

/**
 * CPython 3.11's `random.Random`, bit for bit: the same seed gives the same floats, integers, shuffles, samples and
 * choices as Python, so optimizers pick the same demos and minibatches as DSPy.
 *
 * Integer methods (`randrange`, `randint`, `randbelow`) return a `bigint` when any argument is a `bigint` and a
 * `number` when all are numbers; JavaScript numbers must be safe integers (pass a `bigint` beyond 2^53).
 * `getrandbits` always returns a `bigint`, `getrandbitsNumber` a number (k <= 53). Errors carry CPython's messages:
 * `ValueError`, `IndexError`, and `ArgumentTypeError` where Python raises `TypeError`.
 *
 * @example
 * const rng = new PythonRandom(0);
 * rng.random(); // 0.8444218515250481, as random.Random(0).random()
 * rng.shuffle([1, 2, 3, 4, 5]);
 */
export class PythonRandom {
  private readonly twister = new MersenneTwister();
  private gaussNext: number | null = null;

  /** Seeds like `random.Random(seed)`; without a seed (or `null`), from `crypto.randomFillSync`. */
  constructor(seed?: PythonRandomSeed | null) {
    this.seed(seed);
  }

  /** Reseeds like `random.seed(a, version=2)`. */
  seed(seed?: PythonRandomSeed | null): void {
    this.twister.seedWithKey(pythonSeedKey(seed));
    this.gaussNext = null;
  }

  /** A float in [0, 1) with 53 random bits. */
  random(): number {
    const high = this.twister.nextUint32() >>> 5;
    const low = this.twister.nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** A non-negative integer with `k` random bits, as a `bigint`. */
  getrandbits(k: number): bigint {
    checkBitCount(k, "getrandbits");
    return k <= 53 ? BigInt(this.bits(k)) : this.bitsBig(k);
  }

  /** `getrandbits(k)` as a number, for `k <= 53`; consumes the generator exactly as `getrandbits(k)` does. */
  getrandbitsNumber(k: number): number {
    checkBitCount(k, "getrandbitsNumber");
    if (k > 53) {
      throw new ValueError(`getrandbitsNumber(k) returns a number, so k must be at most 53, got ${k}; use getrandbits(k) for a bigint.`);
    }
    return this.bits(k);
  }

  /** A random integer in [0, n) for n > 0: CPython's `_randbelow_with_getrandbits`. */
  randbelow<N extends number | bigint>(n: N): PyIntResult<N>;
  randbelow(n: number | bigint): number | bigint {
    if (typeof n === "bigint") {
      if (n > 0n) return this.belowBig(n);
    } else if (Number.isInteger(n) && n > 0) {
      return this.below(checkSafe(n, "randbelow"));
    }
    throw new ValueError(`randbelow(n) needs a positive integer n, got ${String(n)}.`);
  }

  /** An integer from `range(stop)` or `range(start, stop, step)`, like Python's `randrange`. */
  randrange<A extends number | bigint, B extends number | bigint = number, C extends number | bigint = number>(
    start: A,
    stop?: B,
    step?: C,
  ): PyIntResult<A, B, C>;
  randrange(start: number | bigint, stop?: number | bigint, step?: number | bigint): number | bigint {
    if (step === undefined && typeof start === "number" && isSmallInt(start)) {
      if (stop === undefined) {
        if (start > 0) return this.below(start);
        throw new ValueError("empty range for randrange()");
      }
      if (typeof stop === "number" && isSmallInt(stop)) {
        const width = stop - start;
        if (width > 0) return start + this.below(width);
        throw new ValueError(`empty range for randrange() (${start}, ${stop}, ${width})`);
      }
    }
    const asBig = typeof start === "bigint" || typeof stop === "bigint" || typeof step === "bigint";
    return this.randrangeExact(start, stop, step, asBig);
  }

  /** An integer in [a, b], both ends included: `randrange(a, b + 1)`. */
  randint<A extends number | bigint, B extends number | bigint>(a: A, b: B): PyIntResult<A, B>;
  randint(a: number | bigint, b: number | bigint): number | bigint {
    if (typeof a === "number" && typeof b === "number" && isSmallInt(a) && isSmallInt(b)) return this.randrange(a, b + 1);
    const asBig = typeof a === "bigint" || typeof b === "bigint";
    return this.randrangeExact(toInt(a, "arg 1"), toInt(b, "stop") + 1n, undefined, asBig);
  }

  /** A random element of a non-empty array. */
  choice<T>(seq: readonly T[]): T {
    if (seq.length === 0) throw new IndexError("Cannot choose from an empty sequence");
    return seq[this.below(seq.length)] as T;
  }

  /** Shuffles `array` in place, as Python's `shuffle`, and returns it. */
  shuffle<T>(array: T[]): T[] {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      const held = array[i] as T;
      array[i] = array[j] as T;
      array[j] = held;
    }
    return array;
  }

  /** `k` distinct elements (by position) picked without replacement, in selection order. */
  sample<T>(population: readonly T[], k: number, options: SampleOptions = {}): T[] {
    const { counts } = options;
    if (counts === undefined) return this.sampleIndices(population.length, k).map((i) => population[i] as T);
    const cumulative = accumulate(counts);
    if (cumulative.length !== population.length) throw new ValueError("The number of counts does not match the population");
    if (!counts.every((count) => Number.isInteger(count))) throw new ArgumentTypeError("Counts must be integers");
    const total = cumulative.pop() as number;
    if (total <= 0) throw new ValueError("Total of counts must be greater than zero");
    checkSafe(total, "sample");
    return this.sampleIndices(total, k).map((s) => population[bisectRight(cumulative, s, 0, cumulative.length)] as T);
  }

  /** `k` elements picked with replacement, optionally weighted (relative `weights` or cumulative `cumWeights`). */
  choices<T>(population: readonly T[], options: ChoicesOptions = {}): T[] {
    const { weights, k = 1 } = options;
    if (!Number.isInteger(k)) throw new ArgumentTypeError(`choices() k must be an integer, got ${String(k)}.`);
    const n = population.length;
    const picks: T[] = [];
    let cumWeights = options.cumWeights;
    if (cumWeights === undefined) {
      if (weights === undefined) {
        for (let i = 0; i < k; i++) picks.push(at(population, Math.floor(this.random() * n)));
        return picks;
      }
      checkNumbers(weights);
      cumWeights = accumulate(weights);
    } else if (weights !== undefined) {
      throw new ArgumentTypeError("Cannot specify both weights and cumulative weights");
    } else {
      checkNumbers(cumWeights);
    }
    if (cumWeights.length !== n) throw new ValueError("The number of weights does not match the population");
    if (n === 0) throw new IndexError("list index out of range");
    const total = cumWeights[n - 1] as number;
    if (total <= 0) throw new ValueError("Total of weights must be greater than zero");
    if (!Number.isFinite(total)) throw new ValueError("Total of weights must be finite");
    for (let i = 0; i < k; i++) picks.push(population[bisectRight(cumWeights, this.random() * total, 0, n - 1)] as T);
    return picks;
  }

  /** A float between `a` and `b`: `a + (b - a) * random()`. */
  uniform(a: number, b: number): number {
    return a + (b - a) * this.random();
  }

  /** `n` random bytes: `getrandbits(n * 8)` in little-endian order. */
  randbytes(n: number): Uint8Array {
    if (!Number.isInteger(n)) throw new ArgumentTypeError(`randbytes() needs an integer count, got ${String(n)}.`);
    checkBitCount(n * 8, "randbytes");
    const bytes = new Uint8Array(n);
    for (let offset = 0; offset < n; offset += 4) {
      const count = Math.min(4, n - offset);
      const word = this.twister.nextUint32() >>> (32 - 8 * count);
      for (let b = 0; b < count; b++) bytes[offset + b] = (word >>> (8 * b)) & 0xff;
    }
    return bytes;
  }

  /** A JSON-serialisable snapshot of the generator, shaped like CPython's `getstate()`. */
  getstate(): PythonRandomState {
    return [3, this.twister.exportState(), this.gaussNext];
  }

  /** Restores a snapshot from `getstate()` (here or, converted to JSON, from CPython). */
  setstate(state: PythonRandomState): void {
    const [version, internal, gaussNext] = state;
    if (version !== 3 && version !== 2) {
      throw new ValueError(`state with version ${String(version)} passed to Random.setstate() of version 3`);
    }
    if (!Array.isArray(internal) || internal.length !== 625) throw new ValueError("state vector is the wrong size");
    if (gaussNext !== null && typeof gaussNext !== "number") throw new ArgumentTypeError("gaussNext must be a number or null.");
    // Version 2 stored the words as signed integers.
    const words = version === 2 ? internal.map((x: number) => ((x % TWO_POW_32) + TWO_POW_32) % TWO_POW_32) : internal;
    this.twister.importState(words.slice(0, 624), words[624] as number);
    this.gaussNext = gaussNext;
  }

  private randrangeExact(start: unknown, stop: unknown, step: unknown, asBig: boolean): number | bigint {
    const result = (value: bigint) => (asBig ? value : Number(value));
    const istart = toInt(start, "arg 1");
    if (stop === undefined) {
      if (step !== undefined && toInt(step, "step") !== 1n) throw new ArgumentTypeError("Missing a non-None stop argument");
      if (istart > 0n) return result(this.belowBig(istart));
      throw new ValueError("empty range for randrange()");
    }
    const istop = toInt(stop, "stop");
    const width = istop - istart;
    const istep = step === undefined ? 1n : toInt(step, "step");
    if (istep === 1n) {
      if (width > 0n) return result(istart + this.belowBig(width));
      throw new ValueError(`empty range for randrange() (${istart}, ${istop}, ${width})`);
    }
    let n: bigint;
    if (istep > 0n) n = floorDiv(width + istep - 1n, istep);
    else if (istep < 0n) n = floorDiv(width + istep + 1n, istep);
    else throw new ValueError("zero step for randrange()");
    if (n <= 0n) throw new ValueError("empty range for randrange()");
    return result(istart + istep * this.belowBig(n));
  }

  /** Python's `sample` on `range(n)`: the set-or-pool switch decides which picks are made. */
  private sampleIndices(n: number, k: number): number[] {
    if (!Number.isInteger(k)) throw new ArgumentTypeError(`sample() k must be an integer, got ${String(k)}.`);
    if (!(k >= 0 && k <= n)) throw new ValueError("Sample larger than population or is negative");
    const result: number[] = new Array<number>(k);
    let setsize = 21; // CPython's estimate of a small set's size minus an empty list's
    if (k > 5) setsize += 4 ** Math.ceil(Math.log(k * 3) / Math.log(4));
    if (n <= setsize) {
      const pool = Array.from({ length: n }, (_, i) => i);
      for (let i = 0; i < k; i++) {
        const j = this.below(n - i);
        result[i] = pool[j] as number;
        pool[j] = pool[n - i - 1] as number;
      }
    } else {
      const selected = new Set<number>();
      for (let i = 0; i < k; i++) {
        let j = this.below(n);
        while (selected.has(j)) j = this.below(n);
        selected.add(j);
        result[i] = j;
      }
    }
    return result;
  }

  /** `_randbelow` for 0 < n <= Number.MAX_SAFE_INTEGER. */
  private below(n: number): number {
    const k = bitLength(n);
    let r = this.bits(k);
    while (r >= n) r = this.bits(k);
    return r;
  }

  private belowBig(n: bigint): bigint {
    if (n <= BigInt(Number.MAX_SAFE_INTEGER)) return BigInt(this.below(Number(n)));
    const k = n.toString(2).length;
    let r = this.bitsBig(k);
    while (r >= n) r = this.bitsBig(k);
    return r;
  }

  /** `getrandbits(k)` for 0 <= k <= 53: 32-bit words fill from the least significant end; the last is truncated. */
  private bits(k: number): number {
    if (k === 0) return 0;
    if (k <= 32) return this.twister.nextUint32() >>> (32 - k);
    const low = this.twister.nextUint32();
    return (this.twister.nextUint32() >>> (64 - k)) * TWO_POW_32 + low;
  }

  private bitsBig(k: number): bigint {
    let value = 0n;
    for (let shift = 0; shift < k; shift += 32) {
      const word = this.twister.nextUint32() >>> Math.max(0, shift + 32 - k);
      value |= BigInt(word) << BigInt(shift);
    }
    return value;
  }
}

function isSmallInt(value: number): boolean {
  return Number.isInteger(value) && Math.abs(value) < SMALL_INT;
}

function checkSafe(value: number, method: string): number {
  if (!Number.isSafeInteger(value)) {
    throw new ArgumentTypeError(
      `${method}() got ${value}, which is beyond Number.MAX_SAFE_INTEGER and may have lost precision; pass a bigint instead.`,
    );
  }
  return value;
}

/** Python's integer argument conversion in `randrange`, with CPython 3.11's messages for non-integers. */
function toInt(value: unknown, which: "arg 1" | "stop" | "step"): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number") {
    if (!Number.isInteger(value)) throw new ValueError(`non-integer ${which} for randrange()`);
    return BigInt(checkSafe(value, "randrange"));
  }
  throw new ArgumentTypeError(`randrange() needs integer arguments (number or bigint), got ${typeof value} for ${which}.`);
}

function checkBitCount(k: number, method: string): void {
  if (!Number.isInteger(k)) throw new ArgumentTypeError(`${method}() needs an integer count, got ${String(k)}.`);
  if (k < 0) throw new ValueError("number of bits must be non-negative");
}

function checkNumbers(weights: readonly unknown[]): void {
  if (!weights.every((w) => typeof w === "number")) throw new ArgumentTypeError("choices() weights must be numbers.");
}

function bitLength(n: number): number {
  return n < TWO_POW_32 ? 32 - Math.clz32(n) : 64 - Math.clz32(Math.floor(n / TWO_POW_32));
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n) && ((a < 0n) !== (b < 0n)) ? q - 1n : q;
}

function accumulate(values: readonly number[]): number[] {
  let sum = 0;
  return values.map((value, i) => (sum = i === 0 ? value : sum + value));
}

/** Python's `bisect.bisect_right(a, x, lo, hi)`. */
function bisectRight(sorted: readonly number[], x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x < (sorted[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function at<T>(population: readonly T[], index: number): T {
  if (index >= population.length) throw new IndexError("list index out of range");
  return population[index] as T;
}
