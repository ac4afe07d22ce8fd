import { afterEach, describe, expect, it } from "vitest";
import { configure, resetSettings } from "../../context/settings.js";
import { Example } from "../../primitives/example.js";
import { Module } from "../../primitives/module.js";
import type { Prediction } from "../../primitives/prediction.js";
import { Predict } from "../../predict/predict.js";
import { LexicalEmbedder } from "../../retrievers/lexical-embedder.js";
import { DummyLM } from "../../testing/dummy-lm.js";
import { KNNFewShot } from "./knn-few-shot.js";

const trainset = [
  ["What is the capital of France?", "Paris"],
  ["What is the largest ocean?", "Pacific"],
  ["What is 2+2?", "4"],
  ["What is the capital of Italy?", "Rome"],
].map(([question, answer]) => new Example({ question, answer }).withInputs("question"));

class SimpleModule extends Module {
  predictor = new Predict("question -> answer");
  async forward(inputs: { question: string }) {
    return this.predictor.call(inputs);
  }
}

const exact = (example: Example, prediction: Prediction) => example.answer === prediction.answer;
const quiet = { write: () => true };

afterEach(() => resetSettings());

describe("KNNFewShot", () => {
  it("keeps k and the trainset in its KNN (DSPy's test_knn_fewshot)", () => {
    const optimizer = new KNNFewShot({ k: 2, trainset, vectorizer: new LexicalEmbedder() });
    expect(optimizer.knn.k).toBe(2);
    expect(optimizer.knn.trainset).toHaveLength(4);
  });

  it("bootstraps from the k nearest examples on every call", async () => {
    const lm = new DummyLM({ Spain: { answer: "Madrid" }, Italy: { answer: "Rome" }, France: { answer: "Paris" } });
    configure({ lm });
    const student = new SimpleModule();
    const optimizer = new KNNFewShot({ k: 2, trainset, metric: exact, maxBootstrappedDemos: 2, maxLabeledDemos: 2, output: quiet });
    const compiled = await optimizer.compile(student);
    const prediction = await compiled.call({ question: "What is the capital of Spain?" });
    expect(prediction.answer).toBe("Madrid");
    const lastPrompt = (lm.history.at(-1)!.messages ?? []).map((m) => String(m.content)).join("\n");
    expect(lastPrompt).toContain("What is the capital of France?");
    expect(lastPrompt).toContain("What is the capital of Italy?");
    expect(lastPrompt).not.toContain("largest ocean");
    expect(student.predictor.demos).toEqual([]);
    expect(compiled.predictor.demos).toEqual([]);
  });

  it("uses any vectorizer function", async () => {
    configure({ lm: new DummyLM({ "": { answer: "x" } }) });
    const seen: string[][] = [];
    const vectorizer = (texts: string[]) => {
      seen.push(texts);
      return texts.map((t) => [t.includes("ocean") ? 1 : 0]);
    };
    const optimizer = new KNNFewShot({ k: 1, trainset, vectorizer, maxBootstrappedDemos: 0, maxLabeledDemos: 1, output: quiet });
    const compiled = await optimizer.compile(new SimpleModule());
    await compiled.call({ question: "Which ocean is deepest?" });
    expect(seen[1]).toEqual(["question: Which ocean is deepest?"]);
  });
});
