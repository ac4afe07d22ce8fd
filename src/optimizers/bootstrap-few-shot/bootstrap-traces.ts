import { getSettings, withSettings, type Settings } from "../../context/settings.js";
import type { TraceEntry } from "../../context/trace-entry.js";
import { currentTrace, withTrace } from "../../context/with-trace.js";
import { BudgetExceededError } from "../../errors/budget-exceeded-error.js";
import { MetricError } from "../../errors/metric-error.js";
import { ValueError } from "../../errors/value-error.js";
import { checkMetricScore } from "../../evaluate/check-metric-score.js";
import type { Metric } from "../../evaluate/metric.js";
import { Example, ExampleImpl } from "../../primitives/example.js";
import type { Module } from "../../primitives/module.js";
import type { ProgressBar } from "../../utils/progress-bar.js";
import { PythonRandom } from "../../python/python-random.js";
import type { DemoPredictor } from "../shared/demo-predictor.js";
import { pyTruthy } from "../shared/py-truthy.js";
import { selectTrace } from "./select-trace.js";
import { rethrowIfCancelled } from "../../context/with-signal.js";

/** What one bootstrapping pass needs. */
export interface BootstrapRunOptions {
  trainset: readonly Example[];
  teacher: Module;
  teacherPredictors: ReadonlyArray<[string, DemoPredictor]>;
  /** Student and teacher predictors (by identity) to their shared name. */
  predictorNames: ReadonlyMap<object, string>;
  names: readonly string[];
  metric: Metric<any> | null;
  metricThreshold: number | null;
  teacherSettings: Partial<Settings>;
  maxBootstraps: number;
  maxRounds: number;
  maxErrors: number | null;
  /** Advanced once per training example visited, closed at the end. */
  progress?: ProgressBar | null;
  /** Seed of the shuffle of the unbootstrapped examples (DSPy: 0). */
  seed?: number;
  /** Runs each example's rounds as one step (an `OptimizerRun`'s checkpointed `step`); default: directly. */
  step?: <T>(key: string, compute: () => Promise<T>) => Promise<T>;
  /** Stop when a budget runs out and return what was bootstrapped so far (default: let the error through). */
  stopOnBudget?: boolean;
  /** Told about every training example visited (for a trial log). */
  onExample?: (index: number, outcome: { success: boolean; attempts: number; failures: number }) => Promise<void> | void;
}

/** The outcome of a pass: augmented demos per predictor, unbootstrapped examples, and the figures DSPy prints. */
export interface BootstrapRunResult {
  traces: Map<string, Example[]>;
  validation: Example[];
  bootstrapped: number;
  exampleIndex: number;
  attempts: number;
  /** The budget error that stopped the pass early (only with `stopOnBudget`). */
  exhausted: BudgetExceededError | null;
}

/** What running the rounds of one training example gave: the value a checkpointed step keeps. */
interface ExampleOutcome {
  success: boolean;
  attempts: number;
  failures: number;
  /** One demo per predictor that ran, by predictor name. */
  demos: Array<[string, Example]>;
  /** The teacher failed once, so (as in DSPy) the example stays out of the teacher's demos from now on. */
  teacherFiltered: boolean;
}

/** `<function name>`, as Python shows a metric in its error log (without the address). */
function metricRepr(metric: Metric<any> | null): string {
  return metric ? `<function ${metric.name || "<lambda>"}>` : "None";
}

/**
 * DSPy's `_bootstrap`: runs the teacher on each training example (up to `maxRounds` rounds, later rounds on an LM
 * copy with `rollout_id` and temperature 1.0) until `maxBootstraps` examples succeeded, and keeps the trace of each
 * success as augmented demos. `validation` is shuffled with `Random(seed)` (DSPy: 0).
 */
export async function bootstrapTraces(options: BootstrapRunOptions): Promise<BootstrapRunResult> {
  const traces = new Map<string, Example[]>(options.names.map((name) => [name, []]));
  const bootstrapped = new Set<number>();
  const step = options.step ?? ((_key, compute) => compute());
  let errors = 0;
  let attempts = 0;
  let exampleIndex = -1;
  let exhausted: BudgetExceededError | null = null;
  try {
    for (const [index, example] of options.trainset.entries()) {
      exampleIndex = index;
      if (bootstrapped.size >= options.maxBootstraps) break;
      let outcome: ExampleOutcome;
      try {
        outcome = await step(`bootstrap:${index}`, () => runRounds(options, index, errors));
      } catch (error) {
        if (options.stopOnBudget && error instanceof BudgetExceededError) {
          exhausted = error;
          break;
        }
        throw error;
      }
      attempts += outcome.attempts;
      errors += outcome.failures;
      if (outcome.teacherFiltered) removeFromTeacherDemos(options, example);
      if (outcome.success) {
        bootstrapped.add(index);
        for (const [name, demo] of outcome.demos) traces.get(name)?.push(demo);
      }
      await options.onExample?.(index, outcome);
      options.progress?.update();
    }
  } finally {
    options.progress?.close();
  }
  const validation = options.trainset.filter((_, index) => !bootstrapped.has(index));
  new PythonRandom(options.seed ?? 0).shuffle(validation);
  return { traces, validation, bootstrapped: bootstrapped.size, exampleIndex, attempts, exhausted };
}

