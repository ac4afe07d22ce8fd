import type { Logger } from "../../context/logger.js";
import { getSettings, withSettings } from "../../context/settings.js";
import { BudgetExceededError } from "../../errors/budget-exceeded-error.js";
import type { Evaluate, EvaluateCallOptions } from "../../evaluate/evaluate.js";
import type { EvaluationResult } from "../../evaluate/evaluation-result.js";
import type { Metric, Program } from "../../evaluate/metric.js";
import type { Prediction } from "../../primitives/prediction.js";
import { findBudgetError } from "./find-budget-error.js";

/**
 * Runs `evaluate` on `program`, except that a budget running out (in the program or in the metric) stops the whole
 * evaluation and throws that `BudgetExceededError`, instead of being counted as a failed example as other errors
 * are. An evaluation cut short this way has no score: the caller must not keep it.
 */
export async function evaluateWithinBudget<P = Prediction>(
  evaluate: Evaluate,
  program: Program<P>,
  options: Omit<EvaluateCallOptions, "signal"> & { metric: Metric<any> },
): Promise<EvaluationResult<P>> {
  const controller = new AbortController();
  let budgetError: BudgetExceededError | null = null;
  const stopOnBudget = (error: unknown): never => {
    const found = findBudgetError(error);
    if (found) {
      budgetError ??= found;
      controller.abort();
    }
    throw error;
  };
  const guardedProgram: Program<P> = {
    call: async (inputs) => {
      if (budgetError) throw budgetError;
      try {
        return await program.call(inputs);
      } catch (error) {
        return stopOnBudget(error);
      }
    },
  };
  const metric = options.metric;
  const guardedMetric = async (...args: Parameters<Metric<any>>) => {
    try {
      return await metric(...args);
    } catch (error) {
      return stopOnBudget(error);
    }
  };
  Object.defineProperty(guardedMetric, "name", { value: metric.name });
  // The refused calls are not failures: their error lines (and the cancellation notice) would only be noise.
  const logger = getSettings().logger;
  const quiet: Logger = {
    ...logger,
    debug: (message) => logger.debug(message),
    info: (message) => logger.info(message),
    warn: (message) => (budgetError && message.startsWith("Execution cancelled") ? undefined : logger.warn(message)),
    error: (message) => (budgetError && message.includes("Budget exceeded") ? undefined : logger.error(message)),
  };
  try {
    const result = await withSettings({ logger: quiet }, () =>
      evaluate.call(guardedProgram, { ...options, metric: guardedMetric, signal: controller.signal }),
    );
    if (budgetError) throw budgetError;
    return result;
  } catch (error) {
    throw budgetError ?? error;
  }
}
