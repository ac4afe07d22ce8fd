import { describe, expect, expectTypeOf, it } from "vitest";
import { ValueError } from "../errors/value-error.js";
import { pyStr } from "../python/pyfmt.js";
import { Example } from "./example.js";
import { Prediction } from "./prediction.js";

describe("Example", () => {
  it("keeps keys named __proto__ as data through every copy (a dataset row from JSON.parse)", () => {
    const row = JSON.parse('{"__proto__": {"polluted": 1}, "question": "q", "answer": "a"}') as Record<string, unknown>;
    const ex = new Example(row, JSON.parse('{"__proto__": {"also": 2}}') as Record<string, unknown>).withInputs("__proto__", "question");
    expect(ex.keys()).toEqual(["__proto__", "question", "answer"]);
    expect(ex.get("__proto__")).toEqual({ also: 2 });
    expect(ex.inputs().keys()).toEqual(["__proto__", "question"]);
    expect(ex.labels().keys()).toEqual(["answer"]);
    const set = new Example({ question: "q" });
    (set as unknown as Record<string, unknown>)["__proto__"] = { x: 1 };
    expect(set.keys()).toEqual(["question", "__proto__"]);
    expect(({} as Record<string, unknown>).polluted ?? ({} as Record<string, unknown>).also ?? ({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("reads fields as properties and keeps input keys through withInputs", () => {
    const ex = new Example({ question: "What is 2+2?", answer: "4", dspy_uuid: "u1" }).withInputs("question");
    expectTypeOf(ex.question).toEqualTypeOf<string>();
    expect(ex.question).toBe("What is 2+2?");
    expect(ex.inputs().toDict()).toEqual({ question: "What is 2+2?" });
    expect(ex.labels().toDict()).toEqual({ answer: "4", dspy_uuid: "u1" });
    expect(ex.keys()).toEqual(["question", "answer"]);
    expect(ex.keys(true)).toEqual(["question", "answer", "dspy_uuid"]);
    expect(ex.length).toBe(2);
    expect("answer" in ex).toBe(true);
    expect("labels" in ex).toBe(false);
    expect(ex.get("missing", "x")).toBe("x");
  });

  it("raises when inputs were never set (DSPy's ValueError, naming withInputs); copy and without drop input keys like DSPy", () => {
    const ex = new Example({ q: "a", b: "c" }).withInputs("q");
    expect(() => new Example({ q: 1 }).inputs()).toThrow(ValueError);
    expect(() => new Example({ q: 1 }).inputs()).toThrow(
      'Inputs have not been set for this example. Mark its input fields with `example.withInputs("question", ...)`.',
    );
    expect(ex.copy({ b: "d" }).inputKeys()).toBeNull();
    expect(ex.copy({ b: "d" }).b).toBe("d");
    expect(ex.without("b").toDict()).toEqual({ q: "a" });
    expect(ex.b).toBe("c");
  });

  it("keeps methods reachable when a field has a method's name, and stays a plain record for spreading", () => {
    const ex = new Example<Record<string, unknown>>({ labels: ["x"], then: 1, text: "t" });
    expect(typeof ex.labels).toBe("function");
    expect(ex.get("labels")).toEqual(["x"]);
    expect(ex.toDict()).toEqual({ labels: ["x"], then: 1, text: "t" });
    expect({ ...new Example({ q: 1, a: 2 }) }).toEqual({ q: 1, a: 2 });
    expect(Object.keys(ex)).toEqual(["labels", "then", "text"]);
    ex.extra = 5;
    expect(ex.toDict()).toEqual({ labels: ["x"], then: 1, text: "t", extra: 5 });
  });

  it("compares stores (input keys ignored) and prints like Python", () => {
    expect(new Example({ a: 1 }).equals(new Example({ a: 1 }).withInputs("a"))).toBe(true);
    expect(new Example({ a: 1 }).equals(new Example({ a: 2 }))).toBe(false);
    expect(pyStr(new Example({ q: "a", dspy_split: "train" }).withInputs("q"))).toBe("Example({'q': 'a'}) (input_keys={'q'})");
  });
});

describe("Prediction", () => {
  it("keeps the first completion as fields and all of them in completions", () => {
    const pred = Prediction.fromCompletions([{ answer: "a1" }, { answer: "a2" }]);
    expect(pred.answer).toBe("a1");
    expect(pred.completions!.length).toBe(2);
    expect(pred.completions!.get("answer")).toEqual(["a1", "a2"]);
    expect(pred.completions!.at(1).answer).toBe("a2");
    expect(pyStr(pred)).toBe("Prediction(\n    answer='a1',\n    completions=Completions(...)\n) (1 completions omitted)");
  });

  it("acts as a number through its score", () => {
    const a = new Prediction({ score: 0.5 });
    const b = new Prediction({ score: 0.25 });
    expect(Number(a) + Number(b)).toBe(0.75);
    expect(a > b).toBe(true);
    expect(() => Number(new Prediction({ answer: "x" }))).toThrow("does not have a 'score' field");
  });

  it("records LM usage", () => {
    const pred = new Prediction({ answer: "x" });
    expect(pred.getLmUsage()).toBeNull();
    pred.setLmUsage({ "m/1": { prompt_tokens: 3 } });
    expect(pred.getLmUsage()).toEqual({ "m/1": { prompt_tokens: 3 } });
    expect(pred).toBeInstanceOf(Example);
  });
});
