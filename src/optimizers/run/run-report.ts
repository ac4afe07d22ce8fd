import type { BudgetExceededError } from "../../errors/budget-exceeded-error.js";
import type { OptimizerBudget } from "./optimizer-budget.js";
import type { RunSpent } from "./run-spent.js";
import type { TrialRecord } from "./trial-record.js";

/** Why and where a budget stopped the run. */
export interface RunExhaustion {
  /** The cap that was reached, in the optimizer budget's terms. */
  limit: keyof OptimizerBudget;
  max: number;
  /** `optimizer`: the optimizer's own `budget`; `enclosing`: a `withBudget` scope or an LM's own budget. */
  source: "optimizer" | "enclosing";
  /** What the run did not do because of it. */
  cutShort: string;
  /** The warning that was logged. */
  warning: string;
}

/** How an optimizer run went; attached to the returned program as `runReport`. */
export interface RunReport {
  optimizer: string;
  /** `completed`, or `budget-exhausted` when a budget stopped the search and the best program so far was returned. */
  status: "completed" | "budget-exhausted";
  exhaustion: RunExhaustion | null;
  budget: Readonly<OptimizerBudget> | null;
  /** The LM calls the optimizer planned before it started (its printed estimate), when it can tell. */
  plannedLmCalls: number | null;
  spent: RunSpent;
  elapsedMs: number;
  /** Steps taken from `runDir`'s checkpoint instead of being run again. */
  resumedSteps: number;
  runDir: string | null;
  /** Every trial, with `trackStats` (also in `runDir/trials.jsonl`). */
  trials: TrialRecord[] | null;
}

/** The budget error's limit in an optimizer budget's terms. */
export function budgetKeyOf(error: BudgetExceededError): keyof OptimizerBudget {
  switch (error.limit) {
    case "calls":
      return "lmCalls";
    case "cost":
      return "costUsd";
    default:
      return error.limit;
  }
}

/** A program an optimizer returned, with the report of the run that made it. */
export type WithRunReport<M> = M & { runReport: RunReport };

/** Attaches `report` to `program` as `runReport` (not enumerable, so traversal and spreading ignore it). */
export function attachRunReport<M extends object>(program: M, report: RunReport): WithRunReport<M> {
  Object.defineProperty(program, "runReport", { value: report, writable: true, configurable: true, enumerable: false });
  return program as WithRunReport<M>;
}
