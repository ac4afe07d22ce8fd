import { DSPyError } from "./dspy-error.js";

/**
 * A metric returned something that is not a score. A metric must return a number, a boolean, or a Prediction whose
 * `score` is a number or a boolean; anything else (a string, an object, `undefined` from a missing `return`) stops
 * `Evaluate` and the optimizers at once instead of being counted as a failed example.
 */
export class MetricError extends DSPyError {
  /** What the metric returned. */
  readonly value: unknown;

  constructor(message: string, options: { value: unknown; cause?: unknown }) {
    super(message, options);
    this.name = "MetricError";
    this.value = options.value;
  }
}
