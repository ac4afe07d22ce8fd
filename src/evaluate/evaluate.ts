import { randomUUID } from "node:crypto";
import { fireCallbacks } from "../context/fire-callbacks.js";
import { getSettings, withSettings, type Settings } from "../context/settings.js";
import type { MetricError } from "../errors/metric-error.js";
import { ValueError } from "../errors/value-error.js";
import { AbortError } from "../errors/abort-error.js";
import { activeSignal, withSignal } from "../context/with-signal.js";
import type { Example } from "../primitives/example.js";
import { Prediction } from "../primitives/prediction.js";
import { requireInputKeys } from "../primitives/require-input-keys.js";
import type { Clock } from "../utils/clock.js";
import { ParallelExecutor } from "../utils/parallel-executor.js";
import type { ProgressStream } from "../utils/progress-bar.js";
import { pyFloatRepr, pyRepr } from "../python/pyfmt.js";
import { pyRound } from "../python/py-round.js";
import { checkMetricScore } from "./check-metric-score.js";
import { EvaluationResult, type EvaluationRow } from "./evaluation-result.js";
import type { Metric, MetricScore, Program, ProgramOutput } from "./metric.js";
import { saveResults } from "./result-files.js";
import { resultRows } from "./result-rows.js";
import { formatResultTable } from "./result-table.js";

export interface EvaluateOptions {
  devset: Example[];
  metric?: Metric<any>;
  /** Examples evaluated at once; default `settings.numThreads`. */
  numThreads?: number;
  displayProgress?: boolean;
  /** Print the results table: `true` for all rows, a number for the first rows only. */
  displayTable?: boolean | number;
  /** Failed examples that stop the evaluation; default `settings.maxErrors`. */
  maxErrors?: number;
  provideTraceback?: boolean;
  /** The score of an example whose program or metric threw (DSPy's default 0.0). */
  failureScore?: number;
  saveAsCsv?: string;
  saveAsJson?: string;
  /**
   * Where the progress bar and the table are written. Default: the settings' `logger` (the bar on its `progress`
   * stream, standard error by default; the table as an `info` message). Never standard output unless given.
   */
  output?: ProgressStream;
  clock?: Clock;
}

/** Per-call overrides of `Evaluate.call`. */
export interface EvaluateCallOptions {
  metric?: Metric<any>;
  devset?: Example[];
  numThreads?: number;
  displayProgress?: boolean;
  displayTable?: boolean | number;
  /** Passed to callbacks' `onEvaluateStart` inputs. */
  callbackMetadata?: Record<string, unknown>;
  saveAsCsv?: string;
  saveAsJson?: string;
  /**
   * Cancels the evaluation: no new example starts, running programs' LM requests are aborted, and `call` rejects with
   * `AbortError`. A signal from an enclosing call (`withSignal`, an optimizer's `compile`) applies as well.
   */
  signal?: AbortSignal;
}

/** Python's `type(metric).__name__`-based column name: the function's name, `<lambda>` for an anonymous one. */
const metricNameOf = (metric: Metric<any>) => metric.name || "<lambda>";

/** Python's `str(sum(scores))`: an int when every score is a bool, a float as soon as one is a number. */
function pySumText(scores: readonly MetricScore[], sum: number): string {
  const isFloat = scores.some((s) => typeof s !== "boolean" && !(s instanceof Prediction && typeof s.score === "boolean"));
  return isFloat ? pyFloatRepr(sum) : String(sum);
}

/**
 * Scores a program on a dev set in parallel (DSPy's `dspy.Evaluate`): runs `program.call(example.inputs())` on every
 * example, scores it with `metric(example, prediction)`, and returns the percentage score with every result.
 *
 * @example
 * const evaluate = new Evaluate({ devset, metric: answerExactMatch, numThreads: 8, displayProgress: true });
 * const result = await evaluate.call(program);
 * result.score // 67.3
 */
export class Evaluate {
  devset: Example[];
  metric: Metric<any> | undefined;
  numThreads: number | undefined;
  displayProgress: boolean;
  displayTable: boolean | number;
  maxErrors: number | undefined;
  provideTraceback: boolean | undefined;
  failureScore: number;
  saveAsCsv: string | undefined;
  saveAsJson: string | undefined;
  readonly #output: ProgressStream | undefined;
  readonly #clock: Clock | undefined;

  constructor(options: EvaluateOptions) {
    const removed = ["returnOutputs", "return_outputs"].find((key) => key in options);
    if (removed) {
      throw new ValueError(
        `\`${removed}\` is no longer supported. Results are always returned inside the \`results\` field of the \`EvaluationResult\` object.`,
      );
    }
    this.devset = options.devset;
    this.metric = options.metric;
    this.numThreads = options.numThreads;
    this.displayProgress = options.displayProgress ?? false;
    this.displayTable = options.displayTable ?? false;
    this.maxErrors = options.maxErrors;
    this.provideTraceback = options.provideTraceback;
    this.failureScore = options.failureScore ?? 0.0;
    this.saveAsCsv = options.saveAsCsv;
    this.saveAsJson = options.saveAsJson;
    this.#output = options.output;
    this.#clock = options.clock;
  }

