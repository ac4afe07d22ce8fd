import { createHash } from "node:crypto";
import { ValueError } from "../errors/value-error.js";

/** A small deterministic PRNG: sha256 of a seed string and a counter, 32 bits at a time. */
export class SeededRandom {
  private counter = 0;
  private pool: number[] = [];

  constructor(private readonly seed: string) {}

  /** A float in [0, 1). */
  next(): number {
    if (this.pool.length === 0) {
      const digest = createHash("sha256").update(`${this.seed}\u0000${this.counter++}`).digest();
      for (let i = 0; i < 32; i += 4) this.pool.push(digest.readUInt32BE(i));
    }
    return (this.pool.shift() as number) / 2 ** 32;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new ValueError("SeededRandom.pick needs at least one item; check the list is not empty before picking.");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A child generator for a named sub-decision, independent of how many draws the parent made. */
  fork(label: string): SeededRandom {
    return new SeededRandom(`${this.seed}/${label}`);
  }
}
