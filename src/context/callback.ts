import type { LMResponse } from "../lm/lm-response.js";

/**
 * Instrumentation hooks (DSPy's `BaseCallback`). Every method is optional; `callId` pairs a start with its end.
 * Hooks must not throw; an exception in a hook is logged and ignored.
 */
export interface Callback {
  onModuleStart?(callId: string, instance: object, inputs: Record<string, unknown>): void;
  onModuleEnd?(callId: string, outputs: unknown, error: unknown | null): void;
  onLmStart?(callId: string, instance: object, inputs: Record<string, unknown>): void;
  /** `response` (tsdspy's addition) is the whole reply of a call that succeeded: usage, response model, cache hit. */
  onLmEnd?(callId: string, outputs: unknown, error: unknown | null, response?: LMResponse): void;
  onAdapterFormatStart?(callId: string, instance: object, inputs: Record<string, unknown>): void;
  onAdapterFormatEnd?(callId: string, outputs: unknown, error: unknown | null): void;
  onAdapterParseStart?(callId: string, instance: object, inputs: Record<string, unknown>): void;
  onAdapterParseEnd?(callId: string, outputs: unknown, error: unknown | null): void;
  onToolStart?(callId: string, instance: object, inputs: Record<string, unknown>): void;
  onToolEnd?(callId: string, outputs: unknown, error: unknown | null): void;
  onEvaluateStart?(callId: string, instance: object, inputs: Record<string, unknown>): void;
  onEvaluateEnd?(callId: string, outputs: unknown, error: unknown | null): void;
  onCompileStart?(callId: string, instance: object, inputs: Record<string, unknown>): void;
  onCompileEnd?(callId: string, outputs: unknown, error: unknown | null): void;
  /**
   * tsdspy's addition: an optimizer logged a trial (what it evaluated, the score, the run's counters so far); it
   * runs inside the optimizer's `compile`, so `settings.callPath` ends with the compile's call id.
   */
  onOptimizerTrial?(trial: OptimizerTrial): void;
}

/** A trial as `onOptimizerTrial` sees it (one line of the run's trial log). */
export interface OptimizerTrial {
  optimizer: string;
  trial: number;
  kind: string;
  score: number | null;
  evalSize: number;
  bestScore: number | null;
  lmCalls: number;
  metricCalls: number;
  elapsedMs: number;
}
