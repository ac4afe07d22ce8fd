import { MetricError } from "../errors/metric-error.js";
import { Prediction } from "../primitives/prediction.js";
import type { Metric, MetricScore } from "./metric.js";

/** How a value that is not a score reads in an error message. */
function describeValue(value: unknown): string {
  if (value === undefined) return "undefined (does the metric function miss a `return`?)";
  if (value === null) return "null";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
  if (value instanceof Prediction) {
    const score = value.get("score");
    return `a Prediction whose \`score\` is ${score === undefined ? "missing" : describeValue(score)}`;
  }
  if (typeof value === "object") {
    const hint = "score" in value ? "; return its `score`, or wrap it as `new Prediction({ score, ... })`" : "";
    return `an object (${value.constructor?.name ?? "Object"} with keys ${Object.keys(value).join(", ") || "none"})${hint}`;
  }
  return `${typeof value} ${String(value)}`;
}

const isScore = (value: unknown) => typeof value === "number" || typeof value === "boolean";

/**
 * The metric's result when it is a score (a number, a boolean, or a Prediction with a numeric or boolean `score`);
 * otherwise a `MetricError` naming the option the metric was given as and what it returned.
 */
export function checkMetricScore(value: unknown, metric: Metric<any>, where: string): MetricScore {
  if (isScore(value)) return value as MetricScore;
  if (value instanceof Prediction && isScore(value.get("score"))) return value;
  throw new MetricError(
    `The metric ${metric.name && metric.name !== "metric" ? `\`${metric.name}\` ` : ""}passed as \`metric\` to ${where} returned ${describeValue(value)}. ` +
      "A metric must return a number, a boolean, or a Prediction with a numeric `score` (the `Metric` type).",
    { value },
  );
}
