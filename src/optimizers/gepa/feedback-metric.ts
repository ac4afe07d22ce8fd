import type { TraceEntry } from "../../context/trace-entry.js";
import { ArgumentTypeError } from "../../errors/argument-type-error.js";
import type { Example } from "../../primitives/example.js";
import { Prediction, PredictionImpl } from "../../primitives/prediction.js";
import { pyFloatRepr, pyStr } from "../../python/pyfmt.js";
import { declaredParameterCount } from "../../utils/declared-parameter-count.js";
import type { ObjectiveScores } from "./gepa-adapter.js";

/** A score with the text GEPA's reflection reads (DSPy's `ScoreWithFeedback`); `objective_scores` feed multi-objective fronts. */
export interface ScoreWithFeedback {
  score: number | boolean;
  feedback?: string | null;
  objective_scores?: ObjectiveScores | null;
}

/** What a GEPA metric may return: a bare score, `{ score, feedback }`, or a Prediction with those fields. */
export type FeedbackMetricResult = number | boolean | ScoreWithFeedback | Prediction;

/**
 * GEPA's five-argument metric (DSPy's `GEPAFeedbackMetric`). GEPA scores with `(gold, pred)` or
 * `(gold, pred, null)`, and asks for a predictor's feedback with `(gold, pred, trace, predName, predTrace)`, where
 * `predTrace` holds that predictor's one call.
 *
 * @example
 * const metric: GEPAFeedbackMetric = (gold, pred, _trace, _predName, _predTrace) => ({
 *   score: gold.answer === pred.answer ? 1 : 0,
 *   feedback: gold.answer === pred.answer ? "Correct." : `Expected ${gold.answer}, got ${pred.answer}.`,
 * });
 */
export type GEPAFeedbackMetric = (
  gold: Example,
  pred: Prediction,
  trace?: TraceEntry[] | null,
  predName?: string | null,
  predTrace?: TraceEntry[] | null,
) => FeedbackMetricResult | Promise<FeedbackMetricResult>;

/** What GEPA hands the reflection for one predictor call: a score and its feedback text. */
export interface PredictorFeedback {
  score: unknown;
  feedback: string;
}

const METRIC_ARITY_MESSAGE =
  "GEPA metric must accept five arguments: (gold, pred, trace, pred_name, pred_trace). See https://dspy.ai/api/optimizers/GEPA for details.";

/**
 * DSPy's check that the metric takes five arguments. JavaScript functions accept extra arguments silently, so
 * tsdspy reads the declared parameters: fewer than five (and no rest parameter) is the error DSPy raises.
 */
export function checkFeedbackMetric(metric: unknown): asserts metric is GEPAFeedbackMetric {
  if (typeof metric !== "function") throw new ArgumentTypeError(`${METRIC_ARITY_MESSAGE} Got ${pyStr(metric)}, which is not a function.`);
  const count = declaredParameterCount(metric as (...args: never[]) => unknown);
  if (count !== null && count < 5) {
    throw new ArgumentTypeError(
      `${METRIC_ARITY_MESSAGE} The metric declares ${count} parameter(s); declare all five, e.g. ` +
        "`(gold, pred, trace, predName, predTrace) => ({ score, feedback })` (unused ones may be ignored).",
    );
  }
}

/** Whether a metric result carries feedback (DSPy's `hasattr(o, "feedback")`). */
function hasFeedback(value: unknown): value is ScoreWithFeedback | Prediction {
  if (value instanceof PredictionImpl) return value.keys().includes("feedback");
  return typeof value === "object" && value !== null && "feedback" in value;
}

/** The score inside a metric result: a Prediction's or record's `score`, a boolean as 1/0, a number as is. */
export function scoreOf(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return value;
  if (typeof value === "object" && "score" in (value as object)) return scoreOf((value as { score: unknown }).score);
  return Number(value);
}

/** The raw `score` of a metric result as DSPy keeps it (a Prediction's `score` field), for comparisons and text. */
export function rawScoreOf(value: unknown): unknown {
  if (typeof value === "object" && value !== null && "score" in value) return (value as { score: unknown }).score;
  return value;
}

/** A metric result's `objective_scores`, or `{}`. */
export function objectiveScoresOf(value: unknown): ObjectiveScores {
  if (typeof value !== "object" || value === null || !("score" in value)) return {};
  const objectives = (value as { objective_scores?: unknown }).objective_scores;
  return objectives && typeof objectives === "object" ? { ...(objectives as ObjectiveScores) } : {};
}

/** Python's `str()` of a score in GEPA's default feedback: `True`/`False`, a float's repr for numbers. */
export function scoreText(score: unknown): string {
  if (typeof score === "number") return pyFloatRepr(score);
  return pyStr(score);
}

/** A metric result turned into a Prediction so `Evaluate` accepts `{ score, feedback }` records too. */
export function asMetricScore(value: FeedbackMetricResult): number | boolean | Prediction {
  if (typeof value === "object" && value !== null && !(value instanceof PredictionImpl)) return new Prediction({ ...value });
  return value as number | boolean | Prediction;
}

/**
 * DSPy's per-predictor feedback function: calls the metric with the predictor's name and its one trace entry,
 * and fills in `This trajectory got a score of …` when the metric gives no feedback.
 */
export function predictorFeedback(metric: GEPAFeedbackMetric, predName: string, predictor: object) {
  return async (args: {
    predictorOutput: unknown;
    predictorInputs: Record<string, unknown>;
    moduleInputs: Example;
    moduleOutputs: Prediction;
    capturedTrace: TraceEntry[];
  }): Promise<PredictorFeedback> => {
    const predTrace: TraceEntry[] = [[predictor, args.predictorInputs, args.predictorOutput as object]];
    const result = await metric(args.moduleInputs, args.moduleOutputs, args.capturedTrace, predName, predTrace);
    if (hasFeedback(result)) {
      const record = result as ScoreWithFeedback;
      if (record.feedback === null || record.feedback === undefined) record.feedback = `This trajectory got a score of ${scoreText(record.score)}.`;
      return { score: record.score, feedback: pyStr(record.feedback) };
    }
    return { score: result, feedback: `This trajectory got a score of ${scoreText(result)}.` };
  };
}
