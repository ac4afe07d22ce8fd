import { describe, expect, it } from "vitest";
import { Example } from "../../primitives/example.js";
import { canonicalJson } from "../../utils/canonical-json.js";
import { sha256Hex } from "../../utils/hash.js";
import { PythonRandom } from "../../python/python-random.js";
import { selectTrace } from "./select-trace.js";

const demo = (i: number, answer = "a") => new Example({ augmented: true, question: `q${i}`, answer });

describe("selectTrace", () => {
  it("keeps a single demo", () => {
    const only = demo(0);
    expect(selectTrace([only])).toBe(only);
  });

  it("applies DSPy's coin flip with an RNG seeded by the SHA-256 of the demos' canonical JSON", () => {
    for (let n = 2; n <= 6; n++) {
      const demos = Array.from({ length: n }, (_, i) => demo(i, `a${n}`));
      const rng = new PythonRandom(sha256Hex(canonicalJson(demos.map((d) => d.toDict()))));
      const expected = rng.random() < 0.5 ? rng.choice(demos.slice(0, -1)) : demos[n - 1];
      expect(selectTrace(demos)).toBe(expected);
    }
  });

  it("is stable for equal content and ignores key order", () => {
    const a = [demo(1), demo(2), demo(3)];
    const b = [demo(1), demo(2), demo(3)];
    const reordered = a.map((d) => new Example({ answer: d.answer, question: d.question, augmented: true }));
    const index = (list: Example[], picked: Example) => list.indexOf(picked);
    expect(index(b, selectTrace(b))).toBe(index(a, selectTrace(a)));
    expect(index(reordered, selectTrace(reordered))).toBe(index(a, selectTrace(a)));
  });

  it("takes both branches over different inputs", () => {
    const picks = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const demos = [demo(i, "first"), demo(i, "middle"), demo(i, "last")];
      picks.add(String(selectTrace(demos).answer));
    }
    expect(picks).toEqual(new Set(["first", "middle", "last"]));
  });
});
