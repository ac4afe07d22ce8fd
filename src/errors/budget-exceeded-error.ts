import { DSPyError } from "./dspy-error.js";

/** What a run has spent so far against its budget. */
export interface BudgetSpent {
  calls: number;
  tokens: number;
  /** Dollars; `null` when some call's price was unknown. */
  cost: number | null;
  /** Metric calls, when an optimizer counts them. */
  metricCalls?: number;
}

/** Which cap was reached: LM calls, tokens, dollars, or (an optimizer's budget) metric calls. */
export type BudgetLimitName = "calls" | "tokens" | "cost" | "metricCalls";

/** A run crossed its hard cap of LM calls, tokens, dollars or metric calls. */
export class BudgetExceededError extends DSPyError {
  readonly limit: BudgetLimitName;
  readonly max: number;
  readonly spent: BudgetSpent;

  constructor(limit: BudgetLimitName, max: number, spent: BudgetSpent) {
    const cost = spent.cost === null ? "unknown" : `$${spent.cost.toFixed(4)}`;
    const metricCalls = spent.metricCalls === undefined ? "" : `, ${spent.metricCalls} metric calls`;
    super(
      `Budget exceeded: the ${limit} limit of ${limit === "cost" ? `$${max}` : max} was reached ` +
        `(spent ${spent.calls} LM calls, ${spent.tokens} tokens, ${cost}${metricCalls}). ` +
        `Raise the budget or reduce the optimizer's settings to continue.`,
    );
    this.name = "BudgetExceededError";
    this.limit = limit;
    this.max = max;
    this.spent = spent;
  }
}
