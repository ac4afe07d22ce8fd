import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ChatAdapter } from "../adapters/chat-adapter.js";
import { JSONAdapter } from "../adapters/json-adapter.js";
import { XMLAdapter } from "../adapters/xml-adapter.js";
import { StreamListener } from "./stream-listener.js";

/** What DSPy 3.3.1's StreamListener emitted for each chunk sequence (`__fixtures__/capture-stream-listener.py`). */
interface Case {
  adapter: "chat" | "json" | "xml";
  reply: string;
  split: string;
  fields: string[];
  allowReuse?: boolean;
  chunks: string[];
  emitted: Array<[number, number, string, boolean]>;
  finalized: Array<[number, string, boolean]>;
  flags: Array<[boolean, boolean, boolean]>;
}

const fixture = JSON.parse(readFileSync(new URL("./__fixtures__/stream-listener.json", import.meta.url), "utf8")) as {
  cases: Case[];
  errors: Record<string, string>;
};
const ADAPTERS = { chat: () => new ChatAdapter(), json: () => new JSONAdapter(), xml: () => new XMLAdapter() };

function replay(c: Case) {
  const adapter = ADAPTERS[c.adapter]();
  const listeners = c.fields.map((f) => new StreamListener({ signatureFieldName: f, predictName: "predict", allowReuse: c.allowReuse ?? false }));
  const emitted: Case["emitted"] = [];
  c.chunks.forEach((delta, i) => {
    listeners.forEach((listener, li) => {
      const out = listener.receive({ type: "text-delta", index: 0, delta }, adapter);
      if (out) {
        expect(out.predictName).toBe("predict");
        expect(out.signatureFieldName).toBe(c.fields[li]);
        emitted.push([i, li, out.chunk, out.isLastChunk]);
      }
    });
  });
  const finalized: Case["finalized"] = [];
  listeners.forEach((listener, li) => {
    const out = listener.finalize();
    if (out) finalized.push([li, out.chunk, out.isLastChunk]);
  });
  const flags = listeners.map((l) => [l.streamStart, l.streamEnd, l.cacheHit]);
  return { emitted, finalized, flags };
}

describe("StreamListener replays DSPy's listener", () => {
  it("holds enough cases", () => {
    expect(fixture.cases.length).toBeGreaterThan(1500);
  });

  for (const adapter of ["chat", "json", "xml"] as const) {
    it(`emits exactly DSPy's chunks for every ${adapter} split`, () => {
      const failures: string[] = [];
      const cases = fixture.cases.filter((c) => c.adapter === adapter);
      for (const c of cases) {
        const got = replay(c);
        const want = { emitted: c.emitted, finalized: c.finalized, flags: c.flags };
        if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`${c.reply}/${c.split}: got ${JSON.stringify(got)} want ${JSON.stringify(want)}`);
      }
      expect(failures.slice(0, 5)).toEqual([]);
      expect(cases.length).toBeGreaterThan(300);
    });
  }

  it("refuses an adapter it cannot stream with DSPy's message", async () => {
    const { TwoStepAdapter } = await import("../adapters/two-step-adapter.js");
    const { DummyLM } = await import("../testing/dummy-lm.js");
    const listener = new StreamListener({ signatureFieldName: "answer" });
    const adapter = new TwoStepAdapter(new DummyLM([]));
    expect(() => listener.receive({ type: "text-delta", index: 0, delta: "x" }, adapter)).toThrow(fixture.errors.unsupportedAdapter!);
  });
});
