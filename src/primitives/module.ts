import { randomUUID } from "node:crypto";
import type { Callback } from "../context/callback.js";
import { getSettings, withSettings } from "../context/settings.js";
import { UsageTracker } from "../context/usage-tracker.js";
import { activeSignal, withSignal } from "../context/with-signal.js";
import { AbortError } from "../errors/abort-error.js";
import { ValueError } from "../errors/value-error.js";
import type { HistoryEntry } from "../lm/history-entry.js";
import type { LMLike } from "../lm/lm-like.js";
import { formatHistory } from "../context/format-history.js";
import { ParallelExecutor } from "../utils/parallel-executor.js";
import { deepcopyGraph } from "./deepcopy.js";
import type { Example } from "./example.js";
import type { LoadStateOptions, Parameter } from "./parameter.js";
import { isParameter } from "./parameter.js";
import { PredictionImpl, type Prediction } from "./prediction.js";
import { requireInputKeys } from "./require-input-keys.js";
import { invalidStateValue } from "../errors/state-file-error.js";
import { readStateFile, StateFileError, writeStateFile } from "./state-file.js";
import { namedParametersOf, namedSubModulesOf, setByPath } from "./traverse.js";

type Fields = Record<string, any>;

/** Per-call options a module passes on to its predictors (`Predict` reads `lm`, `config`, `demos`, `signature`). */
export type CallOptions = { readonly [key: string]: unknown };

/** The option every async entry point takes: aborting `signal` cancels the call and everything it started. */
export interface SignalOption {
  /** Cancels the call: outstanding LM requests are aborted, nothing new starts, and the call rejects with `AbortError`. */
  signal?: AbortSignal;
}

/** Options of `Module.batch` (DSPy's `batch` arguments); unset ones come from settings. */
export interface BatchOptions {
  numThreads?: number;
  maxErrors?: number;
  /** Also return the examples that failed and their exceptions. */
  returnFailedExamples?: boolean;
  provideTraceback?: boolean;
  /**
   * No progress bar. Default false, as DSPy; the bar is drawn on the logger's `progress` stream (standard error),
   * live on a terminal and silent otherwise.
   */
  disableProgressBar?: boolean;
  /** Seconds before a straggler is started again once few examples remain; 0 disables it. Default 120. */
  timeout?: number;
  stragglerLimit?: number;
  /** Cancels the batch: no new example starts, running ones are aborted, and `batch` rejects with `AbortError`. */
  signal?: AbortSignal;
}

/** `Module.batch` with `returnFailedExamples`: `null` results where an example failed, with its inputs and error. */
export interface BatchResult<R = Prediction> {
  results: Array<R | null>;
  failedExamples: Example[];
  exceptions: unknown[];
}

/** Anything with a `forward` method (a module). */
export type HasForward = { forward(...args: any[]): unknown };

/**
 * The inputs `module.call()` takes: the first parameter of the module's `forward` (any record when `forward` takes
 * none or an untyped one).
 *
 * @example
 * type In = ModuleInputs<SupportPipeline>; // { ticket_text: string; policy_context: string }
 */
export type ModuleInputs<M extends HasForward> = M["forward"] extends (inputs: infer In, ...rest: any[]) => unknown
  ? unknown extends In
    ? Fields
    : In
  : Fields;

/** The per-call options `module.call()` takes: the second parameter of the module's `forward`, else `CallOptions`. */
export type ModuleCallOptions<M extends HasForward> = M["forward"] extends (inputs: any, options: infer Options, ...rest: any[]) => unknown
  ? unknown extends Options
    ? CallOptions
    : Options
  : CallOptions;

/**
 * What `module.call()` resolves to: whatever the module's `forward` returns (sync or async), awaited.
 *
 * @example
 * type Out = ModuleOutput<SupportPipeline>; // Prediction<{ reasoning: string; resolution: string }>
 */
export type ModuleOutput<M extends HasForward> = Awaited<ReturnType<M["forward"]>>;

