import { afterEach, describe, expect, it } from "vitest";
import type { Adapter } from "../adapters/adapter.js";
import { ChatAdapter } from "../adapters/chat-adapter.js";
import { JSONAdapter } from "../adapters/json-adapter.js";
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

  it("writes answers as DSPy's DummyLM does (bare OutputField: lists as JSON, XML text unescaped)", async () => {
    // DSPy 3.3.1's DummyLM._format_answer_fields({"answer": ["a", "b"], "note": "x < y & z"}) with each adapter.
    const expected: Array<[Adapter, string]> = [
      [new ChatAdapter(), '[[ ## answer ## ]]\n["a", "b"]\n\n[[ ## note ## ]]\nx < y & z'],
      [new XMLAdapter(), '<answer>\n["a", "b"]\n</answer>\n\n<note>\nx < y & z\n</note>'],
      [new JSONAdapter(), '{\n  "answer": [\n    "a",\n    "b"\n  ],\n  "note": "x < y & z"\n}'],
    ];
    for (const [adapter, text] of expected) {
      const lm = new DummyLM([{ answer: ["a", "b"], note: "x < y & z" }], { adapter });
      expect((await lm.call(ask("q")))[0]?.text).toBe(text);
    }
  });
});