function removeFromTeacherDemos(options: BootstrapRunOptions, example: Example): void {
  for (const [, predictor] of options.teacherPredictors) {
    predictor.demos = predictor.demos.filter((demo) => !example.equals(demo));
  }
}

/** The rounds of one example, until one succeeds. */
async function runRounds(options: BootstrapRunOptions, index: number, errorsBefore: number): Promise<ExampleOutcome> {
  const outcome: ExampleOutcome = { success: false, attempts: 0, failures: 0, demos: [], teacherFiltered: false };
  for (let round = 0; round < options.maxRounds; round++) {
    outcome.attempts++;
    const result = await bootstrapOneExample(options, index, round, errorsBefore + outcome.failures);
    if (result === "error") {
      outcome.failures++;
      outcome.teacherFiltered = true;
      continue;
    }
    if (result) {
      outcome.success = true;
      outcome.demos = result;
      break;
    }
  }
  return outcome;
}

/** One round: the demos of a successful run by predictor name, `false` when the metric rejected it, or `"error"`. */
async function bootstrapOneExample(
  options: BootstrapRunOptions,
  index: number,
  round: number,
  errorsBefore: number,
): Promise<Array<[string, Example]> | false | "error"> {
  const example = options.trainset[index] as Example;
  let trace: readonly TraceEntry[] = [];
  let success: unknown = false;
  try {
    success = await withSettings(options.teacherSettings, async () => {
      const settings = getSettings();
      let lm = settings.lm;
      if (round > 0) {
        if (!lm) throw new ValueError("Bootstrapping rounds after the first need an LM in settings to copy; none is configured.");
        lm = lm.copy({ rollout_id: round, temperature: 1.0 });
      }
      // As in DSPy, the metric runs inside the trace: predictor calls it makes are recorded too (and skipped below).
      const traced = await withTrace(async () => {
        const prediction = await withSettings(round > 0 ? { lm } : {}, async () => {
          const saved = options.teacherPredictors.map(([, predictor]) => predictor.demos);
          removeFromTeacherDemos(options, example);
          // As in DSPy, the demos are put back only when the teacher succeeded.
          const output = await options.teacher.call(Object.fromEntries(example.inputs().items()));
          options.teacherPredictors.forEach(([, predictor], i) => (predictor.demos = saved[i] as unknown[]));
          return output;
        });
        return options.metric ? await options.metric(example, prediction, currentTrace()) : true;
      });
      trace = traced.trace;
      if (!options.metric) return true;
      const value = checkMetricScore(traced.result, options.metric, `BootstrapFewShot (on trainset[${index}])`);
      return options.metricThreshold ? Number(value) >= options.metricThreshold : value;
    });
  } catch (error) {
    rethrowIfCancelled(error);
    if (error instanceof BudgetExceededError || error instanceof MetricError) throw error;
    const settings = getSettings();
    const maxErrors = options.maxErrors ?? settings.maxErrors;
    if (errorsBefore + 1 >= maxErrors) throw error;
    settings.logger.error(
      `Failed to run or to evaluate example ${example.toPyRepr()} with ${metricRepr(options.metric)} due to ` +
        `${error instanceof Error ? error.message : String(error)}.`,
    );
    return "error";
  }
  if (!pyTruthy(success)) return false;
  const found = new Map<string, { demos: Example[]; inputKeys: Array<Set<string>> }>();
  for (const [predictor, inputs, outputs] of trace) {
    const name = options.predictorNames.get(predictor);
    if (name === undefined) continue;
    const fields = outputs instanceof ExampleImpl ? Object.fromEntries(outputs.items()) : { ...(outputs as Record<string, unknown>) };
    const entry = found.get(name) ?? { demos: [], inputKeys: [] };
    entry.demos.push(new Example({ augmented: true, ...inputs, ...fields }));
    entry.inputKeys.push(new Set(Object.keys(inputs)));
    found.set(name, entry);
  }
  return [...found].map(([name, { demos, inputKeys }]) => [name, selectTrace(demos, inputKeys)]);
}
