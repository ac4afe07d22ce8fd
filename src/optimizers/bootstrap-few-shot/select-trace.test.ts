import { describe, expect, it } from "vitest";
import { Example } from "../../primitives/example.js";
import { canonicalJson } from "../../utils/canonical-json.js";
import { sha256Hex } from "../../utils/hash.js";
import { PythonRandom } from "../../python/python-random.js";
import { selectTrace } from "./select-trace.js";

const demo = (i: number, answer = "a") => new Example({ augmented: true, question: `q${i}`, answer });

/** A value CPython would pickle as a custom class, which tsdspy does not model. */
class Custom {
  constructor(readonly x: number) {}
}

describe("selectTrace", () => {
  it("keeps a single demo", () => {
    const only = demo(0);
    expect(selectTrace([only])).toBe(only);
  });

  // DSPy's seed is the SHA-256 of the pickled demos; react-program.oracle.test.ts replays 26 BootstrapFewShot runs
  // over ReAct (several react calls per example) that pick DSPy's demos through it.

  it("falls back to the SHA-256 of the demos' canonical JSON for values it cannot pickle as CPython", () => {
    for (let n = 2; n <= 6; n++) {
      const demos = Array.from({ length: n }, (_, i) => new Example({ augmented: true, question: `q${i}`, answer: new Custom(n) }));
      const rng = new PythonRandom(sha256Hex(canonicalJson(demos.map((d) => d.toDict()))));
      const expected = rng.random() < 0.5 ? rng.choice(demos.slice(0, -1)) : demos[n - 1];
      expect(selectTrace(demos)).toBe(expected);
    }
  });

  it("is stable for equal content", () => {
    const a = [demo(1), demo(2), demo(3)];
    const b = [demo(1), demo(2), demo(3)];
    const index = (list: Example[], picked: Example) => list.indexOf(picked);
    expect(index(b, selectTrace(b))).toBe(index(a, selectTrace(a)));
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
