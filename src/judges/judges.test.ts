import { afterEach, describe, expect, it } from "vitest";
import prompts from "./__fixtures__/judge-prompts.json" with { type: "json" };
import { ChatAdapter } from "../adapters/chat-adapter.js";
import { configure, resetSettings } from "../context/settings.js";
import { Evaluate } from "../evaluate/evaluate.js";
import { ChainOfThought } from "../predict/chain-of-thought.js";
import { Example } from "../primitives/example.js";
import { Module } from "../primitives/module.js";
import { Prediction } from "../primitives/prediction.js";
import type { Signature } from "../signatures/signature.js";
import { DummyLM } from "../testing/dummy-lm.js";
import { clampedF1 } from "./clamped-f1.js";
import { CompleteAndGrounded } from "./complete-and-grounded.js";
import {
  AnswerCompleteness,
  AnswerGroundedness,
  DecompositionalSemanticRecallPrecision,
  SemanticRecallPrecision,
} from "./judge-signatures.js";
import { SemanticF1 } from "./semantic-f1.js";

afterEach(() => resetSettings());

const INPUTS = {
  question: "What is DSPy?",
  ground_truth: "A framework for programming LMs.",
  system_response: "DSPy programs language models.",
  retrieved_context: "DSPy is a framework.",
};

describe("LLM judges", () => {
  it("prompt exactly as DSPy 3.3.1's judges do (messages from the real DSPy)", () => {
    const sigs: Record<string, Signature> = { SemanticRecallPrecision, DecompositionalSemanticRecallPrecision, AnswerCompleteness, AnswerGroundedness };
    for (const [name, sig] of Object.entries(sigs)) {
      const cot = new ChainOfThought(sig);
      const s = cot.predict.signature;
      const inputs = Object.fromEntries(Object.entries(INPUTS).filter(([k]) => k in s.inputFields));
      expect(new ChatAdapter().format(s, [], inputs), name).toEqual((prompts as Record<string, unknown>)[name]);
    }
  });

  it("clamps precision and recall before the F1", () => {
    expect(clampedF1(1.5, 0.5)).toBeCloseTo(2 / 3);
    expect(clampedF1(0, 0)).toBe(0);
    expect(clampedF1(-1, 1)).toBe(0);
  });

  it("SemanticF1 scores F1, or threshold truthiness with a trace, and works as an Evaluate metric", async () => {
    configure({ lm: new DummyLM([{ reasoning: "r", recall: 0.5, precision: 1.0 }, { reasoning: "r", recall: 0.5, precision: 1.0 }, { reasoning: "r", recall: 1.0, precision: 1.0 }]) });
    const judge = new SemanticF1();
    const example = new Example({ question: "q", response: "gold" });
    const pred = new Prediction({ response: "answer" });
    expect(Number(await judge.metric(example, pred))).toBeCloseTo(2 / 3);
    expect(((await judge.metric(example, pred, [])) as Prediction).score).toBe(true); // 0.667 >= 0.66
    class Echo extends Module {
      async forward() {
        return new Prediction({ response: "answer" });
      }
    }
    const result = await new Evaluate({ devset: [example.withInputs("question")], metric: judge.metric }).call(new Echo());
    expect(result.score).toBe(100);
  });

  it("CompleteAndGrounded combines completeness and groundedness", async () => {
    configure({
      lm: new DummyLM([
        { reasoning: "r", ground_truth_key_ideas: "a", system_response_key_ideas: "a", discussion: "d", completeness: 1.0 },
        { reasoning: "r", system_response_claims: "c", discussion: "d", groundedness: 0.5 },
      ]),
    });
    const judge = new CompleteAndGrounded();
    const score = await judge.metric(new Example({ question: "q", response: "gold" }), new Prediction({ response: "a", context: "ctx" }));
    expect(Number(score)).toBeCloseTo(2 / 3);
    expect(judge.namedPredictors().map(([n]) => n)).toEqual(["completeness_module.predict", "groundedness_module.predict"]);
  });
});
