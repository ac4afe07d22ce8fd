import { describe, expect, it } from "vitest";
import { Completions, Prediction } from "../primitives/prediction.js";
import { normalizeText } from "../python/normalize-text.js";
import { majority } from "./aggregation.js";

const answers = (...values: string[]) => values.map((answer) => ({ answer }));

describe("majority", () => {
  it("votes over a Prediction's completions, a Completions and a list (DSPy's test_aggregation)", () => {
    expect(majority(Prediction.fromCompletions(answers("2", "2", "3"))).completions?.get("answer")).toEqual(["2"]);
    expect(majority(new Completions(answers("2", "2", "3"))).answer).toBe("2");
    expect(majority(answers("2", "2", "3")).answer).toBe("2");
  });

  it("normalizes before counting and returns the first completion with the winning value", () => {
    expect(majority(answers("2", " 2", "3"), { normalize: normalizeText }).answer).toBe("2");
    expect(majority(answers("3", "The Paris!", "paris")).answer).toBe("The Paris!");
  });

  it("votes on the given field, else the last one", () => {
    const completions = [
      { answer: "2", other: "1" },
      { answer: "2", other: "1" },
      { answer: "3", other: "2" },
    ];
    expect(majority(completions, { field: "other" }).other).toBe("1");
    expect(majority([{ answer: "a", other: "x" }, { answer: "a", other: "y" }, { answer: "b", other: "y" }]).other).toBe("y");
  });

  it("breaks ties by the earliest value", () => {
    expect(majority(answers("2", "3", "4")).answer).toBe("2");
    expect(majority(answers("4", "3", "3", "4")).answer).toBe("4");
  });

  it("ignores values that normalize to nothing unless all do", () => {
    expect(majority(answers("", "!!", "b")).answer).toBe("b");
    expect(majority(answers("", "!!")).answer).toBe("");
  });

  it("counts raw values with normalize: null, including numbers", () => {
    expect(majority([{ n: 1 }, { n: 2 }, { n: 2 }], { normalize: null }).n).toBe(2);
    expect(majority(answers("A", "a", "a"), { normalize: null }).answer).toBe("a");
  });

  it("takes a list of Predictions, as Ensemble outputs", () => {
    const outputs = ["x", "y", "y"].map((answer) => new Prediction({ reasoning: "r", answer }));
    const winner = majority(outputs);
    expect(winner.answer).toBe("y");
    expect(winner.reasoning).toBe("r");
  });

  it("rejects empty input", () => {
    expect(() => majority([])).toThrow(/at least one completion/);
  });
});
