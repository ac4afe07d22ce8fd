import type { Callback } from "../../context/callback.js";
import { getSettings, withSettings } from "../../context/settings.js";
import type { TraceEntry } from "../../context/trace-entry.js";
import { currentTrace, withTrace } from "../../context/with-trace.js";
import { AdapterParseError } from "../../errors/adapter-parse-error.js";
import { PythonTypeError } from "../../errors/python-type-error.js";
import { ValueError } from "../../errors/value-error.js";
import type { Example } from "../../primitives/example.js";
import type { Module } from "../../primitives/module.js";
import type { Prediction } from "../../primitives/prediction.js";
import { ParallelExecutor } from "../../utils/parallel-executor.js";
import { pyFloatRepr, pyRepr } from "../../python/pyfmt.js";
import type { BudgetExceededError } from "../../errors/budget-exceeded-error.js";
import type { Logger } from "../../context/logger.js";
import { findBudgetError } from "../run/find-budget-error.js";
import type { Signature } from "../../signatures/signature.js";
import { pyTruthy } from "../shared/py-truthy.js";
import { activeSignal } from "../../context/with-signal.js";

/** A predictor call whose reply could not be parsed, kept as feedback (DSPy's `FailedPrediction`). */
export class FailedPrediction {
  constructor(
    readonly completionText: string,
    readonly formatReward: number | null = null,
  ) {}

  /** Python's dataclass repr. */
  toPyRepr(): string {
    return `FailedPrediction(completion_text=${pyRepr(this.completionText)}, format_reward=${this.formatReward === null ? "None" : pyFloatRepr(this.formatReward)})`;
  }
}

/** One example's run: the prediction (or parse failure), the predictor calls it made, and its metric value. */
export interface TraceData {
  exampleInd: number;
  example: Example;
  prediction: Prediction | FailedPrediction;
  trace: TraceEntry[];
  /** The metric's raw result (a number, boolean or Prediction with `score`). */
  score: unknown;
}

export interface CaptureTracesOptions {
  /** Scores a successful prediction; called as `(example, prediction, null)`. */
  metric: (example: Example, prediction: Prediction, trace: null) => unknown;
  numThreads: number;
  /** The score of a parse failure (DSPy's `format_failure_score`). */
  formatFailureScore: number;
  logger: Logger;
}

type SignatureHolder = { signature: Signature };
const hasSignature = (value: unknown): value is SignatureHolder =>
  typeof value === "object" && value !== null && "signature" in value && typeof (value as SignatureHolder).signature?.equals === "function";

/**
 * DSPy's `bootstrap_trace_data` as GEPA calls it (`capture_failed_parses=True`, `raise_on_error=False`): runs the
 * program on every example with a fresh trace, keeps a parse failure as a `FailedPrediction` traced against the
 * first predictor with the failing signature, and scores it `formatFailureScore`. An example whose program or metric
 * raises is dropped, as DSPy drops it — the result can be shorter than `dataset`.
 */
export async function captureTraces(program: Module, dataset: readonly Example[], options: CaptureTracesOptions): Promise<TraceData[]> {
  const { logger } = options;
  // A budget running out stops the whole run instead of dropping the example as a failure.
  const controller = new AbortController();
  let budgetError: BudgetExceededError | null = null;
  const executor = new ParallelExecutor({
    numThreads: options.numThreads,
    maxErrors: dataset.length * 10,
    provideTraceback: false,
    logger,
    disableProgressBar: true,
    signal: activeSignal(controller.signal),
    operation: "GEPA's trace capture",
  });
  let results: Array<{ prediction: Prediction | FailedPrediction; trace: TraceEntry[]; score: unknown } | null>;
  try {
    results = await executor.execute(async (example: Example) => {
      if (budgetError) throw budgetError;
      try {
        const inputs = Object.fromEntries(example.inputs().items());
        const [prediction, trace] = await runTraced(program, inputs, options.formatFailureScore);
        const score =
          prediction instanceof FailedPrediction
            ? pyTruthy(prediction.formatReward)
              ? prediction.formatReward
              : options.formatFailureScore
            : await options.metric(example, prediction, null);
        return { prediction, trace, score };
      } catch (error) {
        const found = findBudgetError(error);
        if (found) {
          budgetError ??= found;
          controller.abort();
        }
        throw error;
      }
    }, dataset);
  } catch (error) {
    throw budgetError ?? error;
  }
  if (budgetError) throw budgetError;
  const data: TraceData[] = [];
  results.forEach((result, exampleInd) => {
    if (result === null) {
      logger.warn("Failed to unpack prediction and trace. This is likely due to the LLM response not following dspy formatting.");
      return;
    }
    data.push({ exampleInd, example: dataset[exampleInd] as Example, ...result });
  });
  return data;
}

/** Runs the program once under a fresh trace; a parse failure becomes a `FailedPrediction` entry. */
async function runTraced(
  program: Module,
  inputs: Record<string, unknown>,
  formatFailureScore: number,
): Promise<[Prediction | FailedPrediction, TraceEntry[]]> {
  const running = new Map<string, object>();
  const failedBy = new Map<unknown, object>();
  const watcher: Callback = {
    onModuleStart: (callId, instance) => {
      if (hasSignature(instance)) running.set(callId, instance);
    },
    onModuleEnd: (callId, _outputs, error) => {
      const instance = running.get(callId);
      running.delete(callId);
      if (instance && error instanceof AdapterParseError && !failedBy.has(error)) failedBy.set(error, instance);
    },
  };
  const callbacks = [...getSettings().callbacks, watcher];
  type Outcome = { prediction: Prediction } | { error: AdapterParseError; partial: TraceEntry[] };
  const traced = await withSettings({ callbacks }, () =>
    withTrace(async (): Promise<Outcome> => {
      try {
        return { prediction: (await program.call(inputs)) as Prediction };
      } catch (error) {
        if (!(error instanceof AdapterParseError)) throw error;
        return { error, partial: [...(currentTrace() ?? [])] };
      }
    }),
  );
  const outcome = traced.result;
  if ("prediction" in outcome) return [outcome.prediction, [...traced.trace]];
  const { error, partial } = outcome;
  const failing = failedBy.get(error);
  const predictor = failing && hasSignature(failing) ? program.predictors().find((p) => hasSignature(p) && p.signature.equals(failing.signature)) : undefined;
  if (!predictor) {
    throw new ValueError(`Failed to find the predictor for the failed signature: ${failing && hasSignature(failing) ? failing.signature.toString() : "unknown"}`, { cause: error });
  }
  const parsed = error.parsedResult;
  if (parsed && Object.keys(parsed).length > 0) {
    // DSPy computes `present / expected` on two lists here, which raises; the example is then dropped.
    throw new PythonTypeError("unsupported operand type(s) for /: 'list' and 'list'", { cause: error });
  }
  const failed = new FailedPrediction(error.lmResponse ?? "", formatFailureScore);
  return [failed, [...partial, [predictor, inputs, failed] as TraceEntry]];
}
