import { describe, expect, it } from "vitest";
import { Embedder } from "../clients/embedder.js";
import { Example } from "../primitives/example.js";
import { LexicalEmbedder } from "../retrievers/lexical-embedder.js";
import { KNN } from "./knn.js";

const trainset = [
  new Example({ input: "hello", output: "world" }).withInputs("input"),
  new Example({ input: "goodbye", output: "moon" }).withInputs("input"),
  new Example({ input: "hi there", output: "sun", extra: 1 }).withInputs("input"),
];

/** Scores texts by their first letter: a simple, predictable vectorizer. */
const byLetter = (texts: string[]) =>
  texts.map((text) => {
    const letter = text.replace(/^input: /, "")[0];
    return [letter === "h" ? 1 : 0, letter === "g" ? 1 : 0];
  });

describe("KNN", () => {
  it("embeds training examples as `key: value` over their input fields, and the query over all inputs", async () => {
    const seen: string[][] = [];
    const knn = new KNN(1, trainset, (texts) => {
      seen.push(texts);
      return byLetter(texts);
    });
    expect(knn.trainsetTexts()).toEqual(["input: hello", "input: goodbye", "input: hi there"]);
    await knn.call({ input: "good", flag: true });
    expect(seen).toEqual([["input: hello", "input: goodbye", "input: hi there"], ["input: good | flag: True"]]);
  });

  it("returns the k nearest, nearest first; equal scores put the later example first (numpy argsort order)", async () => {
    const knn = new KNN(2, trainset, byLetter);
    expect((await knn.call({ input: "hey" })).map((ex) => ex.output)).toEqual(["sun", "world"]);
    expect((await knn.call({ input: "good" })).map((ex) => ex.output)).toEqual(["moon", "sun"]);
  });

  it("embeds the trainset once", async () => {
    let calls = 0;
    const knn = new KNN(1, trainset, (texts) => {
      calls++;
      return byLetter(texts);
    });
    await knn.call({ input: "a" });
    await knn.call({ input: "b" });
    expect(calls).toBe(3);
  });

  it("accepts the provider Embedder (a function-backed one here) and objects with embed()", async () => {
    const embedder = new Embedder(async (texts: string[]) => byLetter(texts));
    expect((await new KNN(1, trainset, embedder).call({ input: "g" }))[0]?.output).toBe("moon");
    expect((await new KNN(1, trainset, { embed: byLetter }).call({ input: "g" }))[0]?.output).toBe("moon");
  });

  it("checks k, input keys and vector counts", async () => {
    expect(() => new KNN(0, trainset, byLetter)).toThrow(/k >= 1/);
    const unkeyed = new KNN(1, [new Example({ input: "x" })], byLetter);
    await expect(unkeyed.call({ input: "x" })).rejects.toThrow(/no input keys/);
    await expect(new KNN(1, trainset, () => [[1]]).call({ input: "x" })).rejects.toThrow(/returned 1 vectors for 3 texts/);
  });

  it("finds lexically similar questions with the LexicalEmbedder (DSPy's test_knn scenarios)", async () => {
    const questions = [
      new Example({ question: "What is the capital of France?", answer: "Paris" }).withInputs("question"),
      new Example({ question: "What is the largest ocean?", answer: "Pacific" }).withInputs("question"),
      new Example({ question: "What is 2+2?", answer: "4" }).withInputs("question"),
    ];
    const knn = new KNN(2, questions, new LexicalEmbedder());
    const near3 = await knn.call({ question: "What is 3+3?" });
    expect(near3).toHaveLength(2);
    expect(near3[0]?.answer).toBe("4");
    const nearGermany = await knn.call({ question: "What is the capital of Germany?" });
    expect(nearGermany.map((ex) => ex.answer)).toContain("Paris");
  });
});
