import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Budget } from "../context/budget.js";
import { resetSettings } from "../context/settings.js";
import { withBudget } from "../context/with-budget.js";
import { BudgetEstimateError } from "../errors/budget-estimate-error.js";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { LMTimeoutError } from "../errors/lm-errors.js";
import type { Message } from "../lm/message.js";
import { ManualClock } from "../testing/manual-clock.js";
import { openAIWire } from "../providers/openai/openai-wire.case.js";
import { FakeServer } from "../providers/shared/fake-server.case.js";
import { estimatePromptTokens } from "./estimate-prompt-tokens.js";
import { LM } from "./lm.js";
import type { LMOptions } from "./lm-options.js";
import "../providers/builtin-providers.js";

/** Every reply spends 30 prompt + 50 completion tokens, as a provider would report them. */
const USAGE = { prompt: 30, completion: 50 };
const question = (n: number): Message[] => [{ role: "user", content: `Question number ${n}?` }];

describe("budgets under 64-way concurrency (a fake OpenAI server)", () => {
  let server: FakeServer;
  beforeEach(async () => {
    server = await FakeServer.start({ responder: () => openAIWire.ok("an answer", USAGE) });
  });
  afterEach(async () => {
    await server.close();
    resetSettings();
  });

  const lm = (options: LMOptions = {}) =>
    new LM("openai/gpt-4o-mini", { apiBase: `${server.url}/v1`, apiKey: "sk-test", cache: false, maxTokens: 64, numRetries: 0, ...options });

  /** Runs 64 calls at once under `budget`; returns how many succeeded and the errors of the others. */
  async function storm(model: LM, budget: Budget): Promise<{ ok: number; errors: unknown[] }> {
    const outcomes = await withBudget(budget, () =>
      Promise.all(Array.from({ length: 64 }, (_, n) => model.call(question(n)).then(() => null, (error: unknown) => error ?? "error"))),
    );
    const errors = outcomes.filter((o) => o !== null);
    return { ok: 64 - errors.length, errors };
  }

  it("maxTokens is never exceeded: each call reserves prompt bound + max_tokens, waits, and is refused when it cannot fit", async () => {
    const budget = new Budget({ maxTokens: 300 });
    const { ok, errors } = await storm(lm(), budget);
    expect(budget.spent.tokens).toBeLessThanOrEqual(300);
    // 80 tokens really spent per call: three fit (240), a fourth's worst case (~120) does not.
    expect(ok).toBe(3);
    expect(budget.spent.tokens).toBe(240);
    expect(server.requests).toHaveLength(3);
    expect(errors.every((e) => e instanceof BudgetExceededError && e.limit === "tokens")).toBe(true);
    const { needed, left } = (errors[0] as BudgetExceededError).shortfall!;
    expect([left, needed > left]).toEqual([60, true]);
    expect(budget.inFlight).toEqual({ calls: 0, tokens: 0, cost: 0 });
  });

  it("maxCost is never exceeded, at the model's price", async () => {
    const price = { input: 1_000, output: 1_000 }; // $ per million tokens: a call costs $0.08, its worst case ~$0.114
    const budget = new Budget({ maxCost: 0.5 });
    const { ok, errors } = await storm(lm({ price }), budget);
    expect(budget.spent.cost!).toBeLessThanOrEqual(0.5);
    expect(ok).toBe(5);
    expect(budget.spent.cost).toBeCloseTo(0.4, 10);
    expect(server.requests).toHaveLength(5);
    expect(errors.every((e) => e instanceof BudgetExceededError && e.limit === "cost")).toBe(true);
  });

  it("maxCalls is exact", async () => {
    const budget = new Budget({ maxCalls: 10 });
    const { ok } = await storm(lm(), budget);
    expect(ok).toBe(10);
    expect(server.requests).toHaveLength(10);
    expect(budget.spent.calls).toBe(10);
  });

  it("an LM's own budget and a scope's budget both hold", async () => {
    const own = new Budget({ maxTokens: 200 });
    const scope = new Budget({ maxCalls: 5 });
    const { ok } = await storm(lm({ budget: own }), scope);
    expect(ok).toBe(2);
    expect(own.spent.tokens).toBe(160);
    expect(scope.spent.calls).toBe(2);
  });

  it("maxCost with an unknown price, or a cap with no max_tokens, fails before anything is sent", async () => {
    const unpriced = new LM("nosuch/model", { apiBase: `${server.url}/v1`, cache: false, maxTokens: 64 });
    const priceError = await withBudget({ maxCost: 1 }, () => unpriced.call(question(1))).catch((e: unknown) => e);
    expect(priceError).toBeInstanceOf(BudgetEstimateError);
    expect((priceError as Error).message).toContain("the price of nosuch/model is unknown");
    expect((priceError as Error).message).toContain("price: { input:");
    const unbounded = lm({ maxTokens: null });
    const tokensError = await withBudget({ maxTokens: 1_000 }, () => unbounded.call(question(1))).catch((e: unknown) => e);
    expect(tokensError).toBeInstanceOf(BudgetEstimateError);
    expect((tokensError as Error).message).toContain("the call has no max_tokens");
    expect(server.requests).toHaveLength(0);
    // A per-call max_tokens is enough; maxCalls alone needs no estimate.
    await withBudget({ maxTokens: 1_000 }, () => unbounded.call(question(1), { max_tokens: 64 }));
    await withBudget({ maxCalls: 1 }, () => unbounded.call(question(2)));
    expect(server.requests).toHaveLength(2);
  });

  it("a failed call gives its reservation back; a timed-out one is charged its worst case", async () => {
    await server.close();
    server = await FakeServer.start();
    server.reply({ status: 400, json: { error: { message: "bad request", type: "invalid_request_error" } } });
    const budget = new Budget({ maxTokens: 1_000 });
    await expect(withBudget(budget, () => lm().call(question(1)))).rejects.toThrow("bad request");
    expect(budget.spent.tokens).toBe(0);
    expect(budget.inFlight.tokens).toBe(0);
    const clock = new ManualClock();
    server.reply({ hang: true });
    const pending = withBudget(budget, () => lm({ clock, timeoutMs: 1_000 }).call(question(1))).catch((e: unknown) => e);
    await server.waitForRequests(2);
    clock.advance(1_000);
    expect(await pending).toBeInstanceOf(LMTimeoutError);
    expect(budget.spent.tokens).toBe(estimatePromptTokens(question(1), {})! + 64);
  });
});
