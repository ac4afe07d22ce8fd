import type { TraceEntry } from "./trace-entry.js";

/**
 * A bounded list of predictor calls, owned by one `withTrace` scope. When full, the oldest entry is dropped (as DSPy
 * drops the oldest once `max_trace_size` is reached). Only Predict writes to it; readers get a frozen copy.
 */
export class TraceRecorder {
  private readonly list: TraceEntry[] = [];

  constructor(readonly maxEntries: number) {}

  /** Adds one call (a shallow copy of its inputs); a recorder with `maxEntries <= 0` records nothing. */
  record(predictor: object, inputs: Record<string, unknown>, prediction: object): void {
    if (this.maxEntries <= 0) return;
    if (this.list.length >= this.maxEntries) this.list.shift();
    this.list.push(Object.freeze([predictor, { ...inputs }, prediction] as const));
  }

  /** The calls so far, oldest first, as a frozen array. */
  entries(): readonly TraceEntry[] {
    return Object.freeze(this.list.slice());
  }
}
