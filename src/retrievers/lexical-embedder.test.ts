import { describe, expect, it } from "vitest";
import { LexicalEmbedder } from "./lexical-embedder.js";

const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] as number), 0);

describe("LexicalEmbedder", () => {
  it("returns unit vectors of the configured size, zero for a text without words", async () => {
    const embedder = new LexicalEmbedder({ dimensions: 64 });
    const [a, empty] = await embedder.embed(["The capital of France", " ,;! "]);
    expect(a).toHaveLength(64);
    expect(dot(a!, a!)).toBeCloseTo(1, 12);
    expect(empty!.every((x) => x === 0)).toBe(true);
  });

  it("is deterministic across instances and ignores case and punctuation", async () => {
    const one = new LexicalEmbedder().vector("What is the capital of France?");
    const two = new LexicalEmbedder().vector("what is THE capital of france");
    expect(one).toEqual(two);
  });

  it("ranks lexically closer texts higher", async () => {
    const embedder = new LexicalEmbedder();
    const [query, near, far] = await embedder.embed(["capital of Belgium", "What is the capital of France?", "How many legs does a spider have?"]);
    expect(dot(query!, near!)).toBeGreaterThan(dot(query!, far!));
  });

  it("character n-grams match word variants; words only do not", () => {
    const grams = new LexicalEmbedder();
    const words = new LexicalEmbedder({ charNgrams: [] });
    expect(dot(grams.vector("bootstrapping"), grams.vector("bootstrapped"))).toBeGreaterThan(0.3);
    expect(dot(words.vector("bootstrapping"), words.vector("bootstrapped"))).toBeCloseTo(0, 12);
  });

  it("down-weights features common in the corpus", () => {
    const corpus = ["question: what is x", "question: what is y", "question: what is z"];
    const plain = new LexicalEmbedder();
    const idf = new LexicalEmbedder({ corpus });
    const a = "question: what is blue";
    const b = "question: what is red";
    expect(dot(idf.vector(a), idf.vector(b))).toBeLessThan(dot(plain.vector(a), plain.vector(b)));
  });

  it("rejects bad options", () => {
    expect(() => new LexicalEmbedder({ dimensions: 0 })).toThrow(/dimensions must be a whole number >= 1/);
    expect(() => new LexicalEmbedder({ charNgrams: [0] })).toThrow(/charNgrams/);
  });
});
