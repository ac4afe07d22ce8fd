import { ExampleImpl } from "../../primitives/example.js";
import { canonicalJson } from "../../utils/canonical-json.js";
import { sha256Hex } from "../../utils/hash.js";

function portable(value: unknown, seen: Set<object>): unknown {
  if (value === null || typeof value !== "object") {
    return typeof value === "function" ? `<function ${value.name || "<lambda>"}>` : value;
  }
  if (seen.has(value)) return "<cycle>";
  seen.add(value);
  try {
    if (value instanceof ExampleImpl) return { example: value.toDict(), inputs: value.inputKeys() };
    const record = value as Record<string, unknown> & { dumpState?: () => unknown };
    if (typeof record.dumpState === "function") return { class: value.constructor.name, state: portable(record.dumpState(), seen) };
    if (Array.isArray(value)) return value.map((item) => portable(item, seen));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(record)) out[key] = portable(item, seen);
    return out;
  } finally {
    seen.delete(value);
  }
}

/**
 * A SHA-256 of a run's arguments (options, datasets, the student's state, metric by name, LMs by their state), so a
 * resumed run can check that it was started again with the same arguments.
 */
export function runFingerprint(argumentsOfRun: unknown): string {
  return sha256Hex(canonicalJson(portable(argumentsOfRun, new Set())));
}
