import { activeTraceRecorder, getSettings, withTraceRecorder } from "./settings.js";
import type { TraceEntry } from "./trace-entry.js";
import { TraceRecorder } from "./trace-recorder.js";

/** What `withTrace` returns: `fn`'s result and the predictor calls it made. */
export interface Traced<T> {
  result: T;
  /** `[predictor, inputs, prediction]` per predictor call, oldest first (frozen). */
  trace: readonly TraceEntry[];
}

/**
 * Runs `fn` and records every predictor call it makes, including calls in concurrent async work it starts (DSPy's
 * `with dspy.context(trace=[])`). The trace belongs to this call alone: concurrent `withTrace` calls never mix, and
 * an inner `withTrace` records on its own (the outer trace does not see its calls). At most `maxEntries` calls are
 * kept (default: the `maxTraceSize` setting), the oldest dropped first. Optimizers turn the trace of a successful
 * run into demos.
 *
 * @example
 * const { result: prediction, trace } = await withTrace(() => program.call({ question }));
 * const calls = trace.map(([predictor, inputs, output]) => ({ predictor, inputs, output }));
 * const score = await metric(example, prediction, trace);
 */
export async function withTrace<T>(fn: () => T | Promise<T>, options: { maxEntries?: number } = {}): Promise<Traced<T>> {
  const recorder = new TraceRecorder(options.maxEntries ?? getSettings().maxTraceSize);
  const result = await withTraceRecorder(recorder, fn);
  return { result, trace: recorder.entries() };
}

/** Records one predictor call in the enclosing `withTrace`, if any (Predict calls this after each call). */
export function recordTrace(predictor: object, inputs: Record<string, unknown>, prediction: object): void {
  activeTraceRecorder()?.record(predictor, inputs, prediction);
}

/**
 * The predictor calls recorded so far by the enclosing `withTrace` (a frozen copy), or `null` outside one. Useful
 * to hand a metric the trace of the run it is scoring while still inside the run.
 *
 * @example
 * await withTrace(async () => {
 *   const prediction = await program.call(example.inputs().toDict());
 *   return metric(example, prediction, currentTrace());
 * });
 */
export function currentTrace(): readonly TraceEntry[] | null {
  return activeTraceRecorder()?.entries() ?? null;
}
