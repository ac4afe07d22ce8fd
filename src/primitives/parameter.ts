import type { LMLike } from "../lm/lm-like.js";

/** Brand of optimizable leaves (DSPy's `Parameter`): `Predict` carries it. */
export const PARAMETER = Symbol.for("tsdspy.parameter");

export interface LoadStateOptions {
  /**
   * Take credentials, headers and endpoints (`api_key`, `headers`, `api_base`, `base_url`, `model_list`, …) and
   * custom LM classes from the file (trusted files only); without it they are dropped with a warning.
   */
  allowUnsafeLmState?: boolean;
  /** Where this state sits in the file (`generate.predict`), for error messages; `Module.loadState` sets it. */
  statePath?: string;
}

/** An optimizable leaf of a program: it has demos, a signature, an LM and a state. */
export interface Parameter {
  readonly [PARAMETER]: true;
  lm: LMLike | null;
  /** Forget demos, traces and the LM (DSPy's `reset`). */
  reset(): void;
  dumpState(): Record<string, unknown>;
  loadState(state: Record<string, unknown>, options?: LoadStateOptions): unknown;
}

export function isParameter(value: unknown): value is Parameter {
  return typeof value === "object" && value !== null && (value as { [PARAMETER]?: unknown })[PARAMETER] === true;
}
