import { describe, expect, it } from "vitest";
import { ProgramOfThought } from "./program-of-thought.js";
import { RLM } from "./rlm.js";

// State files key predictors by DSPy's attribute names: a program saved by either side must load in the other.
describe("code modules' predictor names are DSPy's", () => {
  it("ProgramOfThought", () => {
    const pot = new ProgramOfThought("question -> answer");
    expect(pot.namedPredictors().map(([name]) => name)).toEqual([
      "code_generate.predict",
      "code_regenerate.predict",
      "generate_output.predict",
    ]);
  });

  it("RLM", () => {
    const rlm = new RLM("context, query -> answer");
    expect(rlm.namedPredictors().map(([name]) => name)).toEqual(["generate_action", "extract"]);
  });
});
