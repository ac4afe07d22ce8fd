import { AsyncLocalStorage } from "node:async_hooks";
import { AbortError } from "../errors/abort-error.js";
import { ExecutionCancelledError } from "../errors/execution-cancelled-error.js";
import { ValueError } from "../errors/value-error.js";
import { systemClock, type Clock } from "./clock.js";
import { ProgressBar, type ProgressStream } from "./progress-bar.js";
import { pyFloatRepr, pyStr } from "../python/pyfmt.js";
import { pyFormatFixed, pyRound } from "../python/py-round.js";

/** Where the executor reports failed items and cancellation. */
export interface ExecutorLogger {
  error(message: string): void;
  warn(message: string): void;
}

export interface ParallelExecutorOptions {
  /** Items in flight at once (DSPy's `num_threads`). */
  numThreads: number;
  /** Failures that cancel the run (DSPy's `max_errors`): reaching it starts no new item and rejects. */
  maxErrors: number;
  /** Log each failure with its stack instead of the hint to enable tracebacks. */
  provideTraceback: boolean;
  logger: ExecutorLogger;
  disableProgressBar?: boolean;
  /** Results are `[..., score]`: the progress shows the running average score instead of a count. */
  compareResults?: boolean;
  /**
   * Seconds after which a still-running item is started a second time once at most `stragglerLimit` items remain;
   * the first attempt to finish wins. 0 disables it. Default 120 (DSPy's).
   */
  timeout?: number;
  stragglerLimit?: number;
  /**
   * Aborting it stops the run at once: no new item starts, running ones see their task signal abort, and `execute`
   * rejects with `AbortError` naming `operation`.
   */
  signal?: AbortSignal | null;
  /** What the run is, for the `AbortError` message (default "The parallel run"). */
  operation?: string;
  /** Where the progress bar is drawn (callers pass their logger's `progress`); without one no bar is drawn. */
  stream?: ProgressStream | undefined;
  clock?: Clock;
  /** How an item is named in error logs (default: Python's `str()`). */
  describeItem?: (item: never) => string;
}

/** What a task receives besides its item: its index, and a signal aborted when its result is no longer wanted. */
export interface TaskContext {
  index: number;
  signal: AbortSignal;
}

