import { Budget, type BudgetLimits } from "./budget.js";
import { getSettings, withSettings } from "./settings.js";

/**
 * Runs `fn` under a hard cap of LM calls, tokens or dollars. Every LM call made inside (by any LM, including
 * `DummyLM`) is counted, also against enclosing budgets; once a cap is reached the next call throws
 * `BudgetExceededError`, which says what was spent.
 *
 * @example
 * await withBudget({ maxCalls: 500, maxCost: 5 }, () => optimizer.compile(program, { trainset }));
 */
export function withBudget<T>(limits: BudgetLimits | Budget, fn: () => T): T {
  const budget = limits instanceof Budget ? limits : new Budget(limits);
  return withSettings({ budgets: [...getSettings().budgets, budget] }, fn);
}
