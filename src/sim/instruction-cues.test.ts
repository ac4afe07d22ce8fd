import { describe, expect, it } from "vitest";
import { readCues, splitSentences } from "./instruction-cues.js";
import { SeededRandom } from "./seeded-random.js";

describe("readCues", () => {
  it("finds each documented cue and nothing else", () => {
    expect(readCues("Given the fields `question`, produce the fields `answer`.")).toEqual({
      cite: false, quote: false, concise: false, polite: false, labelsOnly: false, stepByStep: false,
    });
    expect(readCues("Short answer with a citation")).toMatchObject({ cite: true, quote: false });
    expect(readCues("Be concise and name the source.")).toMatchObject({ cite: true, concise: true });
    expect(readCues("Quote the context verbatim, be polite.")).toMatchObject({ quote: true, polite: true });
    expect(readCues("Answer with exactly one of the allowed labels. Think step by step.")).toMatchObject({ labelsOnly: true, stepByStep: true });
    expect(readCues("the excited recital")).toMatchObject({ cite: false });
  });

  it("does not read a cue its own sentence negates", () => {
    expect(readCues("Do not cite anything. Never quote.")).toMatchObject({ cite: false, quote: false });
    expect(readCues("Do not guess. Cite the source.")).toMatchObject({ cite: true });
    expect(readCues("Answer without explaining your reasoning step by step.")).toMatchObject({ stepByStep: false });
  });
});

describe("splitSentences", () => {
  it("splits at line breaks and sentence ends, never inside quotes, and drops list bullets", () => {
    expect(splitSentences('Join the words with ". ". Then stop!\n- Keep it short; be kind\n2. Last one')).toEqual([
      'Join the words with ". ".',
      "Then stop!",
      "Keep it short;",
      "be kind",
      "Last one",
    ]);
  });
});

describe("SeededRandom", () => {
  it("is a pure function of its seed, and forks independently of the parent's draws", () => {
    const a = new SeededRandom("s");
    const b = new SeededRandom("s");
    const drawsA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(drawsA);
    expect(new Set(drawsA).size).toBe(20);
    expect(drawsA.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new SeededRandom("t").next()).not.toBe(drawsA[0]);
    expect(a.fork("x").next()).toBe(new SeededRandom("s").fork("x").next());
    const ints = Array.from({ length: 200 }, () => a.int(1, 3));
    expect(new Set(ints)).toEqual(new Set([1, 2, 3]));
    expect(() => a.pick([])).toThrow(/at least one item/);
  });
});
