import { AsyncLocalStorage } from "node:async_hooks";
import { DSPyError } from "../errors/dspy-error.js";
import type { HistoryEntry } from "../lm/history-entry.js";
import type { LMLike } from "../lm/lm-like.js";
import type { ResponseCache } from "../lm/response-cache.js";
import type { Budget } from "./budget.js";
import type { Callback } from "./callback.js";
import { consoleLogger, type Logger } from "./logger.js";
import type { TraceEntry } from "./trace-entry.js";
import type { UsageTracker } from "./usage-tracker.js";

/** Anything that keeps its own list of LM calls (modules do). */
export interface HistoryHolder {
  history: HistoryEntry[];
}

/** tsdspy's settings (DSPy's `dspy.settings`), in camelCase. */
export interface Settings {
  /** The default language model of every predictor without its own. */
  lm: LMLike | null;
  /** The adapter that formats prompts and parses replies; `null` means ChatAdapter. */
  adapter: unknown;
  /** The retriever `Retrieve` uses (DSPy's `rm`): `Embeddings`, `BM25Retriever`, a function or an object with `retrieve`. */
  rm: unknown;
  /** When an array, every predictor call appends `[predictor, inputs, prediction]` to it. */
  trace: TraceEntry[] | null;
  callbacks: readonly Callback[];
  /** Attach per-model usage to each top-level prediction (`prediction.getLmUsage()`). */
  trackUsage: boolean;
  usageTracker: UsageTracker | null;
  numThreads: number;
  maxErrors: number;
  maxHistorySize: number;
  maxTraceSize: number;
  warnOnTypeMismatch: boolean;
  disableHistory: boolean;
  provideTraceback: boolean;
  logger: Logger;
  /** Modules currently executing, outermost first; each LM call is added to their history. */
  callerModules: readonly HistoryHolder[];
  /** Budgets every LM call is counted against, outermost first (see `withBudget`). */
  budgets: readonly Budget[];
  /** The LM response cache; `null` means the default one (see `configureCache`). */
  responseCache: ResponseCache | null;
}

/** The history every LM shares, capped like DSPy's `GLOBAL_HISTORY`. */
export const MAX_GLOBAL_HISTORY = 10_000;

const DEFAULTS: Settings = Object.freeze({
  lm: null,
  adapter: null,
  rm: null,
  trace: null,
  callbacks: Object.freeze([]) as readonly Callback[],
  trackUsage: false,
  usageTracker: null,
  numThreads: 8,
  maxErrors: 10,
  maxHistorySize: 10_000,
  maxTraceSize: 10_000,
  warnOnTypeMismatch: true,
  disableHistory: false,
  provideTraceback: false,
  logger: consoleLogger,
  callerModules: Object.freeze([]) as readonly HistoryHolder[],
  budgets: Object.freeze([]) as readonly Budget[],
  responseCache: null,
});

/** A scope's overrides and the merged view they produce against a given root version. */
interface Scope {
  overrides: Partial<Settings>;
  merged: Settings | null;
  mergedVersion: number;
}

/** The process-wide state behind `configure()`: private to this file, reached only through the functions below. */
const root = { settings: DEFAULTS, version: 0, history: [] as HistoryEntry[], singletons: new Map<symbol, unknown>() };
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
  if (scopes.getStore()) throw new SettingsScopeError();
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
  return scopes.run({ overrides: merged, merged: null, mergedVersion: -1 }, fn);
}

/** Restores the defaults and clears the global history (for tests). */
export function resetSettings(): void {
  if (scopes.getStore()) throw new SettingsScopeError();
  root.settings = DEFAULTS;
  root.version++;
  root.history.length = 0;
  root.singletons.clear();
}

/**
 * A process-wide value created on first use and kept with the root settings (e.g. the default response cache);
 * `resetSettings()` drops it.
 */
export function rootSingleton<T>(key: symbol, create: () => T): T {
  if (!root.singletons.has(key)) root.singletons.set(key, create());
  return root.singletons.get(key) as T;
}

/** The LM calls of every LM in this process, oldest first (DSPy's `GLOBAL_HISTORY`). */
export function globalHistory(): HistoryEntry[] {
  return root.history;
}
