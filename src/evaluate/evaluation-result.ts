import type { Example } from "../primitives/example.js";
import { PredictionImpl, type Prediction } from "../primitives/prediction.js";
import { pyFloatRepr } from "../python/pyfmt.js";
import type { MetricScore } from "./metric.js";

/** One evaluated example: the example, the program's prediction (an empty Prediction if it failed), the score. */
export type EvaluationRow<P = Prediction> = [example: Example, prediction: P, score: MetricScore];

/**
 * What `Evaluate` returns (DSPy's `EvaluationResult`, a Prediction): `score`, the percentage
 * `round(100 * sum / n, 2)`, and `results`, one `[example, prediction, score]` per devset example in order.
 * `Number(result)` is the score.
 */
export class EvaluationResult<P = Prediction> extends PredictionImpl {
  declare score: number;
  declare results: Array<EvaluationRow<P>>;

  constructor(fields: { score: number; results: Array<EvaluationRow<P>> }) {
    super(fields);
  }

  /** `EvaluationResult(score=100.0, results=<list of 1 results>)`, as DSPy prints it. */
  override toPyRepr(): string {
    return `EvaluationResult(score=${pyFloatRepr(this.score)}, results=<list of ${this.results.length} results>)`;
  }
}
