import type { LMUsage } from "../lm/lm-usage.js";

type UsageRecord = Record<string, unknown>;

function isRecord(value: unknown): value is UsageRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Sums two usage records key by key, recursing into nested records (DSPy's merge rule). */
export function mergeUsage(a: UsageRecord | undefined, b: UsageRecord | undefined): UsageRecord {
  if (!a || Object.keys(a).length === 0) return { ...(b ?? {}) };
  if (!b || Object.keys(b).length === 0) return { ...a };
  const result: UsageRecord = { ...b };
  for (const [key, value] of Object.entries(a)) {
    const current = result[key];
    if (isRecord(value) || isRecord(current)) {
      result[key] = mergeUsage(isRecord(current) ? current : undefined, isRecord(value) ? value : undefined);
    } else if (current != null || value != null) {
      result[key] = (typeof current === "number" ? current : 0) + (typeof value === "number" ? value : 0);
    }
  }
  return result;
}

/**
 * Collects the usage of every LM call made while it is the active tracker, per model.
 *
 * @example
 * const [result, usage] = await trackUsage(() => program.call({ question }));
 * usage.getTotalTokens() // { "openai/gpt-4o-mini": { prompt_tokens: 120, completion_tokens: 30, … } }
 */
export class UsageTracker {
  readonly usageData = new Map<string, LMUsage[]>();
  private readonly costs = new Map<string, { known: number; unknown: number }>();

  /** Records a call's cost in dollars; `null` means its price was unknown. */
  addCost(model: string, cost: number | null): void {
    const entry = this.costs.get(model) ?? { known: 0, unknown: 0 };
    if (cost === null) entry.unknown++;
    else entry.known += cost;
    this.costs.set(model, entry);
  }

  /** Dollars per model; `null` for a model when some of its calls had no known price. */
  getTotalCost(): Record<string, number | null> {
    const totals: Record<string, number | null> = {};
    for (const [model, entry] of this.costs) totals[model] = entry.unknown > 0 ? null : entry.known;
    return totals;
  }

  addUsage(model: string, usage: LMUsage): void {
    if (Object.keys(usage).length === 0) return;
    const entries = this.usageData.get(model);
    if (entries) entries.push({ ...usage });
    else this.usageData.set(model, [{ ...usage }]);
  }

  /** Usage summed per model. */
  getTotalTokens(): Record<string, LMUsage> {
    const totals: Record<string, LMUsage> = {};
    for (const [model, entries] of this.usageData) {
      let total: UsageRecord = {};
      for (const entry of entries) total = mergeUsage(total, entry);
      totals[model] = total as LMUsage;
    }
    return totals;
  }
}
