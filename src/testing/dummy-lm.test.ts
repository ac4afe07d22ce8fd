import { afterEach, describe, expect, it } from "vitest";
import { XMLAdapter } from "../adapters/xml-adapter.js";
import { resetSettings } from "../context/settings.js";
import { DummyLM } from "./dummy-lm.js";

afterEach(() => resetSettings());

const ask = (question: string) => [{ role: "user" as const, content: `[[ ## question ## ]]\n${question}` }];

describe("DummyLM", () => {
  it("shares its answer list position with copies, as DSPy's copies share one iterator", async () => {
    const lm = new DummyLM([{ answer: "a" }, { answer: "b" }, { answer: "c" }]);
    const copy = lm.copy({ rollout_id: 1, temperature: 1.0 });
    expect((await lm.call(ask("1")))[0]?.text).toContain("a");
    expect((await copy.call(ask("2")))[0]?.text).toContain("b");
    expect((await lm.call(ask("3")))[0]?.text).toContain("c");
    expect([lm.history.length, copy.history.length]).toEqual([2, 1]);
  });

  it("with followExamples, fails like DSPy's max() when no message has a field header (XML prompts)", async () => {
    const lm = new DummyLM([], { followExamples: true, adapter: new XMLAdapter() });
    await expect(lm.call([{ role: "user", content: "<question>\nq\n</question>" }])).rejects.toThrow("max() arg is an empty sequence");
    expect(lm.history).toHaveLength(0);
  });
});
