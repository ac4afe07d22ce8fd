import { getSettings } from "../context/settings.js";
import { ValueError } from "../errors/value-error.js";
import { ExampleImpl, type Example } from "../primitives/example.js";
import { pyClassRepr } from "../python/py-class-repr.js";
import { withSignal } from "../context/with-signal.js";
import type { SignalOption } from "../primitives/module.js";
import { ParallelExecutor } from "../utils/parallel-executor.js";
import { pyRepr } from "../python/pyfmt.js";

/** Anything run like a module: `call(inputs)`. */
export interface Runnable {
  call(inputs: Record<string, any>): unknown;
}

/** One unit of work: a module and its inputs, or a nested `Parallel` and its own pairs. */
export type ExecPair = [Runnable, Example | Record<string, unknown>] | [Parallel<boolean>, ExecPair[]];

export interface ParallelOptions<Failed extends boolean = boolean> {
  /** Pairs run at once; default `settings.numThreads`. */
  numThreads?: number;
  /** Failures that cancel the run; default `settings.maxErrors`. */
  maxErrors?: number;
  /** Call modules with an Example's `inputs()` (default) rather than the whole Example. */
  accessExamples?: boolean;
  /** Return `{ results, failedExamples, exceptions }` instead of the results alone. */
  returnFailedExamples?: Failed;
  provideTraceback?: boolean;
  /**
   * No progress bar. Default false, as DSPy; the bar is drawn on the logger's `progress` stream (standard error),
   * live on a terminal and silent otherwise.
   */
  disableProgressBar?: boolean;
  /** Seconds before a straggler is started again once few pairs remain; 0 disables it. Default 120. */
  timeout?: number;
  stragglerLimit?: number;
}

/** What `Parallel` returns with `returnFailedExamples`: `null` results for failed pairs, their inputs and errors. */
export interface ParallelResult {
  results: unknown[];
  failedExamples: unknown[];
  exceptions: unknown[];
}

/** `Parallel`'s output: the results alone, or with the failures when `returnFailedExamples` is true. */
export type ParallelOutput<Failed extends boolean> = Failed extends true ? ParallelResult : unknown[];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Runs `(module, inputs)` pairs concurrently (DSPy's `dspy.Parallel`): results in pair order, `null` where a pair
 * failed. Inputs may be an Example (its `inputs()` are passed), a plain object, or, for a nested `Parallel`, an array
 * of pairs.
 *
 * @example
 * const parallel = new Parallel({ numThreads: 3, disableProgressBar: true });
 * const answers = await parallel.call(questions.map((question) => [qa, { question }]));
 */
export class Parallel<Failed extends boolean = false> {
  readonly numThreads: number | undefined;
  readonly maxErrors: number | undefined;
  readonly accessExamples: boolean;
  readonly returnFailedExamples: Failed;
  readonly provideTraceback: boolean | undefined;
  readonly disableProgressBar: boolean;
  readonly timeout: number;
  readonly stragglerLimit: number;

  constructor(options: ParallelOptions<Failed> = {}) {
    this.numThreads = options.numThreads;
    this.maxErrors = options.maxErrors;
    this.accessExamples = options.accessExamples ?? true;
    this.returnFailedExamples = (options.returnFailedExamples ?? false) as Failed;
    this.provideTraceback = options.provideTraceback;
    this.disableProgressBar = options.disableProgressBar ?? false;
    this.timeout = options.timeout ?? 120;
    this.stragglerLimit = options.stragglerLimit ?? 3;
  }

  /** Runs every pair; `numThreads` overrides the constructor's for this call. */
  async forward(execPairs: ExecPair[], numThreads?: number): Promise<ParallelOutput<Failed>> {
    const settings = getSettings();
    const executor = new ParallelExecutor({
      signal: settings.signal,
      operation: `Parallel of ${execPairs.length} calls`,
      numThreads: numThreads ?? this.numThreads ?? settings.numThreads,
      maxErrors: this.maxErrors ?? settings.maxErrors,
      provideTraceback: this.provideTraceback ?? settings.provideTraceback,
      logger: settings.logger,
      disableProgressBar: this.disableProgressBar,
      stream: settings.logger.progress,
      timeout: this.timeout,
      stragglerLimit: this.stragglerLimit,
      describeItem: ([module, inputs]: ExecPair) => `(${module.constructor.name}, ${pyRepr(inputs)})`,
    });
    const results = await executor.execute((pair: ExecPair, task) => withSignal(task.signal, () => this.#run(pair)), execPairs);
    if (!this.returnFailedExamples) return results as ParallelOutput<Failed>;
    const failed = executor.failedIndices;
    const result: ParallelResult = {
      results,
      failedExamples: failed.map((index) => (execPairs[index] as ExecPair)[1]),
      exceptions: failed.map((index) => executor.exceptions.get(index)),
    };
    return result as ParallelOutput<Failed>;
  }

  /**
   * Same as `forward` (DSPy's `__call__`). `signal` cancels the run: no new pair starts, running ones are aborted,
   * and the call rejects with `AbortError` (a signal of the enclosing call applies too).
   */
  call(execPairs: ExecPair[], numThreads?: number, options: SignalOption = {}): Promise<ParallelOutput<Failed>> {
    return withSignal(options.signal, () => this.forward(execPairs, numThreads));
  }

  #run([module, example]: ExecPair): unknown {
    if (example instanceof ExampleImpl) {
      return (module as Runnable).call(this.accessExamples ? Object.fromEntries(example.inputs().items()) : example);
    }
    if (Array.isArray(example) && module instanceof Parallel) return module.call(example);
    if (isPlainObject(example)) return (module as Runnable).call(example);
    throw new ValueError(
      `Invalid example type: ${pyClassRepr(example)}, only supported types are Example, dict and (for a nested Parallel) list`,
    );
  }
}
