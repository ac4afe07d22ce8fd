import { BudgetExceededError, type BudgetSpent } from "../errors/budget-exceeded-error.js";
import { ValueError } from "../errors/value-error.js";
import type { LMUsage } from "../lm/lm-usage.js";

/** Hard caps for a run; any subset may be given. */
export interface BudgetLimits {
  /** LM calls that reached a provider (cache hits are free). */
  maxCalls?: number;
  /** Prompt + completion tokens. */
  maxTokens?: number;
  /** Dollars, from provider-reported or priced cost. */
  maxCost?: number;
}

/** Tokens of one call: `total_tokens`, or prompt + completion when the provider gave no total. */
export function usageTokens(usage: LMUsage): number {
  if (typeof usage.total_tokens === "number") return usage.total_tokens;
  return (usage.prompt_tokens ?? 0) + (usage.completion_tokens ?? 0);
}

/**
 * What a run may spend and has spent. A call is counted when it starts, so concurrent calls cannot overshoot
 * `maxCalls`; tokens and dollars are counted when it returns, and the next call is refused once a cap is reached.
 *
 * @example
 * const budget = new Budget({ maxCalls: 100, maxCost: 2 });
 * await withBudget(budget, () => optimizer.compile(program, { trainset }));
 * budget.spent // { calls: 100, tokens: 51234, cost: 0.41 }
 */
export class Budget {
  readonly limits: Readonly<BudgetLimits>;
  private calls = 0;
  private tokens = 0;
  private knownCost = 0;
  private unknownCostCalls = 0;

  constructor(limits: BudgetLimits) {
    for (const [key, value] of Object.entries(limits)) {
      if (value !== undefined && !(typeof value === "number" && value >= 0)) {
        throw new ValueError(`Budget limit ${key} must be a number >= 0, got ${String(value)}.`);
      }
    }
    this.limits = Object.freeze({ ...limits });
  }

  get spent(): BudgetSpent {
    return { calls: this.calls, tokens: this.tokens, cost: this.unknownCostCalls > 0 ? null : this.knownCost };
  }

  /** Calls whose price was unknown, so `maxCost` could not count them. */
  get unpricedCalls(): number {
    return this.unknownCostCalls;
  }

  /** Throws `BudgetExceededError` if a cap has been reached. */
  check(): void {
    const { maxCalls, maxTokens, maxCost } = this.limits;
    if (maxCalls !== undefined && this.calls >= maxCalls) throw new BudgetExceededError("calls", maxCalls, this.spent);
    if (maxTokens !== undefined && this.tokens >= maxTokens) throw new BudgetExceededError("tokens", maxTokens, this.spent);
    if (maxCost !== undefined && this.knownCost >= maxCost) throw new BudgetExceededError("cost", maxCost, this.spent);
  }

  /** Counts one call that is about to reach a provider. */
  startCall(): void {
    this.calls++;
  }

  /** Adds a finished call's tokens and cost (`null` = unknown price). */
  charge(usage: LMUsage, cost: number | null): void {
    this.tokens += usageTokens(usage);
    if (cost === null) this.unknownCostCalls++;
    else this.knownCost += cost;
  }
}

/** Checks every budget, then counts the call in each (all or none). */
export function startBudgetedCall(budgets: readonly Budget[]): void {
  for (const budget of budgets) budget.check();
  for (const budget of budgets) budget.startCall();
}