function safeHook(hook: () => void): void {
  try {
    hook();
  } catch (error) {
    getSettings().logger.warn(`Error when calling callback: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Base class of programs (DSPy's `dspy.Module`). Subclasses implement `forward`; callers use `call`, which adds the
 * bookkeeping: callbacks, this module's LM history, and per-prediction usage when `trackUsage` is on. `call` and
 * `batch` are typed from `forward`: its parameter is what `call` takes, its (awaited) result what `call` returns.
 * The type parameters are optional constraints on `forward`: `I` its inputs, `O` what it returns.
 *
 * @example
 * class SupportPipeline extends Module {
 *   generate_resolution = new ChainOfThought(GenerateResolution);
 *   forward(inputs: { ticket_text: string; policy_context: string }) {
 *     return this.generate_resolution.call(inputs);
 *   }
 * }
 * const pred = await new SupportPipeline().call({ ticket_text, policy_context }); // pred.resolution: string
 */
export abstract class Module<I extends Fields = Fields, O = unknown> {
  callbacks: Callback[] = [];
  history: HistoryEntry[] = [];
  /** Set by optimizers on the programs they return; compiled sub-modules are skipped by `namedParameters`. */
  compiled = false;

  /**
   * The module's logic: any inputs object in, any value (usually a Prediction) out, sync or async. `options` carries
   * per-call settings for predictors (`lm`, `config`, `demos`, `signature`).
   */
  abstract forward(inputs: I, options?: CallOptions): O | Promise<O>;

  /**
   * Runs the module (DSPy's `module(**inputs)`): `forward` with callbacks, history and usage tracking. `signal`
   * cancels the call (it is not passed to `forward`; everything `forward` calls inherits it).
   */
  call<M extends HasForward>(this: M, inputs: ModuleInputs<M>, options?: ModuleCallOptions<M> & SignalOption): Promise<ModuleOutput<M>> {
    return runModule(this as unknown as Module, inputs, options as (CallOptions & SignalOption) | undefined) as Promise<ModuleOutput<M>>;
  }

  /**
   * Runs the module on many examples concurrently (DSPy's `batch`): results in input order, `null` for an example
   * that failed.
   *
   * @example
   * const predictions = await qa.batch(devset, { numThreads: 8, disableProgressBar: true });
   */
  batch<M extends HasForward>(this: M, examples: Example[], options: BatchOptions & { returnFailedExamples: true }): Promise<BatchResult<ModuleOutput<M>>>;
  batch<M extends HasForward>(this: M, examples: Example[], options?: BatchOptions): Promise<Array<ModuleOutput<M> | null>>;
  async batch(examples: Example[], options: BatchOptions = {}): Promise<Array<unknown> | BatchResult<unknown>> {
    requireInputKeys(examples, `${this.constructor.name}.batch()`, "examples");
    const settings = getSettings();
    const signal = activeSignal(options.signal);
    const operation = `${this.constructor.name.replace(/Impl$/, "")}.batch() of ${examples.length} examples`;
    AbortError.throwIfAborted(signal, operation);
    const executor = new ParallelExecutor({
      signal,
      operation,
      numThreads: options.numThreads ?? settings.numThreads,
      maxErrors: options.maxErrors ?? settings.maxErrors,
      provideTraceback: options.provideTraceback ?? settings.provideTraceback,
      logger: settings.logger,
      disableProgressBar: options.disableProgressBar ?? false,
      stream: settings.logger.progress,
      timeout: options.timeout ?? 120,
      stragglerLimit: options.stragglerLimit ?? 3,
    });
    const inputs = examples.map((example) => example.inputs());
    const results = await withSignal(signal, () =>
      executor.execute((item: Example, task) => withSignal(task.signal, () => runModule(this, Object.fromEntries(item.items()), undefined)), inputs),
    );
    if (!options.returnFailedExamples) return results;
    return {
      results,
      failedExamples: executor.failedIndices.map((index) => inputs[index] as Example),
      exceptions: executor.failedIndices.map((index) => executor.exceptions.get(index)),
    };
  }

  /** Optimizable leaves by DSPy's names (`generate.predict`, `layers[0]`, `tools['x']`, a bare predictor is `self`). */
  namedParameters(): Array<[string, Parameter]> {
    return namedParametersOf(this, isModule);
  }

  /** The predictors (`Predict` and subclasses: parameters with a signature and demos) by name, in attribute order. */
  namedPredictors(): Array<[string, Parameter]> {
    return this.namedParameters().filter(([, p]) => "signature" in p && Array.isArray((p as { demos?: unknown }).demos));
  }

  predictors(): Parameter[] {
    return this.namedPredictors().map(([, p]) => p);
  }

  /** Sub-modules by name, breadth first (DSPy's `named_sub_modules`). */
  namedSubModules(skipCompiled = false): Array<[string, Module]> {
    return [...namedSubModulesOf(this, isModule, isModule, skipCompiled)];
  }

  /** Replaces each predictor by `fn(predictor)`. */
  mapNamedPredictors(fn: (predictor: Parameter) => Parameter): this {
    for (const [name, predictor] of this.namedPredictors()) {
      if (name === "self") throw new ValueError("mapNamedPredictors cannot replace a bare predictor itself.");
      setByPath(this, name, fn(predictor));
    }
    return this;
  }

  /** Sets the LM of every predictor. */
  setLm(lm: LMLike | null): void {
    for (const [, param] of this.namedParameters()) param.lm = lm;
  }

  /** The LM every predictor uses; throws when they use different ones. */
  getLm(): LMLike | null {
    const lms = new Set(this.namedParameters().map(([, p]) => p.lm));
    if (lms.size === 1) return [...lms][0] as LMLike | null;
    throw new ValueError("Multiple LMs are being used in the module. There's no unique LM to return.");
  }

  /** A deep copy of the program; LMs, signatures and tools are shared, demos and sub-modules copied. */
  deepcopy(): this {
    return deepcopyGraph(this, isModule);
  }

  /** A deep copy with every predictor reset (no demos, traces or LM). */
  resetCopy(): this {
    const copy = this.deepcopy();
    for (const [, param] of copy.namedParameters()) param.reset();
    return copy;
  }

  /** The program's state by predictor name (DSPy's `dump_state`); a bare predictor dumps its own state. */
  dumpState(): Record<string, unknown> {
    return Object.fromEntries(this.namedParameters().map(([name, p]) => [name, p.dumpState()]));
  }

  /** Loads state by predictor name; transactional: a failure leaves the program unchanged. */
  loadState(state: Record<string, unknown>, options: LoadStateOptions = {}): this {
    if (typeof state !== "object" || state === null || Array.isArray(state)) {
      throw invalidStateValue("", "a program state (an object of predictor states by name)", state);
    }
    const apply = (module: Module) => {
      for (const [name, param] of module.namedParameters()) {
        if (!Object.hasOwn(state, name)) {
          const keys = Object.keys(state);
          const listed = keys.length === 0 ? "it has no keys" : `keys: ${keys.slice(0, 10).join(", ")}${keys.length > 10 ? `, … (${keys.length} in all)` : ""}`;
          throw new StateFileError(`The state has no entry for predictor \`${name}\` (${listed}).`);
        }
        param.loadState(state[name] as Record<string, unknown>, { ...options, statePath: name });
      }
    };
    apply(this.deepcopy());
    apply(this);
    return this;
  }

  /** Writes the state as JSON exactly as DSPy's `save(path)` does, so Python DSPy can load it. */
  async save(path: string, options: { dependencyVersions?: Partial<Record<"python" | "dspy" | "cloudpickle", string>> } = {}): Promise<void> {
    await writeStateFile(path, this.dumpState(), options.dependencyVersions);
  }

  /** Loads a JSON state file written by DSPy or tsdspy into this program (the same structure must exist). */
  async load(path: string, options: LoadStateOptions = {}): Promise<this> {
    const state = await readStateFile(path, getSettings().logger);
    try {
      this.loadState(state, options);
    } catch (error) {
      if (!(error instanceof StateFileError)) throw error;
      throw new StateFileError(`Cannot load ${path}: ${error.message}`, { cause: error, ...(error.path !== undefined ? { path: error.path } : {}) });
    }
    return this;
  }

  /** The last `n` LM calls made while this module ran. */
  inspectHistory(n = 1, options: { colors?: boolean } = {}): string {
    return formatHistory(this.history, n, options);
  }
}

