import { invalidStateValue } from "../errors/state-file-error.js";

/** A predictor's saved state (DSPy's `Predict.dump_state()`), checked. */
export interface PredictorState {
  signature: { instructions: string; fields: Array<{ prefix: string; description: string }> };
  demos: Array<Record<string, unknown>>;
  traces: unknown[];
  train: unknown[];
  /** The LM's state, or `null` (DSPy also reads `{}` and `false` as no LM). */
  lm: Record<string, unknown> | null;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Checks a predictor's state as DSPy writes it, so a wrong value is a `StateFileError` naming its JSON path
 * (`generate.predict.signature.instructions`) instead of a crash later: `signature` with string `instructions` and
 * `fields` of `{prefix, description}` strings, `demos` a list of objects, `traces` and `train` lists, `lm` an object
 * or null. Loops only, so a million demos cannot exhaust the stack.
 */
export function checkPredictorState(state: unknown, path: string): PredictorState {
  if (!isObject(state)) throw invalidStateValue(path, "a predictor state (an object)", state);
  const at = (key: string) => (path ? `${path}.${key}` : key);
  const signature = state.signature;
  if (!isObject(signature)) throw invalidStateValue(at("signature"), "an object with instructions and fields", signature);
  if (typeof signature.instructions !== "string") throw invalidStateValue(at("signature.instructions"), "a string", signature.instructions);
  const fields = signature.fields ?? [];
  if (!Array.isArray(fields)) throw invalidStateValue(at("signature.fields"), "a list of {prefix, description}", fields);
  for (let i = 0; i < fields.length; i++) {
    const field: unknown = fields[i];
    if (!isObject(field)) throw invalidStateValue(at(`signature.fields[${i}]`), "an object with prefix and description", field);
    for (const key of ["prefix", "description"]) {
      if (typeof field[key] !== "string") throw invalidStateValue(at(`signature.fields[${i}].${key}`), "a string", field[key]);
    }
  }
  const demos = state.demos ?? [];
  if (!Array.isArray(demos)) throw invalidStateValue(at("demos"), "a list of objects", demos);
  for (let i = 0; i < demos.length; i++) if (!isObject(demos[i])) throw invalidStateValue(at(`demos[${i}]`), "an object", demos[i]);
  for (const key of ["traces", "train"]) {
    if (state[key] !== undefined && !Array.isArray(state[key])) throw invalidStateValue(at(key), "a list", state[key]);
  }
  const lm = state.lm;
  if (lm !== undefined && lm !== null && lm !== false && !isObject(lm)) throw invalidStateValue(at("lm"), "an LM state (an object) or null", lm);
  return {
    signature: signature as PredictorState["signature"],
    demos: demos as PredictorState["demos"],
    traces: (state.traces as unknown[] | undefined) ?? [],
    train: (state.train as unknown[] | undefined) ?? [],
    lm: isObject(lm) && Object.keys(lm).length > 0 ? lm : null,
  };
}
