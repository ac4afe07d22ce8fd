import { ValueError } from "../errors/value-error.js";

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/**
 * The MT19937 generator (Matsumoto & Nishimura, 1998) with the seeding routines CPython's `random` module uses:
 * `init_genrand` and `init_by_array`. Produces the same 32-bit words as CPython for the same key.
 */
export class MersenneTwister {
  private readonly mt = new Uint32Array(N);
  private index = N + 1;

  /** Seeds from a 32-bit integer (the reference `init_genrand`). */
  seedWithInteger(seed: number): void {
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]!;
      mt[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
    }
    this.index = N;
  }

  /** Seeds from a key of 32-bit words, least significant word first (the reference `init_by_array`). */
  seedWithKey(key: ArrayLike<number>): void {
    if (key.length === 0) throw new ValueError("MersenneTwister.seedWithKey needs at least one 32-bit word; pass [0] for zero.");
    this.seedWithInteger(19650218);
    const mt = this.mt;
    let i = 1;
    let j = 0;
    for (let remaining = Math.max(N, key.length); remaining > 0; remaining--) {
      const prev = mt[i - 1]!;
      mt[i] = ((mt[i]! ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + (key[j]! >>> 0) + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let remaining = N - 1; remaining > 0; remaining--) {
      const prev = mt[i - 1]!;
      mt[i] = ((mt[i]! ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    mt[0] = UPPER_MASK; // guarantees a non-zero state
    this.index = N;
  }

  /** The next 32-bit output word, as an unsigned integer. */
  nextUint32(): number {
    if (this.index >= N) this.twist();
    let y = this.mt[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** The 624 state words followed by the position, as CPython's `Random.getstate()[1]` lists them. */
  exportState(): number[] {
    return [...this.mt, this.index];
  }

  /** Restores a state from `exportState()`; values must be 624 unsigned 32-bit words and a position in 0..624. */
  importState(words: readonly number[], position: number): void {
    if (words.length !== N) throw new ValueError("state vector is the wrong size");
    if (!Number.isInteger(position) || position < 0 || position > N) throw new ValueError("invalid state");
    if (words.some((word) => !Number.isInteger(word) || word < 0 || word > 0xffffffff)) throw new ValueError("invalid state");
    this.mt.set(words);
    this.index = position;
  }

  private twist(): void {
    if (this.index === N + 1) this.seedWithInteger(5489); // never seeded: the reference default
    const mt = this.mt;
    for (let k = 0; k < N; k++) {
      const y = (mt[k]! & UPPER_MASK) | (mt[(k + 1) % N]! & LOWER_MASK);
      mt[k] = mt[(k + M) % N]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    this.index = 0;
  }
}
