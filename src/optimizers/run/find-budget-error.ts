import { BudgetExceededError } from "../../errors/budget-exceeded-error.js";

/** The `BudgetExceededError` behind an error (itself, or along its `cause` chain), or `null`. */
export function findBudgetError(error: unknown): BudgetExceededError | null {
  const seen = new Set<unknown>();
  let current = error;
  while (current !== null && typeof current === "object" && !seen.has(current)) {
    if (current instanceof BudgetExceededError) return current;
    seen.add(current);
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
