import { AsyncLocalStorage } from "node:async_hooks";
import { DSPyError } from "../errors/dspy-error.js";
import type { Adapter } from "../adapters/adapter.js";
import type { HistoryEntry } from "../lm/history-entry.js";
import type { LMLike } from "../lm/lm-like.js";
import type { ResponseCache } from "../lm/response-cache.js";
import type { Budget } from "./budget.js";
import type { Callback } from "./callback.js";
import { HistoryStore } from "./history-store.js";
import { consoleLogger, type Logger } from "./logger.js";
import type { TraceRecorder } from "./trace-recorder.js";
import type { UsageTracker } from "./usage-tracker.js";

/** Anything that keeps its own list of LM calls (modules do). */
export interface HistoryHolder {
  history: HistoryEntry[];
}

/**
 * tsdspy's settings (DSPy's `dspy.settings`), in camelCase: immutable values, read with `getSettings()` and changed
 * only through `configure()` (process-wide) or `withSettings()` (one async scope). The trace is not a setting: see
 * `withTrace`.
 */
export interface Settings {
  /** The default language model of every predictor without its own. */
  readonly lm: LMLike | null;
  /** The adapter that formats prompts and parses replies; `null` means ChatAdapter. */
  readonly adapter: Adapter | null;
  /** The retriever `Retrieve` uses (DSPy's `rm`): `Embeddings`, `BM25Retriever`, a function or an object with `retrieve`. */
  readonly rm: unknown;
  readonly callbacks: readonly Callback[];
  /** Attach per-model usage to each top-level prediction (`prediction.getLmUsage()`). */
  readonly trackUsage: boolean;
  readonly usageTracker: UsageTracker | null;
  readonly numThreads: number;
  readonly maxErrors: number;
  /** Entries kept in each LM's and each module's `history` (DSPy's `max_history_size`). */
  readonly maxHistorySize: number;
  /** Approximate bytes kept in the global history (`globalHistory()`); the oldest calls are dropped past it. */
  readonly maxHistoryBytes: number;
  /** Predictor calls kept by a `withTrace` that does not set its own bound (DSPy's `max_trace_size`). */
  readonly maxTraceSize: number;
  readonly warnOnTypeMismatch: boolean;
  readonly disableHistory: boolean;
  readonly provideTraceback: boolean;
  readonly logger: Logger;
  /** Modules currently executing, outermost first; each LM call is added to their history. */
  readonly callerModules: readonly HistoryHolder[];
  /** Budgets every LM call is counted against, outermost first (see `withBudget`). */
  readonly budgets: readonly Budget[];
  /** The LM response cache; `null` means the default one (see `configureCache`). */
  readonly responseCache: ResponseCache | null;
  /** Cancels every call made in this scope when aborted (set by a call's `signal` option or `withSignal`). */
  readonly signal: AbortSignal | null;
  /**
   * The callback call ids of the module, tool, evaluate and compile calls running here, outermost first: what a
   * callback reads in a start hook to find its parent call (tracing nests spans with it).
   */
  readonly callPath: readonly string[];
}

/** The entries of the history every LM shares, capped like DSPy's `GLOBAL_HISTORY` (`MAX_HISTORY_SIZE`). */
export const MAX_GLOBAL_HISTORY = 10_000;
/** Default byte bound of the global history. */
export const DEFAULT_MAX_HISTORY_BYTES = 16 * 1024 * 1024;

const DEFAULTS: Settings = Object.freeze({
  lm: null,
  adapter: null,
  rm: null,
  callbacks: Object.freeze([]) as readonly Callback[],
  trackUsage: false,
  usageTracker: null,
  numThreads: 8,
  maxErrors: 10,
  maxHistorySize: 10_000,
  maxHistoryBytes: DEFAULT_MAX_HISTORY_BYTES,
  maxTraceSize: 10_000,
  warnOnTypeMismatch: true,
  disableHistory: false,
  provideTraceback: false,
  logger: consoleLogger,
  callerModules: Object.freeze([]) as readonly HistoryHolder[],
  budgets: Object.freeze([]) as readonly Budget[],
  responseCache: null,
  signal: null,
  callPath: Object.freeze([]) as readonly string[],
});

