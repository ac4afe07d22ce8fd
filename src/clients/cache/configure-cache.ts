import { configure, getSettings } from "../../context/settings.js";
import type { ResponseCache } from "../../lm/response-cache.js";
import { defaultResponseCache } from "./default-response-cache.js";
import { LMCache, type CacheOptions } from "./lm-cache.js";

/**
 * Replaces the process-wide LM response cache (DSPy's `configure_cache`). For one scope, pass a cache to
 * `withSettings({ responseCache })`; for one LM, its `cacheStore` option.
 *
 * @example
 * configureCache({ enableDisk: false });                    // memory only
 * configureCache({ dir: "/tmp/my-cache", maxBytes: 1e9 });
 */
export function configureCache(options: CacheOptions = {}): LMCache {
  const cache = new LMCache(options);
  configure({ responseCache: cache });
  return cache;
}

/** The cache in effect here: the scope's or `configureCache`'s, else the default (memory + disk, created on first use). */
export function activeResponseCache(): ResponseCache {
  return getSettings().responseCache ?? defaultResponseCache();
}
