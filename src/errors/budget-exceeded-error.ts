import { DSPyError } from "./dspy-error.js";

/** What a run has spent so far against its budget. */
export interface BudgetSpent {
  calls: number;
  tokens: number;
  /** Dollars; `null` when some call's price was unknown. */
  cost: number | null;
}

/** The call that was refused: its worst case and what was left of the cap. */
export interface BudgetShortfall {
  needed: number;
  left: number;
}

const amount = (limit: "calls" | "tokens" | "cost", value: number) => (limit === "cost" ? `$${Number(value.toFixed(6))}` : String(Math.ceil(value)));

/** A run reached its hard cap of LM calls, tokens or dollars, or the next call's worst case would cross it. */
export class BudgetExceededError extends DSPyError {
  readonly limit: "calls" | "tokens" | "cost";
  readonly max: number;
  readonly spent: BudgetSpent;
  /** Set when a call was refused because its worst case did not fit in what was left. */
  readonly shortfall?: BudgetShortfall;

  constructor(limit: "calls" | "tokens" | "cost", max: number, spent: BudgetSpent, shortfall?: BudgetShortfall) {
    const cost = spent.cost === null ? "unknown" : `$${spent.cost.toFixed(4)}`;
    const what = shortfall
      ? `the next LM call could cross the ${limit} limit of ${amount(limit, max)} (its worst case is ${amount(limit, shortfall.needed)}, ` +
        `${amount(limit, shortfall.left)} left)`
      : `the ${limit} limit of ${amount(limit, max)} was reached`;
    super(
      `Budget exceeded: ${what} (spent ${spent.calls} LM calls, ${spent.tokens} tokens, ${cost}). ` +
        `Raise the budget or reduce the optimizer's settings to continue.`,
    );
    this.name = "BudgetExceededError";
    this.limit = limit;
    this.max = max;
    this.spent = spent;
    if (shortfall) this.shortfall = shortfall;
  }
}
