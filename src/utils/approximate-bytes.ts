/**
 * A cheap estimate of the memory a JSON-like value holds: string lengths, 8 bytes per number or boolean, 16 per
 * object or array slot overhead. Shared references are counted once; nesting deeper than 32 levels is ignored.
 */
export function approximateBytes(value: unknown): number {
  return sizeOf(value, 0, new Set<object>());
}

function sizeOf(v: unknown, depth: number, seen: Set<object>): number {
  if (typeof v === "string") return 16 + v.length;
  if (v === null || typeof v !== "object") return 8;
  if (depth > 32 || seen.has(v)) return 8;
  seen.add(v);
  let total = 16;
  if (Array.isArray(v)) for (const item of v) total += 8 + sizeOf(item, depth + 1, seen);
  else for (const key in v) total += 16 + key.length + sizeOf((v as Record<string, unknown>)[key], depth + 1, seen);
  return total;
}