/**
 * A scope's overrides, the merged view they produce against a given root version, and the scope's trace.
 * `settingsScope` is false for a `withTrace` scope outside any `withSettings` (where `configure()` is allowed).
 */
interface Scope {
  readonly settingsScope: boolean;
  readonly overrides: Partial<Settings>;
  merged: Settings | null;
  mergedVersion: number;
  readonly trace: TraceRecorder | null;
}

/** The process-wide state behind `configure()`: private to this file, reached only through the functions below. */
const root = { settings: DEFAULTS, version: 0, history: new HistoryStore() };
const scopes = new AsyncLocalStorage<Scope>();

/** `configure()` was called inside a `withSettings` scope. */
export class SettingsScopeError extends DSPyError {
  constructor() {
    super(
      "configure() changes the process-wide settings and cannot be called inside withSettings() " +
        "(for example from a parallel worker); use withSettings(overrides, fn) to change settings for a scope.",
    );
    this.name = "SettingsScopeError";
  }
}

/**
 * Sets process-wide defaults (DSPy's `dspy.configure`).
 *
 * @example
 * configure({ lm: new LM("openai/gpt-4o-mini"), trackUsage: true });
 */
export function configure(overrides: Partial<Settings>): void {
  if (scopes.getStore()?.settingsScope) throw new SettingsScopeError();
  root.settings = Object.freeze({ ...root.settings, ...overrides });
  root.version++;
}

/** The settings in effect here: the innermost `withSettings` overrides over `configure()`d values. */
export function getSettings(): Settings {
  const scope = scopes.getStore();
  if (!scope) return root.settings;
  if (scope.merged === null || scope.mergedVersion !== root.version) {
    scope.merged = Object.freeze({ ...root.settings, ...scope.overrides });
    scope.mergedVersion = root.version;
  }
  return scope.merged;
}

/**
 * Runs `fn` with some settings overridden for everything it calls, including concurrent async work it starts
 * (DSPy's `with dspy.context(...)`). Concurrent scopes never see each other's overrides.
 *
 * @example
 * const pred = await withSettings({ lm: cheapLm }, () => program.call({ question }));
 */
export function withSettings<T>(overrides: Partial<Settings>, fn: () => T): T {
  const outer = scopes.getStore();
  const merged = outer ? { ...outer.overrides, ...overrides } : { ...overrides };
  return scopes.run({ settingsScope: true, overrides: merged, merged: null, mergedVersion: -1, trace: outer?.trace ?? null }, fn);
}

/** Runs `fn` with `recorder` as the trace of its scope (see `withTrace`). */
export function withTraceRecorder<T>(recorder: TraceRecorder, fn: () => T): T {
  const outer = scopes.getStore();
  const settingsScope = outer?.settingsScope ?? false;
  return scopes.run({ settingsScope, overrides: outer?.overrides ?? {}, merged: null, mergedVersion: -1, trace: recorder }, fn);
}

/** The trace recorder of the enclosing `withTrace`, if any. */
export function activeTraceRecorder(): TraceRecorder | null {
  return scopes.getStore()?.trace ?? null;
}

/** Restores the defaults and clears the global history (for tests). */
export function resetSettings(): void {
  if (scopes.getStore()?.settingsScope) throw new SettingsScopeError();
  root.settings = DEFAULTS;
  root.version++;
  root.history.clear();
}

/**
 * The LM calls of every LM in this process, oldest first (DSPy's `GLOBAL_HISTORY`): a frozen copy of the global
 * history, which keeps the last 10,000 calls within `maxHistoryBytes`.
 *
 * @example
 * await program.call({ question });
 * const last = globalHistory().at(-1);
 */
export function globalHistory(): readonly HistoryEntry[] {
  return root.history.entries();
}

/** Adds one LM call to the global history (LMs call this). */
export function recordGlobalHistory(entry: HistoryEntry, settings: Settings = getSettings()): void {
  root.history.add(entry, { maxEntries: MAX_GLOBAL_HISTORY, maxBytes: settings.maxHistoryBytes });
}
