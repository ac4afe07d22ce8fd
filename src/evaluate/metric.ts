import type { TraceEntry } from "../context/trace-entry.js";
import type { Example } from "../primitives/example.js";
import type { HasForward, ModuleOutput } from "../primitives/module.js";
import type { Prediction } from "../primitives/prediction.js";

/** What a metric may return: a number, a boolean (true counts 1), or a Prediction whose `score` is the value. */
export type MetricScore = number | boolean | Prediction;

/**
 * Scores one prediction against its example (DSPy's metric functions). `trace` is set when an optimizer
 * bootstraps demos; `Evaluate` calls metrics without it.
 *
 * @example
 * const exactAnswer: Metric = (example, pred) => example.answer === pred.answer;
 */
export type Metric<P = Prediction> = (
  example: Example,
  prediction: P,
  trace?: readonly TraceEntry[] | null,
) => MetricScore | Promise<MetricScore>;

/** Anything callable like a module: `Evaluate` runs `program.call(inputs)` and never needs more. */
export interface Program<P = Prediction> {
  call(inputs: Record<string, any>): Promise<P> | P;
}

/** What a program's `call` resolves to: for a module, its `forward`'s result; otherwise `call`'s awaited result. */
export type ProgramOutput<T> = T extends HasForward
  ? ModuleOutput<T>
  : T extends { call(...args: any[]): infer R }
    ? Awaited<R>
    : unknown;
