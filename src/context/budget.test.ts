import { describe, expect, it } from "vitest";
import { BudgetEstimateError } from "../errors/budget-estimate-error.js";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { Budget, reserveBudgets, type CallEstimate } from "./budget.js";

const call = (tokens: number | null, cost: number | null = null): CallEstimate => ({ model: "m/x", tokens, cost });

describe("Budget reservations", () => {
  it("a call that fits only once calls in flight settle waits for them; one that can never fit is refused", async () => {
    const budget = new Budget({ maxTokens: 100 });
    const first = await reserveBudgets([budget], () => call(60));
    let second: Awaited<ReturnType<typeof reserveBudgets>> | undefined;
    const waiting = reserveBudgets([budget], () => call(60)).then((holds) => (second = holds));
    await new Promise((resolve) => setImmediate(resolve));
    expect(second).toBeUndefined();
    expect(budget.inFlight).toEqual({ calls: 1, tokens: 60, cost: 0 });
    first.settle({ total_tokens: 30 }, null);
    await waiting;
    expect(budget.inFlight.tokens).toBe(60);
    second!.settle({ total_tokens: 30 }, null);
    expect(budget.spent).toMatchObject({ calls: 2, tokens: 60 });
    await expect(reserveBudgets([budget], () => call(41))).rejects.toBeInstanceOf(BudgetExceededError);
  });

  it("reserves on every budget or none, and a waiting call can be aborted", async () => {
    const roomy = new Budget({ maxTokens: 1_000 });
    const tight = new Budget({ maxTokens: 100 });
    const held = await reserveBudgets([roomy, tight], () => call(80));
    const controller = new AbortController();
    const waiting = reserveBudgets([roomy, tight], () => call(80), controller.signal);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    expect(roomy.inFlight.tokens).toBe(80);
    held.release();
    expect([roomy.inFlight.tokens, tight.inFlight.tokens, roomy.spent.tokens]).toEqual([0, 0, 0]);
  });

  it("forfeit charges the worst case; a call without usage is charged its reservation", async () => {
    const budget = new Budget({ maxTokens: 1_000, maxCost: 1 });
    (await reserveBudgets([budget], () => call(100, 0.1))).forfeit();
    (await reserveBudgets([budget], () => call(100, 0.1))).settle({}, null);
    expect(budget.spent).toEqual({ calls: 2, tokens: 200, cost: 0.2 });
  });

  it("a cap that needs an estimate refuses unbounded calls; maxCalls alone never estimates", async () => {
    await expect(reserveBudgets([new Budget({ maxTokens: 10 })], () => call(null))).rejects.toBeInstanceOf(BudgetEstimateError);
    await expect(reserveBudgets([new Budget({ maxCost: 1 })], () => call(5, null))).rejects.toThrow("price of m/x is unknown");
    const calls = new Budget({ maxCalls: 1 });
    await reserveBudgets([calls], () => {
      throw new Error("not estimated");
    });
    expect(calls.spent.calls).toBe(1);
    await expect(reserveBudgets([calls], () => call(1))).rejects.toThrow("the calls limit of 1 was reached");
  });
});
