import { ExampleImpl } from "../../primitives/example.js";

/**
 * Python's truthiness of a metric value: `0`, `false`, `null`, `""` and empty containers are false, `NaN` is true,
 * a Prediction is true when it has fields (as `bool(dspy.Prediction(...))`).
 */
export function pyTruthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "bigint") return value !== 0n;
  if (typeof value === "boolean" || typeof value === "string") return Boolean(value);
  if (value instanceof ExampleImpl) return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof Map || value instanceof Set) return value.size > 0;
  if (Object.getPrototypeOf(value) === Object.prototype) return Object.keys(value).length > 0;
  return true;
}
