import { afterEach, describe, expect, it } from "vitest";
import { resetSettings, withSettings } from "../context/settings.js";
import { Module } from "../primitives/module.js";
import { Predict } from "../predict/predict.js";
import { PythonRandom } from "../python/python-random.js";
import { BM25Retriever } from "./bm25-retriever.js";
import { Embeddings } from "./embeddings.js";
import { LexicalEmbedder } from "./lexical-embedder.js";
import { Retrieve } from "./retrieve.js";

afterEach(() => resetSettings());

const POLICIES = [
  "Late deliveries: parcels more than 5 days late get a full shipping refund.",
  "Refund timing: refunds reach the original payment method in 3 to 5 business days.",
  "Damaged items: damaged items are replaced free of charge; send a photo within 14 days.",
  "Store credit: store credit is issued instantly and never expires.",
];

describe("BM25Retriever", () => {
  it("ranks by Okapi BM25 and breaks ties by corpus order", async () => {
    const bm25 = new BM25Retriever(POLICIES, { k: 2 });
    expect((await bm25.call("damaged photo")).indices).toEqual([2, 0]);
    const { scores } = bm25.search("refund", 4);
    expect(scores.every((s, i) => i === 0 || s <= scores[i - 1]!)).toBe(true);
    // "store" occurs twice in passage 3 only: idf = ln(1 + (N - df + 0.5) / (df + 0.5)), tf saturation with k1 = 1.5, b = 0.75.
    const lengths = POLICIES.map((p) => p.match(/[\p{L}\p{N}]+/gu)!.length);
    const avg = lengths.reduce((a, b) => a + b) / lengths.length;
    const [n, df, tf, len] = [4, 1, 2, lengths[3]!];
    const expected = Math.log(1 + (n - df + 0.5) / (df + 0.5)) * ((tf * 2.5) / (tf + 1.5 * (1 - 0.75 + (0.75 * len) / avg)));
    expect(bm25.scores("store")[3]).toBeCloseTo(expected, 12);
    expect(await bm25.retrieve("store credit", { k: 1 })).toEqual([POLICIES[3]]);
  });
});

describe("Retrieve", () => {
  it("asks the configured retriever for k passages and saves k as DSPy does", async () => {
    const retrieve = new Retrieve({ k: 2 });
    await expect(retrieve.call("refund")).rejects.toThrow("No RM is loaded.");
    const events: string[] = [];
    const pred = await withSettings(
      { rm: new BM25Retriever(POLICIES), callbacks: [{ onModuleStart: () => events.push("start"), onModuleEnd: () => events.push("end") }] },
      () => retrieve.call("refund timing"),
    );
    expect(pred.passages).toHaveLength(2);
    expect(pred.passages[0]).toBe(POLICIES[1]);
    expect(events).toEqual(["start", "end"]);
    const fromFunction = await withSettings({ rm: (_q: string, { k }: { k: number }) => [{ long_text: `k=${k}` }] }, () => retrieve.call("x", { k: 5 }));
    expect(fromFunction.passages).toEqual(["k=5"]);
    expect(retrieve.dumpState()).toEqual({ k: 2 });
    expect(retrieve.loadState({ k: 7 }).k).toBe(7);
  });

  it("is a parameter of a program (saved as `retrieve`) but not one of its predictors", () => {
    class Program extends Module {
      retrieve = new Retrieve();
      answer = new Predict("context, question -> answer");
      async forward() {
        return this.answer.call({ context: "", question: "" });
      }
    }
    const program = new Program();
    expect(program.namedParameters().map(([n]) => n)).toEqual(["retrieve", "answer"]);
    expect(program.namedPredictors().map(([n]) => n)).toEqual(["answer"]);
    expect(Object.keys(program.dumpState())).toEqual(["retrieve", "answer"]);
  });
});

describe("Embeddings", () => {
  it("searches a corpus with the built-in lexical embedder and is a retriever", async () => {
    const search = new Embeddings(POLICIES, new LexicalEmbedder({ corpus: POLICIES }), { k: 1 });
    expect((await search.call("my item arrived damaged")).indices).toEqual([2]);
    const pred = await withSettings({ rm: search }, () => new Retrieve({ k: 2 }).call("store credit"));
    expect(pred.passages[0]).toBe(POLICIES[3]);
  });

  it("from bruteForceThreshold on, proposes candidates with an HNSW index (usearch) and re-ranks them exactly", async () => {
    const rng = new PythonRandom(4);
    const vectors = new Map<string, number[]>();
    const corpus = Array.from({ length: 400 }, (_, i) => `doc ${i}`);
    const queries = Array.from({ length: 20 }, (_, i) => `query ${i}`);
    for (const text of [...corpus, ...queries]) vectors.set(text, Array.from({ length: 16 }, () => rng.uniform(-1, 1)));
    const embed = (texts: string[]) => texts.map((t) => vectors.get(t)!);
    const exact = new Embeddings(corpus, embed, { k: 5 });
    const approximate = new Embeddings(corpus, embed, { k: 5, bruteForceThreshold: 100 });
    const a = await exact.search(queries);
    const b = await approximate.search(queries);
    let same = 0;
    for (let i = 0; i < queries.length; i++) same += a[i]!.indices.filter((id) => b[i]!.indices.includes(id)).length;
    expect(same / (queries.length * 5)).toBeGreaterThanOrEqual(0.95);
  });

  it("says what is wrong with an embedder's output", async () => {
    const bad = new Embeddings(["a", "b"], () => [[1, 2]]);
    await expect(bad.call("a")).rejects.toThrow("The embedder returned 1 vectors for 2 passages.");
  });
});
