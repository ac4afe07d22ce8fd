import type { Logger } from "../../context/logger.js";
import { withTrace } from "../../context/with-trace.js";
import { ExampleImpl, type Example } from "../../primitives/example.js";
import type { Module } from "../../primitives/module.js";
import { PredictionImpl, type Prediction } from "../../primitives/prediction.js";
import { MetricError } from "../../errors/metric-error.js";
import { checkMetricScore } from "../../evaluate/check-metric-score.js";
import { ParallelExecutor } from "../../utils/parallel-executor.js";
import { findBudgetError } from "../run/find-budget-error.js";

/** One predictor call of a trajectory, by predictor name (`null` for a predictor outside the program). */
export interface TrajectoryStep {
  name: string | null;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
}

/**
 * One program run on one example as SIMBA keeps it (DSPy's `wrap_program` result): the prediction (`null` when the
 * program raised), its predictor calls, the metric's score (0 when the metric raised) and the metric's other fields.
 * Plain data, so a checkpoint can hold it.
 */
export interface Trajectory {
  exampleIndex: number;
  prediction: Prediction | null;
  trace: TrajectoryStep[];
  /** The metric's value as it returned it (a boolean stays a boolean, as in Python); `"N/A"` once a rule step blanks it. */
  score: number | boolean | string;
  outputMetadata: Record<string, unknown>;
}

/** A SIMBA metric: `(example, prediction)` to a number, boolean, or a Prediction with `score`. */
export type SimbaMetric = (example: Example, prediction: Prediction) => unknown;

/** A program and an example to run it on, with how to name the program's predictors. */
export interface TrajectoryTask {
  program: Module;
  exampleIndex: number;
  names: ReadonlyMap<object, string>;
}

/**
 * Runs (program, example) pairs as `dspy.Parallel` runs DSPy's wrapped programs: each under a fresh trace, the
 * metric called after; a program or metric that raises is logged and scores 0 (a NaN score too, with a warning). A
 * budget running out stops the run, and so does a metric that returns no score at all (a `MetricError`, as `Evaluate`).
 */
export async function runTrajectories(
  tasks: readonly TrajectoryTask[],
  examples: readonly Example[],
  metric: SimbaMetric,
  options: { numThreads: number; logger: Logger },
): Promise<Trajectory[]> {
  const controller = new AbortController();
  let budgetError: unknown = null;
  let metricError: MetricError | null = null;
  let warnedNaN = false;
  const stopOnBudget = (error: unknown) => {
    const found = findBudgetError(error);
    if (found) {
      budgetError ??= found;
      controller.abort();
      throw found;
    }
  };
  const executor = new ParallelExecutor({
    numThreads: options.numThreads,
    maxErrors: tasks.length + 1,
    provideTraceback: false,
    logger: options.logger,
    disableProgressBar: true,
    signal: controller.signal,
  });
  let results: Array<Trajectory | null>;
  try {
    results = await executor.execute(async (task: TrajectoryTask) => {
      const example = examples[task.exampleIndex] as Example;
      let prediction: Prediction | null = null;
      const { trace } = await withTrace(async () => {
        try {
          prediction = (await task.program.call(Object.fromEntries(example.inputs().items()))) as Prediction;
        } catch (error) {
          stopOnBudget(error);
          options.logger.warn(error instanceof Error ? error.message : String(error));
        }
      });
      let score: number | boolean = 0.0;
      let outputMetadata: Record<string, unknown> = {};
      try {
        const output = await metric(example, prediction as unknown as Prediction);
        if (!(output instanceof PredictionImpl)) checkMetricScore(output, metric as never, `SIMBA (on trainset[${task.exampleIndex}])`);
        if (typeof output === "number" || typeof output === "boolean") score = output;
        else if (output instanceof PredictionImpl) {
          if (!output.keys().includes("score")) throw new Error("When `metric` returns a `dspy.Prediction`, it must contain a `score` field.");
          score = (output as unknown as { score: number | boolean }).score;
          outputMetadata = Object.fromEntries(output.items().filter(([key]) => key !== "score"));
        }
        if (typeof score === "number" && Number.isNaN(score)) {
          if (!warnedNaN) options.logger.warn(`SIMBA: the metric returned NaN on trainset[${task.exampleIndex}]; a NaN score counts as 0.`);
          warnedNaN = true;
          score = 0.0;
        }
      } catch (error) {
        stopOnBudget(error);
        if (error instanceof MetricError) {
          metricError ??= error;
          controller.abort();
          throw error;
        }
        options.logger.warn(error instanceof Error ? error.message : String(error));
      }
      const steps = trace.map(([predictor, inputs, outputs]) => ({
        name: task.names.get(predictor) ?? null,
        inputs: { ...inputs },
        outputs: outputs instanceof ExampleImpl ? Object.fromEntries(outputs.items()) : { ...(outputs as Record<string, unknown>) },
      }));
      return { exampleIndex: task.exampleIndex, prediction, trace: steps, score, outputMetadata };
    }, tasks);
  } catch (error) {
    throw budgetError ?? metricError ?? error;
  }
  if (budgetError) throw budgetError;
  if (metricError) throw metricError;
  return results.map((result, i) => result ?? { exampleIndex: (tasks[i] as TrajectoryTask).exampleIndex, prediction: null, trace: [], score: 0.0, outputMetadata: {} });
}

/** A trajectory's prediction as a plain object (DSPy's `dict(prediction)`), `{}` when there is none. */
export function predictionFields(prediction: Prediction | null): Record<string, unknown> {
  return prediction ? Object.fromEntries(prediction.items()) : {};
}
