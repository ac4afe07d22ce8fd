import { clientsRoot } from "../clients-root.js";
import { LMCache } from "./lm-cache.js";

/** The process-wide default LM response cache (memory + disk, DSPy's `dspy.cache`), created on first use. */
export function defaultResponseCache(): LMCache {
  const root = clientsRoot();
  root.defaultCache ??= new LMCache();
  return root.defaultCache;
}

/** Drops the default response cache; the next LM call without another cache creates a fresh one (for tests). */
export function resetDefaultResponseCache(): void {
  clientsRoot().defaultCache = null;
}
