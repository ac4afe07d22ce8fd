import { describe, expect, it } from "vitest";
import { Example } from "../../primitives/example.js";
import { PythonRandom } from "../../python/python-random.js";
import { trainDemos } from "./train-demos.js";

const ex = (i: number) => new Example({ question: `q${i}`, answer: `a${i}` }).withInputs("question");

describe("trainDemos", () => {
  it("puts augmented demos first, then labeled ones sampled with Random(0)", () => {
    const validation = [ex(5), ex(1), ex(3), ex(4)];
    const traces = new Map([["qa", [ex(0), ex(2)]]]);
    const demos = trainDemos(["qa"], traces, validation, 2, 4).get("qa")!;
    expect(demos.slice(0, 2)).toEqual([ex(0), ex(2)].map((e) => expect.objectContaining({ question: e.question })));
    expect(demos.slice(2)).toEqual(new PythonRandom(0).sample(validation, 2));
  });

  it("caps augmented demos and never samples a negative count", () => {
    const traces = new Map([["qa", [ex(0), ex(1), ex(2)]]]);
    const demos = trainDemos(["qa"], traces, [ex(9)], 2, 1).get("qa")!;
    expect(demos.map((d) => d.question)).toEqual(["q0", "q1"]);
  });

  it("samples each predictor's labeled demos from the previous predictor's sample (DSPy's quirk)", () => {
    const validation = Array.from({ length: 8 }, (_, i) => ex(i + 10));
    const traces = new Map<string, Example[]>([["a", []], ["b", [ex(0)]], ["c", []]]);
    const demos = trainDemos(["a", "b", "c"], traces, validation, 4, 4);
    const rng = new PythonRandom(0);
    const first = rng.sample(validation, 4);
    const second = rng.sample(first, 3);
    const third = rng.sample(second, 3);
    expect(demos.get("a")).toEqual(first);
    expect(demos.get("b")!.slice(1)).toEqual(second);
    expect(demos.get("c")).toEqual(third);
    for (const demo of demos.get("c")!) expect(second).toContain(demo);
  });
});
