import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { resetSettings, withSettings } from "../context/settings.js";
import { silentLogger } from "../context/logger.js";
import { Example } from "../primitives/example.js";
import { ChainOfThought } from "../predict/chain-of-thought.js";
import { Predict } from "../predict/predict.js";
import { parsePyJson } from "../python/py-json.js";
import { pyJsonDumps } from "../python/pyfmt.js";
import { signature } from "../signatures/signature.js";
import { DummyLM } from "../testing/dummy-lm.js";
import { TwoStepAdapter } from "./two-step-adapter.js";
import { Reasoning } from "./types/reasoning.js";

type Json = Record<string, any>;
const cases = parsePyJson(readFileSync(new URL("./__fixtures__/two-step.oracle.json", import.meta.url), "utf8")) as Array<{ case: Json; expected: Json }>;

afterEach(() => resetSettings());

describe("TwoStepAdapter against DSPy 3.3.1 (oracle)", () => {
  for (const { case: c, expected } of cases) {
    it(c.id, async () => {
      const sig = c.instructions ? signature(c.signature, c.instructions) : signature(c.signature);
      const module = c.module === "cot" ? new ChainOfThought(sig) : new Predict(sig);
      const predictor = module instanceof ChainOfThought ? module.predict : (module as Predict);
      predictor.demos = ((c.demos ?? []) as Json[]).map((d) => new Example(d));
      const main = new DummyLM(c.main);
      const extract = new DummyLM(c.extract);
      let outcome: Json;
      try {
        const pred = await withSettings({ lm: main, adapter: new TwoStepAdapter(extract), logger: silentLogger }, () =>
          module.call(c.inputs, { config: c.config ?? {} }),
        );
        outcome = { prediction: pyJsonDumps(pred.toDict()) };
      } catch (error) {
        outcome = { error: { type: (error as Error).name, message: (error as Error).message } };
      }
      expect(main.history.map((h) => h.messages)).toEqual(expected.main_calls);
      expect(extract.history.map((h) => h.messages)).toEqual(expected.extract_calls);
      expect(outcome).toEqual(expected.error ? { error: expected.error } : { prediction: pyJsonDumps(expected.prediction) });
    });
  }

  it("needs an LM to extract with and refuses a bare parse", () => {
    expect(() => new TwoStepAdapter(null as never)).toThrow("extraction_model must be an instance of dspy.BaseLM");
    expect(() => new TwoStepAdapter(new DummyLM([])).parse()).toThrow("TwoStepAdapter parses through its extraction LM");
  });
});

describe("Reasoning", () => {
  it("is string-like text that renders as its content", () => {
    const r = Reasoning.from({ content: "Because." });
    expect(String(r)).toBe("Because.");
    expect(r.equals("Because.")).toBe(true);
    expect(r.equals(new Reasoning("Because."))).toBe(true);
    expect(() => Reasoning.from(3)).toThrow("Received invalid value for `dspy.Reasoning`: 3");
  });
});
