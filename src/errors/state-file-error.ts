import { DSPyError } from "./dspy-error.js";

/** Saving or loading a state file failed; `path` is the JSON path of the offending value, when one is to blame. */
export class StateFileError extends DSPyError {
  /** Where in the state the problem is (`generate.predict.signature.instructions`), when it is one value. */
  readonly path?: string;

  constructor(message: string, options: { cause?: unknown; path?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "StateFileError";
    if (options.path !== undefined) this.path = options.path;
  }
}

/** A short description of a JSON value for an error message: `5`, `"abc"`, `null`, `an array of 3`, `an object`. */
export function describeStateValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  const unwrapped = (value as { value?: unknown }).value;
  if (typeof unwrapped === "number" && value.constructor?.name === "PyFloat") return String(unwrapped);
  return "an object";
}

/**
 * The error for one value of the wrong kind: `Invalid state at demos: expected a list of objects, got "abc".` (the
 * path `""` is the state itself: `Invalid state at the top level: …`).
 */
export function invalidStateValue(path: string, expected: string, value: unknown): StateFileError {
  const where = path === "" ? "the top level" : path;
  return new StateFileError(`Invalid state at ${where}: expected ${expected}, got ${describeStateValue(value)}.`, { path });
}
