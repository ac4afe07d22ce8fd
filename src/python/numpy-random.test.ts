import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NumpyGenerator, percentile, seedSequenceState } from "./numpy-random.js";

/** NumPy's own answers (`__fixtures__/numpy-random.gen.py`). */
const fixture = JSON.parse(readFileSync(new URL("./__fixtures__/numpy-random.json", import.meta.url), "utf8")) as {
  floats: Array<{ seed: string; values: number[] }>;
  poisson: Array<{ seed: number; lams: number[]; draws: number[]; after: number }>;
  percentile: Array<{ values: number[]; p10: number; p90: number }>;
};

describe("NumpyGenerator (np.random.default_rng)", () => {
  it("seeds through SeedSequence like NumPy", () => {
    const words = seedSequenceState(0, 8);
    const u64 = (i: number) => (BigInt(words[2 * i + 1]!) << 32n) | BigInt(words[2 * i]!);
    expect([0, 1, 2, 3].map(u64)).toEqual([15793235383387715774n, 12390638538380655177n, 2361836109651742017n, 3188717715514472916n]);
  });

  it("draws NumPy's floats for any integer seed", () => {
    for (const { seed, values } of fixture.floats) {
      const g = new NumpyGenerator(BigInt(seed));
      expect(values.map(() => g.random())).toEqual(values);
    }
  });

  it("draws NumPy's Poisson numbers below and above lam = 10", () => {
    for (const c of fixture.poisson) {
      const g = new NumpyGenerator(c.seed);
      expect(c.lams.map((lam) => g.poisson(lam))).toEqual(c.draws);
      expect(g.random()).toBe(c.after);
    }
  });

  it("saves and restores its state", () => {
    const g = new NumpyGenerator(5);
    g.random();
    const copy = new NumpyGenerator(0);
    copy.setstate(JSON.parse(JSON.stringify(g.getstate())));
    expect([copy.random(), copy.poisson(3)]).toEqual([g.random(), g.poisson(3)]);
  });

  it("interpolates percentiles as np.percentile", () => {
    for (const c of fixture.percentile) {
      expect(percentile(c.values, 10)).toBe(c.p10);
      expect(percentile(c.values, 90)).toBe(c.p90);
    }
  });
});