interface Attempt {
  index: number;
  startedAt: number;
  controller: AbortController;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs a function over items with at most `numThreads` in flight (DSPy's `ParallelExecutor`, as an async pool):
 * results come back in input order with `null` for failed items, whose indices and exceptions are kept in
 * `failedIndices` / `exceptions`. Settings scopes (`withSettings`) of the caller are visible inside every task.
 *
 * @example
 * const executor = new ParallelExecutor({ numThreads: 8, maxErrors: 10, provideTraceback: false, logger: console });
 * const lengths = await executor.execute(async (text: string) => text.length, ["a", "bb"]); // [1, 2]
 */
export class ParallelExecutor {
  readonly numThreads: number;
  readonly maxErrors: number;
  readonly timeout: number;
  readonly stragglerLimit: number;
  /** Indices of the items that failed in the last run, in the order they failed. */
  failedIndices: number[] = [];
  /** The exception of each failed item, by index. */
  exceptions = new Map<number, unknown>();
  readonly #options: ParallelExecutorOptions;

  constructor(options: ParallelExecutorOptions) {
    if (!Number.isInteger(options.numThreads) || options.numThreads < 1) {
      throw new ValueError(`numThreads must be a positive integer, got ${options.numThreads}.`);
    }
    this.numThreads = options.numThreads;
    this.maxErrors = options.maxErrors;
    this.timeout = options.timeout ?? 120;
    this.stragglerLimit = options.stragglerLimit ?? 3;
    this.#options = options;
  }

  /** Runs `fn` on every item; rejects with `ExecutionCancelledError` when `maxErrors` is reached, `AbortError` on abort. */
  execute<T, R>(fn: (item: T, context: TaskContext) => R | Promise<R>, data: readonly T[]): Promise<Array<R | null>> {
    this.failedIndices = [];
    this.exceptions = new Map();
    return new Promise((resolve, reject) => new Run<T, R>(this, this.#options, fn, data, resolve, reject).start());
  }
}

/** The state of one `execute` call. */
class Run<T, R> {
  readonly #results: Array<R | null>;
  readonly #settled: boolean[];
  readonly #queue: number[] = [];
  readonly #running = new Set<Attempt>();
  /** Items already started a second time (at most once each). */
  readonly #resubmitted = new Set<number>();
  /** Runs a callback in the caller's async context (settings scopes), for timer callbacks. */
  readonly #inCallerContext = AsyncLocalStorage.snapshot();
  readonly #onAbort = () => this.#abort();
  readonly #clock: Clock;
  readonly #bar: ProgressBar | null;
  #settledCount = 0;
  #successCount = 0;
  #scoreSum = 0;
  #errorCount = 0;
  #finished = false;
  #timer: unknown = null;
  #lastError: unknown = undefined;

  constructor(
    private readonly executor: ParallelExecutor,
    private readonly options: ParallelExecutorOptions,
    private readonly fn: (item: T, context: TaskContext) => R | Promise<R>,
    private readonly data: readonly T[],
    private readonly resolve: (results: Array<R | null>) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    this.#results = new Array<R | null>(data.length).fill(null);
    this.#settled = new Array<boolean>(data.length).fill(false);
    this.#clock = options.clock ?? systemClock;
    this.#bar =
      options.disableProgressBar || !options.stream
        ? null
        : new ProgressBar({ total: data.length, stream: options.stream, clock: this.#clock });
  }

  start(): void {
    const signal = this.options.signal;
    if (signal?.aborted) return this.#abort();
    signal?.addEventListener("abort", this.#onAbort, { once: true });
    if (this.data.length === 0) return this.#finish();
    for (let index = 0; index < this.data.length; index++) this.#queue.push(index);
    this.#pump();
  }

  /** Starts queued items while there is room. */
  #pump(): void {
    while (!this.#finished && this.#running.size < this.executor.numThreads && this.#queue.length > 0) {
      const index = this.#queue.shift() as number;
      if (this.#settled[index]) continue; // a resubmitted item that finished meanwhile
      this.#launch(index);
    }
    this.#armStragglerTimer();
  }

  #launch(index: number): void {
    const attempt: Attempt = { index, startedAt: this.#clock.now(), controller: new AbortController() };
    this.#running.add(attempt);
    const context: TaskContext = { index, signal: attempt.controller.signal };
    const item = this.data[index] as T;
    new Promise<R>((res) => res(this.fn(item, context)))
      .then(
        (value) => this.#settle(attempt, { ok: true, value }),
        (error: unknown) => this.#settle(attempt, { ok: false, error }),
      )
      .catch((error: unknown) => this.#abandon(error));
  }

  #settle(attempt: Attempt, outcome: { ok: true; value: R } | { ok: false; error: unknown }): void {
    this.#running.delete(attempt);
    const { index } = attempt;
    if (this.#finished || this.#settled[index]) return; // cancelled, or another attempt won
    this.#settled[index] = true;
    this.#settledCount++;
    for (const other of this.#running) if (other.index === index) other.controller.abort();
    if (outcome.ok) {
      this.#results[index] = outcome.value;
      this.#successCount++;
      if (this.options.compareResults) this.#scoreSum += Number((outcome.value as unknown as unknown[]).at(-1));
    } else {
      this.#recordFailure(index, outcome.error);
    }
    this.#reportProgress();
    if (!outcome.ok && this.#errorCount >= this.executor.maxErrors) return this.#cancel();
    if (this.#settledCount === this.data.length) return this.#finish();
    this.#pump();
  }

  #recordFailure(index: number, error: unknown): void {
    this.#errorCount++;
    this.#lastError = error;
    this.executor.failedIndices.push(index);
    this.executor.exceptions.set(index, error);
    const describe = (this.options.describeItem ?? pyStr) as (item: T) => string;
    const item = describe(this.data[index] as T);
    if (this.options.provideTraceback) {
      const stack = error instanceof Error && error.stack ? error.stack : errorText(error);
      this.options.logger.error(`Error for ${item}: ${errorText(error)}\n${stack}`);
    } else {
      this.options.logger.error(`Error for ${item}: ${errorText(error)}. Set \`provideTraceback: true\` to log the stack trace.`);
    }
  }

  #reportProgress(): void {
    if (!this.#bar) return;
    if (this.options.compareResults) {
      const done = this.#successCount;
      const pct = done ? pyFloatRepr(pyRound((100 * this.#scoreSum) / done, 1)) : "0";
      this.#bar.setDescription(`Average Metric: ${pyFormatFixed(this.#scoreSum, 2)} / ${done} (${pct}%)`);
    } else {
      this.#bar.setDescription(`Processed ${this.#successCount} / ${this.data.length} examples`);
    }
    this.#bar.update();
  }

  /** When few items remain, wakes up as the oldest running attempt reaches `timeout` to start a duplicate. */
  #armStragglerTimer(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    const timeoutMs = this.executor.timeout * 1000;
    if (this.#finished || !(timeoutMs > 0) || this.data.length - this.#settledCount > this.executor.stragglerLimit) return;
    let due = Infinity;
    for (const attempt of this.#running) {
      if (!this.#resubmitted.has(attempt.index)) due = Math.min(due, attempt.startedAt + timeoutMs);
    }
    if (due === Infinity) return;
    const wake = () => {
      this.#timer = null;
      this.#resubmitStragglers();
    };
    this.#timer = this.#clock.setTimeout(() => this.#inCallerContext(wake), Math.max(0, due - this.#clock.now()));
  }

  #resubmitStragglers(): void {
    if (this.#finished) return;
    const now = this.#clock.now();
    const timeoutMs = this.executor.timeout * 1000;
    for (const attempt of [...this.#running]) {
      const { index } = attempt;
      if (this.#resubmitted.has(index) || this.#settled[index] || now - attempt.startedAt < timeoutMs) continue;
      this.#resubmitted.add(index);
      this.#queue.push(index);
    }
    this.#pump();
  }

  /** The executor's own bookkeeping threw (a logger or progress stream failed): stop and reject with that error. */
  #abandon(error: unknown): void {
    if (this.#finished) return;
    this.#stop();
    for (const attempt of this.#running) attempt.controller.abort();
    this.reject(error);
  }

  #finish(): void {
    this.#stop();
    this.resolve(this.#results);
  }

  /** The caller's signal aborted: stop and reject with `AbortError`. */
  #abort(): void {
    if (this.#finished) return;
    this.#stop();
    const reason = this.options.signal?.reason;
    for (const attempt of this.#running) attempt.controller.abort(reason);
    const operation = this.options.operation ?? "The parallel run";
    this.reject(new AbortError(`${operation} (${this.#settledCount} of ${this.data.length} items finished)`, { reason }));
  }

  #cancel(): void {
    if (this.#finished) return;
    this.#stop();
    for (const attempt of this.#running) attempt.controller.abort();
    this.options.logger.warn("Execution cancelled due to errors or interruption.");
    this.reject(
      new ExecutionCancelledError({
        failedIndices: [...this.executor.failedIndices],
        exceptions: [...this.executor.exceptions.values()],
        cause: this.#lastError,
      }),
    );
  }

  #stop(): void {
    this.#finished = true;
    this.options.signal?.removeEventListener("abort", this.#onAbort);
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#bar?.close();
  }
}
