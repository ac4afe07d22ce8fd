import type { LMUsage } from "../../lm/lm-usage.js";

type UsageRecord = Record<string, unknown>;

function isRecord(value: unknown): value is UsageRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Sums two usage records key by key, recursing into nested records. */
export function mergeUsage(a: LMUsage, b: LMUsage): LMUsage {
  const result: UsageRecord = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const current = result[key];
    if (isRecord(value) || isRecord(current)) result[key] = mergeUsage(isRecord(current) ? current : {}, isRecord(value) ? value : {});
    else if (typeof value === "number") result[key] = (typeof current === "number" ? current : 0) + value;
    else if (current === undefined) result[key] = value;
  }
  return result as LMUsage;
}
