import { describe, expect, it } from "vitest";
import { Module } from "../../primitives/module.js";
import { Prediction } from "../../primitives/prediction.js";
import { PythonRandom } from "../../python/python-random.js";
import { majority } from "../../predict/aggregation.js";
import { Ensemble } from "./ensemble.js";

class MockProgram extends Module {
  calls: Array<Record<string, unknown>> = [];
  constructor(readonly value: string) {
    super();
  }
  async forward(inputs: Record<string, any>) {
    this.calls.push(inputs);
    return new Prediction({ answer: this.value });
  }
}

const programs = (n: number) => Array.from({ length: n }, (_, i) => new MockProgram(String(i)));

describe("Ensemble", () => {
  it("runs every program without a reduceFn; callAll returns their outputs, call a Prediction of them (DSPy's test_ensemble)", async () => {
    const ensembled = new Ensemble().compile(programs(5));
    const outputs = await ensembled.callAll({ question: "q" });
    expect(outputs.map((o) => o.answer)).toEqual(["0", "1", "2", "3", "4"]);
    const combined = await ensembled.call({ question: "q" });
    expect(combined.answer).toBe("0");
    expect(combined.completions?.get("answer")).toEqual(["0", "1", "2", "3", "4"]);
  });

  it("applies the reduceFn", async () => {
    const mean = (outputs: Prediction[]) => new Prediction({ answer: outputs.reduce((s, o) => s + Number(o.answer), 0) / outputs.length });
    const ensembled = new Ensemble({ reduceFn: mean }).compile(programs(5));
    expect((await ensembled.call({})).answer).toBe(2);
  });

  it("reduces with majority", async () => {
    const voters = ["Paris", "paris", "Lyon"].map((v) => new MockProgram(v));
    expect((await new Ensemble({ reduceFn: majority }).compile(voters).call({})).answer).toBe("Paris");
  });

  it("runs a random subset of `size` programs, drawn with a seeded Python RNG", async () => {
    const all = programs(10);
    const ensembled = new Ensemble({ size: 3, seed: 7 }).compile(all);
    const rng = new PythonRandom(7);
    for (let i = 0; i < 3; i++) {
      const outputs = await ensembled.callAll({ i });
      expect(outputs).toHaveLength(3);
      expect(outputs.map((o) => o.answer)).toEqual(rng.sample(all, 3).map((p) => p.value));
    }
  });

  it("with deterministic: true, the same inputs run the same programs", async () => {
    const ensembled = new Ensemble({ size: 3, deterministic: true }).compile(programs(10));
    const first = (await ensembled.callAll({ question: "q" })).map((o) => o.answer);
    expect((await ensembled.callAll({ question: "q" })).map((o) => o.answer)).toEqual(first);
    const others = new Set<string>();
    for (let i = 0; i < 10; i++) others.add((await ensembled.callAll({ question: `q${i}` })).map((o) => o.answer).join());
    expect(others.size).toBeGreaterThan(1);
  });

  it("shares the programs instead of copying them, as DSPy", () => {
    const all = programs(2);
    const ensembled = new Ensemble().compile(all);
    expect(ensembled.programs[0]).toBe(all[0]);
  });

  it("rejects sizes it cannot honour", () => {
    expect(() => new Ensemble({ size: -1 })).toThrow(/whole number/);
    expect(() => new Ensemble({ size: 4 }).compile(programs(3))).toThrow(/larger than the 3 programs/);
  });
});