  /** Evaluates `program`; options given here override the constructor's for this call. */
  async call<T extends Program<unknown>>(program: T, overrides: EvaluateCallOptions = {}): Promise<EvaluationResult<ProgramOutput<T>>> {
    const signal = activeSignal(overrides.signal);
    const operation = `Evaluate of ${(overrides.devset ?? this.devset).length} examples`;
    AbortError.throwIfAborted(signal, operation);
    const settings = getSettings();
    const callId = settings.callbacks.length ? randomUUID() : "";
    fireCallbacks(settings, settings.callbacks, (cb) => cb.onEvaluateStart?.(callId, this, { program, ...overrides }));
    try {
      const run = () => this.#run(program, overrides, settings, signal, operation);
      const inPath = () => (callId ? withSettings({ callPath: [...settings.callPath, callId] }, run) : run());
      const result = (await withSignal(signal, inPath)) as EvaluationResult<ProgramOutput<T>>;
      fireCallbacks(settings, settings.callbacks, (cb) => cb.onEvaluateEnd?.(callId, result, null));
      return result;
    } catch (error) {
      fireCallbacks(settings, settings.callbacks, (cb) => cb.onEvaluateEnd?.(callId, null, error));
      throw error;
    }
  }

  async #run<P>(program: Program<P>, overrides: EvaluateCallOptions, settings: Settings, signal: AbortSignal | null, operation: string): Promise<EvaluationResult<P>> {
    const metric = overrides.metric ?? this.metric;
    const devset = overrides.devset ?? this.devset;
    const displayTable = overrides.displayTable ?? this.displayTable;
    if (!metric) throw new ValueError("Evaluate needs a metric: pass `metric` to the constructor or to call().");
    if (devset.length === 0) throw new ValueError("The devset is empty: pass at least one example to evaluate.");
    requireInputKeys(devset, "Evaluate", "devset");
    if (overrides.callbackMetadata) {
      settings.logger.debug(`Evaluate is called with callback metadata: ${pyRepr(overrides.callbackMetadata)}`);
    }

    // A metric that returns something other than a score stops the whole evaluation with a MetricError.
    const stop = new AbortController();
    let metricError: MetricError | null = null;
    const executor = new ParallelExecutor({
      numThreads: overrides.numThreads ?? this.numThreads ?? settings.numThreads,
      maxErrors: this.maxErrors ?? settings.maxErrors,
      provideTraceback: this.provideTraceback ?? settings.provideTraceback,
      logger: settings.logger,
      disableProgressBar: !(overrides.displayProgress ?? this.displayProgress),
      compareResults: true,
      signal: signal ? AbortSignal.any([signal, stop.signal]) : stop.signal,
      operation,
      stream: this.#output ?? settings.logger.progress,
      ...(this.#clock ? { clock: this.#clock } : {}),
    });
    const execution = executor.execute(async (example: Example, task) => {
      const { index } = task;
      const inputs = Object.fromEntries(example.inputs().items());
      const prediction = await withSignal(task.signal, () => program.call(inputs));
      const value = await metric(example, prediction);
      try {
        return [prediction, checkMetricScore(value, metric, `Evaluate (on devset[${index}])`)] as [P, MetricScore];
      } catch (error) {
        metricError ??= error as MetricError;
        stop.abort(error);
        return [prediction, 0] as [P, MetricScore];
      }
    }, devset);
    const outcomes = await execution.catch((error: unknown) => {
      throw metricError ?? error;
    });

    const results: Array<EvaluationRow<P>> = devset.map((example, i) => {
      const outcome = outcomes[i];
      return outcome ? [example, outcome[0], outcome[1]] : [example, new Prediction() as P, this.failureScore];
    });
    const scores = results.map(([, , score]) => score);
    const sum = scores.reduce<number>((total, score) => total + Number(score), 0);
    const n = devset.length;
    settings.logger.info(`Average Metric: ${pySumText(scores, sum)} / ${n} (${pyFloatRepr(pyRound((100 * sum) / n, 1))}%)`);

    const metricName = metricNameOf(metric);
    const saveAsCsv = overrides.saveAsCsv ?? this.saveAsCsv;
    const saveAsJson = overrides.saveAsJson ?? this.saveAsJson;
    if (displayTable || saveAsCsv || saveAsJson) {
      const rows = resultRows(results, metricName);
      if (displayTable) {
        const table = formatResultTable(rows, metricName, displayTable);
        if (this.#output) this.#output.write(table);
        else settings.logger.info(table.replace(/\n$/, ""));
      }
      await saveResults(rows, metricName, { ...(saveAsCsv ? { csv: saveAsCsv } : {}), ...(saveAsJson ? { json: saveAsJson } : {}) });
    }
    return new EvaluationResult<P>({ score: pyRound((100 * sum) / n, 2), results });
  }
}
