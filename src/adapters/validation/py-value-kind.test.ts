import { describe, expect, it } from "vitest";
import { PyFloat } from "../../python/py-float.js";
import { PythonRandom } from "../../python/python-random.js";
import { pyRepr } from "../../python/pyfmt.js";
import { truncatedRepr } from "./py-value-kind.js";

/** pydantic-core's rule read literally: the whole repr's UTF-8 bytes cut to 25 + 24, shrunk to whole characters. */
function referenceTruncatedRepr(value: unknown): string {
  const bytes = Buffer.from(pyRepr(value), "utf8");
  if (bytes.length <= 50) return pyRepr(value);
  const isBoundary = (i: number) => i <= 0 || i >= bytes.length || ((bytes[i] as number) & 0xc0) !== 0x80;
  let head = 25;
  while (!isBoundary(head)) head--;
  let tail = bytes.length - 24;
  while (!isBoundary(tail)) tail++;
  return `${bytes.subarray(0, head).toString("utf8")}...${bytes.subarray(tail).toString("utf8")}`;
}

const UNITS = ["a", "'", '"', "\\", "\n", "\u0000", "é", "€", "😀", "\ud800", "\udc00", "\u200b", " ", "\u00a0"];

describe("truncatedRepr", () => {
  it("matches pydantic's input_value text (as ValidationError prints it)", () => {
    // pydantic 2.13: TypeAdapter(int).validate_python(v) for these v.
    expect(truncatedRepr("x".repeat(100))).toBe("'xxxxxxxxxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxxxxxxx'");
    expect(truncatedRepr([1, 2, 3])).toBe("[1, 2, 3]");
  });

  it("renders a long string from its two ends exactly as from the whole repr (random strings, pairs cut at the ends)", () => {
    const rng = new PythonRandom(9);
    const mismatches: string[] = [];
    for (let n = 0; n < 4000; n++) {
      const text = Array.from({ length: 40 + Number(rng.randbelow(60)) }, () => UNITS[Number(rng.randbelow(UNITS.length))]).join("");
      if (truncatedRepr(text) !== referenceTruncatedRepr(text)) mismatches.push(JSON.stringify(text));
      const value = [text, { k: text.slice(0, 10) }];
      if (truncatedRepr(value) !== referenceTruncatedRepr(value)) mismatches.push(JSON.stringify(value));
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it("renders a long list of scalars, lists and dicts of scalars from its two ends exactly as from the whole repr", () => {
    const rng = new PythonRandom(10);
    const scalars: Array<() => unknown> = [
      () => Number(rng.randbelow(1000)) - 500,
      () => rng.random() * 10 ** Number(rng.randbelow(40)),
      () => new PyFloat(Number(rng.randbelow(100))),
      () => BigInt(rng.randbelow(10n ** 30n)),
      () => rng.random() < 0.5,
      () => null,
      () => Array.from({ length: Number(rng.randbelow(12)) }, () => UNITS[Number(rng.randbelow(UNITS.length))]).join(""),
    ];
    const shallow: Array<() => unknown> = [
      ...scalars,
      () => Array.from({ length: Number(rng.randbelow(3)) }, () => scalars[Number(rng.randbelow(scalars.length))]!()),
      () => Object.fromEntries(Array.from({ length: Number(rng.randbelow(3)) }, (_, k) => [`k${k}`, scalars[Number(rng.randbelow(scalars.length))]!()])),
    ];
    const mismatches: string[] = [];
    for (let n = 0; n < 400; n++) {
      const kinds = shallow.filter(() => rng.random() < 0.5);
      const pickFrom = kinds.length > 0 ? kinds : shallow;
      const value = Array.from({ length: 60 + Number(rng.randbelow(80)) }, () => pickFrom[Number(rng.randbelow(pickFrom.length))]!());
      if (truncatedRepr(value) !== referenceTruncatedRepr(value)) mismatches.push(pyRepr(value));
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});