/** `module.call()` itself: `forward` with callbacks, this module's LM history and usage tracking. */
async function runModule(module: Module, inputs: Fields, callOptions: (CallOptions & SignalOption) | undefined): Promise<unknown> {
  const { signal: given, options } = splitSignal(callOptions);
  const signal = given ? activeSignal(given) : getSettings().signal;
  const operation = `${module.constructor.name.replace(/Impl$/, "")}.call()`;
  AbortError.throwIfAborted(signal, operation);
  const settings = getSettings();
  const callbacks = settings.callbacks.length || module.callbacks.length ? [...settings.callbacks, ...module.callbacks] : [];
  const callId = callbacks.length ? randomUUID() : "";
  for (const cb of callbacks) safeHook(() => cb.onModuleStart?.(callId, module, inputs));
  const callerModules = [...settings.callerModules, module];
  const callPath = callId ? [...settings.callPath, callId] : settings.callPath;
  try {
    const forward = async () => module.forward(inputs, options);
    let output: unknown;
    if (settings.trackUsage && !settings.usageTracker) {
      const tracker = new UsageTracker();
      output = await withSettings({ callerModules, usageTracker: tracker, signal, callPath }, forward);
      if (output instanceof PredictionImpl) output.setLmUsage(tracker.getTotalTokens());
      else settings.logger.warn("Failed to set LM usage. Please return a Prediction from forward() to enable usage tracking.");
    } else {
      output = await withSettings({ callerModules, signal, callPath }, forward);
    }
    for (const cb of callbacks) safeHook(() => cb.onModuleEnd?.(callId, output, null));
    return output;
  } catch (raw) {
    const error = given ? AbortError.wrap(raw, signal, operation) : raw;
    for (const cb of callbacks) safeHook(() => cb.onModuleEnd?.(callId, null, error));
    throw error;
  }
}

/** The call's `signal` and the options `forward` gets (without it; none when `signal` was the only one). */
function splitSignal(options: (CallOptions & SignalOption) | undefined): { signal: AbortSignal | undefined; options: CallOptions | undefined } {
  if (options === null || typeof options !== "object" || !("signal" in options)) return { signal: undefined, options };
  const { signal, ...rest } = options;
  return { signal, options: Object.keys(rest).length ? rest : undefined };
}

/** Whether a value is a tsdspy module. */
export function isModule(value: unknown): value is Module {
  return value instanceof Module;
}

export { isParameter };
