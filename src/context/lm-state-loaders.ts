import { LMConfigurationError } from "../errors/lm-errors.js";
import { invalidStateValue } from "../errors/state-file-error.js";
import { ValueError } from "../errors/value-error.js";
import type { LMLike } from "../lm/lm-like.js";
import { checkLmState } from "./lm-state-checks.js";
import { getSettings } from "./settings.js";

/** The class marker of DSPy's own `LM` in state files. */
export const DSPY_LM_CLASS = "dspy.clients.lm.LM";

/** How an LM state is loaded. */
export interface LMStateOptions {
  /**
   * Keep credentials, headers and endpoints (`api_key`, `headers`, `api_base`, `base_url`, `model_list`, …) and allow
   * custom LM classes (trusted files only).
   */
  allowUnsafeLmState?: boolean;
  /** Where this state sits in the file (`generate.predict.lm`), for error messages. Default `lm`. */
  statePath?: string;
  /** Custom LM classes by class path, for this load only (with `allowUnsafeLmState`). */
  lmClasses?: Record<string, { loadState(state: Record<string, unknown>): LMLike }>;
  /** Where the unsafe-key warning goes (default: the settings' logger). */
  logger?: { warn(message: string): void };
  /** Options of the LM class that are not part of a state (keys, caches, fetch…). */
  lmOptions?: Record<string, unknown>;
}

/** Builds an LM from a state whose class marker and (unless trusted) unsafe keys were removed. */
export type LMStateLoader = (state: Record<string, unknown>, options: LMStateOptions) => LMLike;

/** Loaders by class path: process-wide, reached only through the functions below. */
const loaders = new Map<string, LMStateLoader>();

/**
 * Lets `loadLMState` (and so `Predict.loadState`, `Module.load`) build LMs of a class from state files. tsdspy's
 * `LM` registers `dspy.clients.lm.LM`; custom classes still need `allowUnsafeLmState` to load, as in DSPy.
 *
 * @example
 * registerLMStateLoader("my_pkg.MyLM", (state) => MyLM.fromState(state));
 */
export function registerLMStateLoader(classPath: string, loader: LMStateLoader): void {
  loaders.set(classPath, loader);
}

/**
 * An LM from `dumpState()` output (DSPy's `BaseLM.load_state`). Every known key is checked (a wrong value is a
 * `StateFileError` naming its path); credentials, headers and endpoints are dropped with a warning unless
 * `allowUnsafeLmState` (DSPy drops `api_base`, `base_url` and `model_list`); a class other than `dspy.clients.lm.LM` is
 * refused unless allowed, then built by `lmClasses` or a registered loader. States without a class marker (older DSPy)
 * load as `dspy.clients.lm.LM`.
 */
export function loadLMState(state: Record<string, unknown>, options: LMStateOptions = {}): LMLike {
  const path = options.statePath ?? "lm";
  if (state === null || typeof state !== "object" || Array.isArray(state)) throw invalidStateValue(path, "an LM state (an object)", state);
  const { _dspy_lm_class: classPath, ...fields } = state;
  if (classPath !== undefined && typeof classPath !== "string") throw invalidStateValue(`${path}._dspy_lm_class`, "a class path string", classPath);
  const checked = { path, allowUnsafeLmState: options.allowUnsafeLmState ?? false, logger: options.logger ?? getSettings().logger };
  if (classPath !== undefined && classPath !== DSPY_LM_CLASS) {
    if (!options.allowUnsafeLmState) {
      throw new ValueError(
        `Refusing to import custom serialized LM class \`${classPath}\`. ` +
          "Pass allowUnsafeLmState: true when loading trusted files to enable custom LM classes.",
      );
    }
    const rest = checkLmState(fields, { ...checked, requireModel: false });
    const custom = options.lmClasses?.[classPath];
    if (custom) return custom.loadState(rest);
    const loader = loaders.get(classPath);
    if (loader) return loader(rest, options);
    throw new LMConfigurationError(
      `Could not load serialized LM class \`${classPath}\`: pass it in lmClasses or register it with registerLMStateLoader to load this state.`,
    );
  }
  const rest = checkLmState(fields, checked);
  const loader = loaders.get(DSPY_LM_CLASS);
  if (!loader) {
    throw new LMConfigurationError(`No loader for \`${DSPY_LM_CLASS}\` states is registered: import { LM } from "tsdspy" before loading states with an LM.`);
  }
  return loader(rest, options);
}
