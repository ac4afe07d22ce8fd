import { ExampleImpl } from "../../primitives/example.js";
import { canonicalJson } from "../../utils/canonical-json.js";
import { sha256Hex } from "../../utils/hash.js";

/**
 * Options that change how a run executes or reports, never what it computes (results are the same for any thread
 * count): left out of the fingerprint, so a run may be resumed with other values.
 */
const EXECUTION_ONLY = new Set(["numThreads", "displayProgress", "displayTable", "provideTraceback", "output", "logger", "clock", "budget"]);

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
    for (const [key, item] of Object.entries(record)) if (!EXECUTION_ONLY.has(key)) out[key] = portable(item, seen);
    return out;
  } finally {
    seen.delete(value);
  }
}

/**
 * A SHA-256 of a run's arguments (options, datasets, the student's state, metric by name, LMs by their state), so a
 * resumed run can check that it was started again with the same arguments. Execution-only options (`numThreads`,
 * progress and logging) are left out.
 */
export function runFingerprint(argumentsOfRun: unknown): string {
  return sha256Hex(canonicalJson(portable(argumentsOfRun, new Set())));
}

/** One fingerprint per top-level argument (for an object of arguments), so a refused resume can say which differs. */
export function runFingerprintParts(argumentsOfRun: unknown): Record<string, string> {
  if (argumentsOfRun === null || typeof argumentsOfRun !== "object" || Array.isArray(argumentsOfRun)) return {};
  const parts: Record<string, string> = {};
  for (const [key, value] of Object.entries(argumentsOfRun)) if (!EXECUTION_ONLY.has(key)) parts[key] = runFingerprint(value);
  return parts;
}
