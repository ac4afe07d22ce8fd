import { ExampleImpl, type Example } from "../primitives/example.js";
import type { EvaluationRow } from "./evaluation-result.js";

type Row = Record<string, unknown>;

function isPlainObject(value: unknown): value is Row {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Example and prediction fields side by side; a name both have becomes `example_x` and `pred_x`. */
function mergeFields(example: Row, prediction: Row): Row {
  const merged: Row = {};
  for (const [key, value] of Object.entries(example)) merged[Object.hasOwn(prediction, key) ? `example_${key}` : key] = value;
  for (const [key, value] of Object.entries(prediction)) merged[Object.hasOwn(example, key) ? `pred_${key}` : key] = value;
  return merged;
}

/**
 * The rows `Evaluate` displays and saves (DSPy's `_prepare_results_output`): merged example and prediction fields,
 * then the score under the metric's name. A prediction that is not a record goes in a `prediction` column.
 */
export function resultRows(results: ReadonlyArray<EvaluationRow<unknown>>, metricName: string): Row[] {
  return results.map(([example, prediction, score]: [Example, unknown, unknown]) => {
    const exampleFields = example.toDict();
    if (prediction instanceof ExampleImpl) return { ...mergeFields(exampleFields, prediction.toDict()), [metricName]: score };
    if (isPlainObject(prediction)) return { ...mergeFields(exampleFields, prediction), [metricName]: score };
    return { ...exampleFields, prediction, [metricName]: score };
  });
}
