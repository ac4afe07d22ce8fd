import { afterEach, describe, expect, it } from "vitest";
import { resetSettings } from "../../context/settings.js";
import { Example } from "../../primitives/example.js";
import { Module } from "../../primitives/module.js";
import { ChainOfThought } from "../../predict/chain-of-thought.js";
import { Predict } from "../../predict/predict.js";
import { PythonRandom } from "../../python/python-random.js";
import { LabeledFewShot } from "./labeled-few-shot.js";

const trainset = ["yes", "no", "yes", "42", "no", "Paris"].map((answer, i) =>
  new Example({ question: `q${i}`, answer }).withInputs("question"),
);

class TwoStep extends Module {
  a = new Predict("question -> answer");
  b = new ChainOfThought("question -> answer");
  async forward(inputs: { question: string }) {
    const { answer } = await this.a.call(inputs);
    return this.b.call({ question: answer });
  }
}

afterEach(() => resetSettings());

describe("LabeledFewShot", () => {
  it("samples k demos per predictor with one Random(0) shared across predictors (oracle case boot-labeled-sample)", async () => {
    const compiled = await new LabeledFewShot({ k: 3 }).compile(new TwoStep(), { trainset });
    expect(compiled.a.demos.map((d) => (d as Example).question)).toEqual(["q3", "q5", "q0"]);
    expect(compiled.b.predict.demos.map((d) => (d as Example).question)).toEqual(["q2", "q4", "q3"]);
    const rng = new PythonRandom(0);
    expect(compiled.a.demos).toEqual(rng.sample(trainset, 3));
    expect(compiled.b.predict.demos).toEqual(rng.sample(trainset, 3));
  });

  it("samples with Random(seed) when given a seed", async () => {
    const compiled = await new LabeledFewShot({ k: 3, seed: 5 }).compile(new Predict("question -> answer"), { trainset });
    expect(compiled.demos).toEqual(new PythonRandom(5).sample(trainset, 3));
    expect(compiled.demos).not.toEqual(new PythonRandom(0).sample(trainset, 3));
  });

  it("takes the first k without sampling, and at most the whole trainset", async () => {
    const first = await new LabeledFewShot({ k: 2 }).compile(new Predict("question -> answer"), { trainset, sample: false });
    expect(first.demos).toEqual(trainset.slice(0, 2));
    const all = await new LabeledFewShot().compile(new Predict("question -> answer"), { trainset, sample: false });
    expect(all.demos).toHaveLength(6);
  });

  it("refuses a k that is not a whole number >= 0", () => {
    for (const k of [-1, 1.5, Number.NaN]) {
      expect(() => new LabeledFewShot({ k })).toThrow(`LabeledFewShot: k must be a whole number >= 0 (the demos per predictor), got ${k}.`);
    }
    expect(new LabeledFewShot({ k: 0 }).k).toBe(0);
  });

  it("returns a reset copy and never changes the student", async () => {
    const student = new Predict("question -> answer");
    student.demos = [new Example({ question: "old", answer: "old" })];
    const compiled = await new LabeledFewShot({ k: 1 }).compile(student, { trainset: [] });
    expect(compiled).not.toBe(student);
    expect(compiled.demos).toEqual([]);
    expect(student.demos).toHaveLength(1);
    expect(compiled.compiled).toBe(false);
  });
});
