import { createHash } from "node:crypto";
import type { Example } from "../primitives/example.js";
import { pyJsonDumps } from "../python/pyfmt.js";

/**
 * A fingerprint of a data split: sha256 of the examples' fields (keys sorted, `dspy_*` keys included), in order.
 * Recorded in artifact manifests so a result can be traced to the exact data it was selected and tested on.
 */
export function splitHash(examples: ReadonlyArray<Example | Record<string, unknown>>): string {
  const hash = createHash("sha256");
  for (const example of examples) {
    const record = typeof (example as Example).toDict === "function" ? (example as Example).toDict() : (example as Record<string, unknown>);
    hash.update(pyJsonDumps(record, { sortKeys: true, ensureAscii: false }));
    hash.update("\n");
  }
  return `sha256:${hash.digest("hex")}`;
}
