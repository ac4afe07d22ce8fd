import { ValueError } from "../../errors/value-error.js";
import { ExampleImpl } from "../../primitives/example.js";
import { Prediction } from "../../primitives/prediction.js";
import { PyFloat } from "../../python/py-float.js";

/**
 * Converts a step's value to plain JSON for a checkpoint: Examples (with their input keys) and Predictions are
 * tagged so they come back as such, `PyFloat`s stay floats, non-finite numbers and bigints survive.
 */
export function toRunJson(value: unknown): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (value === undefined) return { $undefined: true };
  if (typeof value === "number") return Number.isFinite(value) ? value : { $float: String(value) };
  if (typeof value === "bigint") return { $bigint: value.toString() };
  if (value instanceof PyFloat) return { $pyfloat: value.value };
  if (value instanceof Prediction) return { $prediction: toRunJson(Object.fromEntries(value.items(true))) };
  if (value instanceof ExampleImpl) {
    return { $example: toRunJson(Object.fromEntries(value.items(true))), inputs: value.inputKeys() };
  }
  if (Array.isArray(value)) return value.map(toRunJson);
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key.startsWith("$") ? `$${key}` : key] = toRunJson(item);
    return out;
  }
  throw new ValueError(
    `Cannot save a ${Object.prototype.toString.call(value)} in an optimizer checkpoint; checkpoints hold plain data, ` +
      "Examples and Predictions. Run without `runDir` to optimize programs whose demos hold other objects.",
  );
}

/** Reads back what `toRunJson` wrote. */
export function fromRunJson(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(fromRunJson);
  const record = value as Record<string, unknown>;
  if ("$undefined" in record) return undefined;
  if ("$float" in record) return Number(record.$float);
  if ("$bigint" in record) return BigInt(record.$bigint as string);
  if ("$pyfloat" in record) return new PyFloat(record.$pyfloat as number);
  if ("$prediction" in record) return new Prediction(fromRunJson(record.$prediction) as Record<string, unknown>);
  if ("$example" in record) {
    const example = new ExampleImpl(fromRunJson(record.$example) as Record<string, unknown>);
    const inputs = record.inputs as string[] | null;
    return inputs ? example.withInputs(...inputs) : example;
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) out[key.startsWith("$$") ? key.slice(1) : key] = fromRunJson(item);
  return out;
}
