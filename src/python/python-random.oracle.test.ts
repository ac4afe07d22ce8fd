import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadOracleCases, type OracleCase } from "../../fixtures/oracle/load-cases.js";
import { PyFloat } from "./py-float.js";
import { parsePyJson } from "./py-json.js";
import { PythonRandom, type PythonRandomSeed } from "./python-random.js";

/**
 * Replays the DSPy oracle's `rng` cases (random.Random driven by `dspy_oracle.py`, CPython 3.11.7): the shared
 * fixtures in fixtures/oracle (hand-picked + mixed-kind seeds 1-6) and the rng-only sets in __fixtures__
 * (`gen_cases.py --seed 11|12 --n 600 --kinds rng`). Every case must match; none is excused.
 */
function loadRngOnlySet(seed: number): OracleCase[] {
  const read = (suffix: string) =>
    readFileSync(new URL(`./__fixtures__/oracle-rng-seed-${seed}.${suffix}.jsonl`, import.meta.url), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => parsePyJson(line) as Record<string, unknown>);
  const cases = read("cases");
  const expected = read("expected");
  expect(expected).toHaveLength(cases.length);
  return cases.map((c, i) => ({ id: c.id as string, kind: "rng", source: `rng-seed-${seed}`, case: c, expected: expected[i]! }));
}

type Op = Record<string, unknown> & { op: string };
const plain = (value: unknown): unknown => (value instanceof PyFloat ? value.value : Array.isArray(value) ? value.map(plain) : value);

function runOp(rng: PythonRandom, op: Op): unknown {
  const list = () => plain(op.list) as unknown[];
  switch (op.op) {
    case "random":
      return rng.random();
    case "randint":
      return rng.randint(op.a as number | bigint, op.b as number | bigint);
    case "randrange":
      return rng.randrange(op.start as number | bigint, op.stop as number | bigint | undefined, op.step as number | bigint | undefined);
    case "uniform":
      return rng.uniform(plain(op.a) as number, plain(op.b) as number);
    case "getrandbits":
      return rng.getrandbits(op.k as number);
    case "randbytes":
      return Buffer.from(rng.randbytes(op.n as number)).toString("hex");
    case "shuffle":
      return rng.shuffle(list());
    case "sample":
      return rng.sample(list(), op.k as number);
    case "choice":
      return rng.choice(list());
    case "choices":
      return rng.choices(list(), { weights: op.weights as number[] | undefined, k: op.k as number | undefined });
    default:
      throw new Error(`unknown rng op ${op.op}`);
  }
}

/** Integers compare by value whatever their JS type; Python floats such as `1.0` compare as numbers. */
function comparable(value: unknown): unknown {
  if (typeof value === "bigint") return `int:${value}`;
  if (typeof value === "number" && Number.isInteger(value)) return `int:${value}`;
  if (value instanceof PyFloat) return value.value;
  if (Array.isArray(value)) return value.map(comparable);
  return value;
}

const cases = [...loadOracleCases(["rng"]), ...loadRngOnlySet(11), ...loadRngOnlySet(12)];

describe("PythonRandom replays the DSPy oracle's rng cases", () => {
  it("has the committed cases", () => {
    expect(cases.length).toBe(1483);
  });

  it.each(cases.map((c) => [`${c.source}/${c.id}`, c] as const))("%s", (_, oracleCase) => {
    const rng = new PythonRandom(oracleCase.case.seed as PythonRandomSeed);
    const results = (oracleCase.case.ops as Op[]).map((op) => runOp(rng, op));
    expect(comparable(results)).toEqual(comparable(oracleCase.expected.results));
  });
});
