import { afterEach, describe, expect, it } from "vitest";
import { configure, globalHistory, resetSettings, withSettings } from "../context/settings.js";
import { UsageTracker } from "../context/usage-tracker.js";
import type { LMResponse } from "../lm/lm-response.js";
import { BaseLM, type LMForwardRequest } from "./base-lm.js";

class EchoLM extends BaseLM {
  requests: LMForwardRequest[] = [];
  protected async forward(request: LMForwardRequest): Promise<LMResponse> {
    this.requests.push(request);
    return { outputs: [{ text: "echo" }], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 }, model: "echo-1" };
  }
}

afterEach(() => resetSettings());

describe("BaseLM", () => {
  it("merges default parameters with per-call ones (null removes) and records history with DSPy's keys", async () => {
    const lm = new EchoLM("test/echo", { temperature: 0.5, params: { top_p: 0.9 } });
    const outputs = await lm.call([{ role: "user", content: "hi" }], { temperature: 0.1, top_p: null, api_key: "sk" });
    expect(outputs).toEqual([{ text: "echo" }]);
    expect(lm.requests[0]!.params).toEqual({ temperature: 0.1, api_key: "sk" });
    const entry = lm.history[0]!;
    expect(Object.keys(entry)).toEqual([
      "prompt", "messages", "kwargs", "response", "outputs", "usage", "cost", "timestamp", "uuid", "model", "response_model", "model_type",
    ]);
    expect(entry.kwargs).toEqual({ temperature: 0.1, top_p: null });
    expect(entry.outputs).toEqual(["echo"]);
    expect(entry.response_model).toBe("echo-1");
    expect(globalHistory()).toHaveLength(1);
  });

  it("adds usage to the active tracker and history to the calling modules", async () => {
    const lm = new EchoLM("test/echo");
    const tracker = new UsageTracker();
    const module = { history: [] as never[] };
    await withSettings({ usageTracker: tracker, callerModules: [module] }, () => lm.call([{ role: "user", content: "x" }]));
    await withSettings({ usageTracker: tracker }, () => lm.call([{ role: "user", content: "y" }]));
    expect(tracker.getTotalTokens()).toEqual({ "test/echo": { prompt_tokens: 6, completion_tokens: 2, total_tokens: 8 } });
    expect(module.history).toHaveLength(1);
  });

  it("copy changes parameters without sharing history; dumpState omits the API key", async () => {
    const lm = new EchoLM("test/echo", { temperature: 0, params: { api_key: "secret" } });
    await lm.call([{ role: "user", content: "x" }]);
    const copy = lm.copy({ rollout_id: 1, temperature: 1.0 });
    expect(copy.history).toEqual([]);
    expect(copy.kwargs).toMatchObject({ rollout_id: 1, temperature: 1.0 });
    expect(lm.kwargs.rollout_id).toBeUndefined();
    expect(JSON.stringify(lm.dumpState())).not.toContain("secret");
  });

  it("disableHistory keeps calls out of every history", async () => {
    configure({ disableHistory: true });
    const lm = new EchoLM("test/echo");
    await lm.call([{ role: "user", content: "x" }]);
    expect(lm.history).toHaveLength(0);
    expect(globalHistory()).toHaveLength(0);
  });

  it("the global inspectHistory shows the last calls of any LM", async () => {
    const { inspectHistory } = await import("../context/inspect-history.js");
    await new EchoLM("test/echo").call([{ role: "user", content: "first" }]);
    await new EchoLM("test/other").call([{ role: "user", content: "second" }]);
    let written = "";
    const text = inspectHistory(2, { write: (t) => (written += t) });
    expect(written).toBe(text);
    expect(text.indexOf("first")).toBeLessThan(text.indexOf("second"));
    expect(text).not.toContain("\x1b[");
  });

  it("inspectHistory prints like DSPy", async () => {
    const lm = new EchoLM("test/echo");
    await lm.call([{ role: "system", content: "sys " }, { role: "user", content: "question" }]);
    const text = lm.inspectHistory(1);
    // Expected bytes from DSPy 3.3.1's pretty_print_history, with the timestamp replaced.
    expect(text.replace(/\[[^\]]+\]/, "[T]")).toBe(
      "\n\n\n\n[T]\n\nSystem message:\n\nsys\n\n\nUser message:\n\nquestion\n\n\nResponse:\n\necho\n\n\n\n\n\n",
    );
    await lm.call([{ role: "user", content: "q" }], { n: 2 });
    lm.history[1]!.outputs = ["a", "b"];
    expect(lm.inspectHistory(1).replace(/\[[^\]]+\]/, "[T]")).toBe(
      "\n\n\n\n[T]\n\nUser message:\n\nq\n\n\nResponse:\n\na\n\n \t (and 1 other completions)\n\n\n\n\n",
    );
  });
});

describe("BaseLM budgets and parameters", () => {
  it("extra options become default parameters; a budget on any BaseLM (DummyLM-like) is enforced", async () => {
    const { withBudget } = await import("../context/with-budget.js");
    const { BudgetExceededError } = await import("../errors/budget-exceeded-error.js");
    const lm = new EchoLM("test/echo", { temperature: 0.1, top_p: 0.5, seed: 3 });
    expect(lm.kwargs).toEqual({ temperature: 0.1, max_tokens: null, top_p: 0.5, seed: 3 });
    await withBudget({ maxCalls: 1 }, async () => {
      await lm.call([{ role: "user", content: "x" }]);
      await expect(lm.call([{ role: "user", content: "y" }])).rejects.toBeInstanceOf(BudgetExceededError);
    });
    expect(lm.requests).toHaveLength(1);
  });
});

describe("BaseLM.stream", () => {
  it("streams a subclass's whole reply on call()'s path: callbacks, history, usage, budgets", async () => {
    const { Budget } = await import("../context/budget.js");
    const lm = new EchoLM("test/echo", { maxTokens: 10, budget: new Budget({ maxCalls: 2 }) });
    const events: string[] = [];
    const parts: unknown[] = [];
    const tracker = new UsageTracker();
    await withSettings({ usageTracker: tracker, callbacks: [{ onLmStart: () => void events.push("start"), onLmEnd: (_id, out) => void events.push(`end ${JSON.stringify(out)}`) }] }, async () => {
      for await (const part of lm.stream([{ role: "user", content: "hi" }])) parts.push(part);
    });
    expect(parts).toEqual([
      { type: "text-delta", index: 0, delta: "echo" },
      { type: "finish", response: { outputs: [{ text: "echo" }], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 }, model: "echo-1" } },
    ]);
    expect(events).toEqual(["start", 'end [{"text":"echo"}]']);
    expect(lm.history).toHaveLength(1);
    expect(tracker.getTotalTokens()).toEqual({ "test/echo": { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } });
    expect(lm.budget!.spent.calls).toBe(1);
  });
});
