import { ValueError } from "../../errors/value-error.js";

/**
 * Hard caps for one optimizer run; any subset may be given. LM calls, tokens and dollars count every LM call the
 * run makes (student, teacher, proposer, reflection); metric calls count the optimizer's own metric.
 *
 * @example
 * await new MIPROv2({ metric, budget: { lmCalls: 2000, costUsd: 5 } }).compile(program, { trainset, valset });
 */
export interface OptimizerBudget {
  /** LM calls that reached a provider (cache hits are free). */
  lmCalls?: number;
  /** Calls of the optimizer's metric. */
  metricCalls?: number;
  /** Prompt + completion tokens. */
  tokens?: number;
  /** Dollars, from provider-reported or priced cost. */
  costUsd?: number;
}

const KEYS = new Set(["lmCalls", "metricCalls", "tokens", "costUsd"]);

/** Checks a budget's keys and values; returns a frozen copy (or `null` for none). */
export function checkOptimizerBudget(budget: OptimizerBudget | null | undefined, optimizer: string): Readonly<OptimizerBudget> | null {
  if (budget === null || budget === undefined) return null;
  for (const [key, value] of Object.entries(budget)) {
    if (!KEYS.has(key)) {
      throw new ValueError(`${optimizer}: unknown budget key \`${key}\`; a budget takes lmCalls, metricCalls, tokens and costUsd.`);
    }
    if (value !== undefined && !(typeof value === "number" && value >= 0 && !Number.isNaN(value))) {
      throw new ValueError(`${optimizer}: budget.${key} must be a number >= 0, got ${String(value)}.`);
    }
  }
  return Object.freeze({ ...budget });
}
