import { describe, expect, expectTypeOf, it } from "vitest";
import { ArgumentTypeError } from "../errors/argument-type-error.js";
import { IndexError } from "../errors/index-error.js";
import { ValueError } from "../errors/value-error.js";
import { PythonRandom, type PythonRandomState } from "./python-random.js";

// Expected values printed by CPython 3.11.7 (`random.Random(seed)`); the bulk checks are in python-random.cpython.test.ts.
describe("PythonRandom", () => {
  it("gives CPython's floats and integers for int, bigint and str seeds", () => {
    const r42 = new PythonRandom(42);
    expect(r42.random()).toBe(0.6394267984578837);
    expect(r42.randint(0, 2n ** 70n)).toBe(659315234944907156177n);
    expect(r42.getrandbits(100)).toBe(882565121070403957190206503824n);
    expect(r42.randrange(0n, 2n ** 64n, 2n ** 32n)).toBe(10060236948372455424n);
    expect(new PythonRandom(10n ** 30n).random()).toBe(0.9341508484568806);
    const abc = new PythonRandom("abc");
    expect(abc.random()).toBe(0.7720246314157545);
    expect(abc.choices(["a", "b", "c"], { k: 3 })).toEqual(["b", "c", "b"]);
    const dice = new PythonRandom(5);
    expect(Array.from({ length: 10 }, () => dice.randint(1, 6))).toEqual([5, 3, 6, 3, 6, 6, 6, 5, 1, 4]);
    expect(dice.uniform(1, 2)).toBe(1.7759585674357168);
  });

  it("samples with counts, picks with cumulative weights, and draws bytes like CPython", () => {
    const rng = new PythonRandom(2024);
    expect(rng.sample(["r", "g", "b"], 5, { counts: [3, 1, 4] })).toEqual(["b", "r", "b", "b", "r"]);
    expect(rng.choices(["a", "b", "c"], { cumWeights: [1, 2, 10], k: 6 })).toEqual(["c", "c", "c", "c", "c", "c"]);
    expect(Buffer.from(rng.randbytes(5)).toString("hex")).toBe("56d738bc7f");
    expect(rng.randbelow(10)).toBe(5);
    expect(rng.randint(-(2n ** 100n), 2n ** 100n)).toBe(-909590746523412136316067036392n);
  });

  it("seeds integers by absolute value, and str seeds as their UTF-8 bytes", () => {
    const stream = (rng: PythonRandom) => [rng.random(), rng.random()];
    expect(stream(new PythonRandom(-7))).toEqual(stream(new PythonRandom(7)));
    expect(new PythonRandom(7).random()).toBe(0.32383276483316237);
    expect(stream(new PythonRandom(5n))).toEqual(stream(new PythonRandom(5)));
    expect(stream(new PythonRandom(new TextEncoder().encode("sëed")))).toEqual(stream(new PythonRandom("sëed")));
    const reseeded = new PythonRandom(1);
    reseeded.random();
    reseeded.seed(0);
    expect(reseeded.random()).toBe(0.8444218515250481);
  });

  it("seeds from the OS without a seed", () => {
    const a = new PythonRandom();
    const b = new PythonRandom(null);
    expect(a.getstate()[1][624]).toBe(624);
    expect(a.getrandbits(128)).not.toBe(b.getrandbits(128));
  });

  it("refuses seeds it cannot reproduce exactly", () => {
    expect(() => new PythonRandom(1.5)).toThrow(ArgumentTypeError);
    expect(() => new PythonRandom(Number.NaN)).toThrow(ArgumentTypeError);
    expect(() => new PythonRandom(2 ** 60)).toThrow(/pass it as a bigint/);
    expect(() => new PythonRandom(true as unknown as number)).toThrow(ArgumentTypeError);
    expect(() => new PythonRandom("a\ud800")).toThrow(
      new ValueError(
        "'utf-8' codec can't encode character '\\ud800' in position 1: surrogates not allowed. " +
          "A string seed must be well-formed Unicode; remove or pair the lone surrogate.",
      ),
    );
  });

  it("returns numbers for number arguments and bigints when any argument is a bigint", () => {
    const rng = new PythonRandom(3);
    expect(typeof rng.randint(0, 10)).toBe("number");
    expect(typeof rng.randint(0, 10n)).toBe("bigint");
    expect(typeof rng.randrange(10n)).toBe("bigint");
    expect(typeof rng.randrange(0, Number.MAX_SAFE_INTEGER, 2)).toBe("number");
    expect(typeof rng.randint(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)).toBe("number");
    expect(typeof rng.randbelow(2n ** 80n)).toBe("bigint");
    expect(() => rng.randint(0, 2 ** 70)).toThrow(ArgumentTypeError);
    expect(() => rng.randbelow(0)).toThrow(ValueError);
    expectTypeOf(rng.randint(0, 10)).toEqualTypeOf<number>();
    expectTypeOf(rng.randint(0, 10n)).toEqualTypeOf<bigint>();
    expectTypeOf(rng.randrange(5n)).toEqualTypeOf<bigint>();
    expectTypeOf(rng.randrange(0, 10, 2)).toEqualTypeOf<number>();
    expectTypeOf(rng.randrange(0, 10, 2n)).toEqualTypeOf<bigint>();
    expectTypeOf(rng.randint(0 as number | bigint, 10)).toEqualTypeOf<number | bigint>();
    expectTypeOf(rng.randbelow(10)).toEqualTypeOf<number>();
  });

  it("reads bits as bigint or, up to 53 bits, as number, consuming the same words", () => {
    const big = new PythonRandom(9);
    const small = new PythonRandom(9);
    for (const k of [0, 1, 32, 33, 53]) expect(BigInt(small.getrandbitsNumber(k))).toBe(big.getrandbits(k));
    expect(() => small.getrandbitsNumber(54)).toThrow(/use getrandbits\(k\) for a bigint/);
    expect(() => small.getrandbits(1.5)).toThrow(ArgumentTypeError);
  });

  it("shuffles in place and samples without touching the population", () => {
    const rng = new PythonRandom(0);
    const items = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(rng.shuffle(items)).toBe(items);
    const population = Object.freeze(["a", "b", "c", "d"]);
    expect(rng.sample(population, 4).sort()).toEqual(["a", "b", "c", "d"]);
    expect(() => rng.choice([])).toThrow(new IndexError("Cannot choose from an empty sequence"));
    expect(() => rng.sample(population, 1.5)).toThrow(ArgumentTypeError);
  });

  it("round-trips its state through JSON, including CPython's version-2 signed form", () => {
    const rng = new PythonRandom(0);
    expect(rng.getstate()[1].slice(0, 3)).toEqual([2147483648, 766982754, 497961170]);
    rng.random();
    const saved = JSON.parse(JSON.stringify(rng.getstate())) as PythonRandomState;
    const next = [rng.random(), rng.getrandbits(70), rng.shuffle([1, 2, 3, 4])];
    const restored = new PythonRandom(1);
    restored.setstate(saved);
    expect([restored.random(), restored.getrandbits(70), restored.shuffle([1, 2, 3, 4])]).toEqual(next);
    const signed = saved[1].map((word, i) => (i < 624 && word >= 2 ** 31 ? word - 2 ** 32 : word));
    restored.setstate([2, signed, null]);
    expect(restored.random()).toBe(next[0]);
    expect(() => restored.setstate([3, signed, null])).toThrow(new ValueError("invalid state"));
  });
});
