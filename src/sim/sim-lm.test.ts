import { afterEach, describe, expect, it } from "vitest";
import { Budget } from "../context/budget.js";
import type { Callback } from "../context/callback.js";
import { resetSettings, withSettings } from "../context/settings.js";
import { UsageTracker } from "../context/usage-tracker.js";
import type { LMStreamPart } from "../lm/lm-stream-part.js";
import { ALL_EXCERPTS, guideMessages, QUESTIONS } from "./__fixtures__/guide-task.js";
import { SimLM } from "./sim-lm.js";
import { SimulatorModel } from "./simulator-model.js";
import type { Message } from "../lm/message.js";

afterEach(() => resetSettings());

const demos = [0, 3, 6, 9].map((i) => ({ context: ALL_EXCERPTS, question: QUESTIONS[i]!.question, answer: QUESTIONS[i]!.answer }));
const messages = guideMessages({ demos, query: { context: ALL_EXCERPTS, question: QUESTIONS[5]!.question } });

describe("SimLM", () => {
  it("answers like SimulatorModel and records history and usage through BaseLM", async () => {
    const lm = new SimLM();
    expect(lm.model).toBe("sim/tsdspy-sim-1");
    expect(lm.capabilities.supportsResponseSchema).toBe(true);
    const tracker = new UsageTracker();
    const outputs = await withSettings({ usageTracker: tracker }, () => lm.call(messages));
    const direct = await new SimulatorModel().doGenerate({ model: "tsdspy-sim-1", messages, params: {} });
    expect(outputs).toEqual(direct.outputs);
    expect(outputs[0]!.text).toContain(QUESTIONS[5]!.answer);
    expect(lm.history).toHaveLength(1);
    expect(lm.history[0]).toMatchObject({ model: "sim/tsdspy-sim-1", response_model: "tsdspy-sim-1", cost: 0 });
    expect(tracker.getTotalTokens()["sim/tsdspy-sim-1"]!.total_tokens).toBe(direct.usage.total_tokens);
    expect(lm.dumpState()).toMatchObject({ _dspy_lm_class: "tsdspy.SimLM", model: "sim/tsdspy-sim-1" });
  });

  it("passes rollout_id and temperature through, so copies for bootstrapping rounds sample differently", async () => {
    const lm = new SimLM({ temperature: 0 });
    const base = (await lm.call(messages))[0]!.text;
    expect((await lm.copy({ rollout_id: 1 }).call(messages))[0]!.text).toBe(base);
    const texts = new Set<string | null>();
    for (let r = 1; r <= 12; r++) texts.add((await lm.copy({ rollout_id: r, temperature: 1.0 }).call(messages))[0]!.text);
    expect(texts.size).toBeGreaterThan(1);
  });
});

describe("SimLM.stream", () => {
  it("streams the same reply as call(), in token-like deltas, with history, usage, budget and callbacks", async () => {
    const lm = new SimLM();
    const [expected] = await new SimLM().call(messages);
    const events: string[] = [];
    const callback: Callback = { onLmStart: (id) => events.push(`start:${id.length > 0}`), onLmEnd: (_id, outputs, error) => events.push(`end:${(outputs as unknown[] | null)?.length ?? 0}:${error ?? null}`) };
    const tracker = new UsageTracker();
    const budget = new Budget({ maxCalls: 5 });
    const parts: LMStreamPart[] = [];
    await withSettings({ usageTracker: tracker, callbacks: [callback], budgets: [budget] }, async () => {
      for await (const part of lm.stream(messages)) parts.push(part);
    });
    const deltas = parts.flatMap((p) => (p.type === "text-delta" ? [p.delta] : []));
    expect(deltas.join("")).toBe(expected!.text);
    expect(deltas.length).toBeGreaterThan(50);
    expect(parts.at(-1)).toMatchObject({ type: "finish", response: { outputs: [{ text: expected!.text }] } });
    expect(lm.history).toHaveLength(1);
    expect(tracker.getTotalTokens()["sim/tsdspy-sim-1"]!.total_tokens).toBeGreaterThan(0);
    expect(budget.spent.calls).toBe(1);
    expect(events).toEqual(["start:true", "end:1:null"]);
  });

  it("refuses to start past a budget, and stops when aborted", async () => {
    const lm = new SimLM({ budget: { maxCalls: 0 } });
    await expect(async () => {
      for await (const _ of lm.stream(messages)) void _;
    }).rejects.toThrow();
    const controller = new AbortController();
    const slow = new SimLM({ streamDelayMs: 1 });
    let seen = 0;
    await expect(async () => {
      for await (const part of slow.stream(messages, {}, { signal: controller.signal })) if (part.type === "text-delta" && ++seen === 2) controller.abort(new Error("cancelled"));
    }).rejects.toThrow("cancelled");
    expect(seen).toBe(2);
    expect(slow.history).toHaveLength(0);
  });
});

describe("SimLM under token and cost budgets", () => {
  it("reserves a bound no reply exceeds, so maxTokens and maxCost budgets work without max_tokens", async () => {
    const prompts = (await import("./__fixtures__/dspy-prompts.json", { with: { type: "json" } })).default as Record<string, Message[]>;
    const budget = new Budget({ maxTokens: 10_000_000, maxCost: 0.01 });
    const lm = new SimLM({ budget });
    for (const [key, list] of Object.entries(prompts)) {
      const prompt = list.reduce((sum, m) => sum + 4 + Math.ceil(String(m.content ?? "").length / 4), 0);
      const before = budget.spent.tokens;
      await lm.call(list, { n: 2, temperature: 1 });
      const spent = budget.spent.tokens - before;
      expect(spent, key).toBeLessThanOrEqual(prompt + 2 * (2 * prompt + 512));
    }
    expect(budget.spent.cost).toBe(0);
    const tight = new SimLM({ budget: { maxTokens: 50 } });
    await expect(tight.call(messages)).rejects.toThrow(/tokens/);
  });
});
