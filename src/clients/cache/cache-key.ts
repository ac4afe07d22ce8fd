import type { LMParams } from "../../lm/lm-request.js";
import type { Message } from "../../lm/message.js";
import { canonicalJson } from "../../utils/canonical-json.js";
import { sha256Hex } from "../../utils/hash.js";

/** Request parameters that never enter a cache key: secrets, endpoints, transport settings. */
export const IGNORED_CACHE_PARAMS: ReadonlySet<string> = new Set(["api_key", "api_base", "base_url", "headers", "cache", "num_retries", "timeout"]);

/**
 * The cache key of a request: SHA-256 of the canonical JSON (sorted keys) of `{model, messages, …params}` plus the
 * endpoint kind, without secrets and endpoints, with `rollout_id`.
 */
export function lmCacheKey(model: string, modelType: string, messages: readonly Message[], params: LMParams): string {
  const request: Record<string, unknown> = { model, messages, _fn_identifier: `tsdspy.lm.${modelType}` };
  for (const [key, value] of Object.entries(params)) if (!IGNORED_CACHE_PARAMS.has(key)) request[key] = value;
  return sha256Hex(canonicalJson(request));
}
