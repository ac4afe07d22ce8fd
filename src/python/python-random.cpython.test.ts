import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ArgumentTypeError } from "../errors/argument-type-error.js";
import { IndexError } from "../errors/index-error.js";
import { ValueError } from "../errors/value-error.js";
import { PyFloat } from "./py-float.js";
import { parsePyJson } from "./py-json.js";
import { PythonRandom, type PythonRandomSeed, type PythonRandomState } from "./python-random.js";

// Written by __fixtures__/python-random.gen.py from CPython 3.11.7's random.Random (see that file).
interface Step {
  op: string;
  args: unknown[];
  kwargs?: Record<string, unknown>;
  result?: unknown;
}
interface Fixture {
  python: string;
  streams: { seed: unknown; first: number[]; last: number; randomSha256: string; uint32Sha256: string }[];
  scripts: { seed: unknown; steps: Step[] }[];
  errors: { call: string; args: unknown[]; kwargs?: Record<string, unknown>; error: string; message: string }[];
}
const fixture = parsePyJson(
  readFileSync(new URL("./__fixtures__/python-random.cpython.json", import.meta.url), "utf8"),
) as Fixture;

const show = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));

function seedOf(seed: unknown): PythonRandomSeed {
  if (typeof seed === "object" && seed !== null && "bytes" in seed) return Buffer.from((seed as { bytes: string }).bytes, "hex");
  return seed as PythonRandomSeed;
}

/** Python values as the fixture holds them: safe integers as numbers, bytes as hex, floats unwrapped. */
function normalize(value: unknown): unknown {
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) && BigInt(Number(value)) === value ? Number(value) : value;
  if (value instanceof PyFloat) return value.value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString("hex");
  if (Array.isArray(value)) return value.map(normalize);
  return value;
}

function argOf(arg: unknown): unknown {
  if (typeof arg === "object" && arg !== null && "range" in arg) {
    const [start, stop] = (arg as { range: [number, number] }).range;
    return Array.from({ length: stop - start }, (_, i) => start + i);
  }
  return normalizeArg(arg);
}

function normalizeArg(arg: unknown): unknown {
  if (arg instanceof PyFloat) return arg.value;
  if (Array.isArray(arg)) return arg.map(normalizeArg);
  return arg;
}

function sha256(values: ArrayLike<number>, bytesEach: 4 | 8): string {
  const view = new DataView(new ArrayBuffer(values.length * bytesEach));
  for (let i = 0; i < values.length; i++) {
    if (bytesEach === 8) view.setFloat64(i * 8, values[i] as number, true);
    else view.setUint32(i * 4, values[i] as number, true);
  }
  return createHash("sha256").update(new Uint8Array(view.buffer)).digest("hex");
}

type Call = (rng: PythonRandom, args: unknown[], kwargs: Record<string, unknown>) => unknown;
const a = (args: unknown[], i: number) => args[i] as never;
const CALLS: Record<string, Call> = {
  random: (rng) => rng.random(),
  getrandbits: (rng, args) => rng.getrandbits(a(args, 0)),
  randrange: (rng, args) => (rng.randrange as (...xs: unknown[]) => unknown)(...args.map((x) => (x === null ? undefined : x))),
  randint: (rng, args) => rng.randint(a(args, 0), a(args, 1)),
  choice: (rng, args) => rng.choice(a(args, 0)),
  shuffle: (rng, args) => rng.shuffle([...(args[0] as unknown[])]),
  sample: (rng, args, kwargs) => rng.sample(a(args, 0), a(args, 1), { counts: kwargs.counts as number[] | undefined }),
  choices: (rng, args, kwargs) =>
    rng.choices(a(args, 0), {
      weights: kwargs.weights as number[] | undefined,
      cumWeights: kwargs.cum_weights as number[] | undefined,
      k: kwargs.k as number | undefined,
    }),
  uniform: (rng, args) => rng.uniform(a(args, 0), a(args, 1)),
  randbytes: (rng, args) => rng.randbytes(a(args, 0)),
  setstate: (rng, args) => rng.setstate(args[0] as PythonRandomState),
};

const ERROR_CLASSES: Record<string, new (message: string) => Error> = {
  ValueError,
  IndexError,
  TypeError: ArgumentTypeError,
};

describe(`PythonRandom against CPython ${fixture.python}`, () => {
  it.each(fixture.streams.map((s) => [show(s.seed), s] as const))("streams of seed %s", (_, stream) => {
    const rng = new PythonRandom(seedOf(stream.seed));
    const values = Array.from({ length: 10_000 }, () => rng.random());
    expect(values.slice(0, 5)).toEqual(stream.first);
    expect(values[9999]).toBe(stream.last);
    expect(sha256(values, 8)).toBe(stream.randomSha256);
    const words = new PythonRandom(seedOf(stream.seed));
    expect(sha256(Array.from({ length: 2000 }, () => words.getrandbitsNumber(32)), 4)).toBe(stream.uint32Sha256);
  });

  it.each(fixture.scripts.map((s) => [show(s.seed), s.steps.length, s] as const))(
    "script of seed %s (%i steps on one generator)",
    (_, __, script) => {
      const rng = new PythonRandom(seedOf(script.seed));
      const states: Record<number, PythonRandomState> = {};
      script.steps.forEach((step, index) => {
        const where = `step ${index}: ${step.op}(${show(step.args)})`;
        const args = step.args.map(argOf);
        if (step.op === "getstate") {
          const state = (states[index] = rng.getstate());
          const expected = step.result as { sha256?: string; gaussNext?: unknown } | unknown[];
          if (Array.isArray(expected)) expect(state, where).toEqual(expected);
          else expect([sha256(state[1], 4), state[2]], where).toEqual([expected.sha256, expected.gaussNext]);
          return;
        }
        if (step.op === "setstate") {
          rng.setstate(states[args[0] as number] as PythonRandomState);
          return;
        }
        const call = CALLS[step.op];
        if (!call) throw new Error(`no replay for ${step.op}`);
        const result = call(rng, args, step.kwargs ?? {});
        expect(normalize(result), where).toEqual(normalize(step.result));
        if (step.op === "randrange" || step.op === "randint") {
          expect(typeof result, `${where}: bigint only when an argument is one`).toBe(
            args.some((x) => typeof x === "bigint") ? "bigint" : "number",
          );
        }
      });
    },
  );

  it.each(fixture.errors.map((e) => [`${e.call}(${e.message})`, e] as const))("raises like CPython: %s", (_, error) => {
    const rng = new PythonRandom(0);
    const args = error.args.map(argOf);
    let thrown: unknown;
    try {
      CALLS[error.call]!(rng, args, error.kwargs ?? {});
    } catch (caught) {
      thrown = caught;
    }
    expect(thrown).toBeInstanceOf(ERROR_CLASSES[error.error]!);
    expect((thrown as Error).message).toBe(error.message);
  });
});
