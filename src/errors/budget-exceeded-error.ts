import { DSPyError } from "./dspy-error.js";

/** What a run has spent so far against its budget. */
export interface BudgetSpent {
  calls: number;
  tokens: number;
  /** Dollars; `null` when some call's price was unknown. */
  cost: number | null;
}

/** A run crossed its hard cap of LM calls, tokens or dollars. */
export class BudgetExceededError extends DSPyError {
  readonly limit: "calls" | "tokens" | "cost";
  readonly max: number;
  readonly spent: BudgetSpent;

  constructor(limit: "calls" | "tokens" | "cost", max: number, spent: BudgetSpent) {
    const cost = spent.cost === null ? "unknown" : `$${spent.cost.toFixed(4)}`;
    super(
      `Budget exceeded: the ${limit} limit of ${limit === "cost" ? `$${max}` : max} was reached ` +
        `(spent ${spent.calls} LM calls, ${spent.tokens} tokens, ${cost}). ` +
        `Raise the budget or reduce the optimizer's settings to continue.`,
    );
    this.name = "BudgetExceededError";
    this.limit = limit;
    this.max = max;
    this.spent = spent;
  }
}
