import type { LMParams } from "./lm-request.js";
import type { LMRequestParams } from "./lm-request-params.js";

/**
 * What `lm.copy(overrides)` changes (DSPy's `lm.copy(**kwargs)`): request parameters in DSPy's names (`temperature`,
 * `rollout_id`, …; `null` removes one), `cache`, `numRetries`, and a new key or endpoint. Provider-specific parameters
 * go in `params`, as for `new LM`.
 *
 * @example
 * const explorer = lm.copy({ rollout_id: 1, temperature: 1.0, params: { top_k: 40 } });
 */
export type LMCopyOverrides = LMRequestParams & {
  /** `max_tokens` in tsdspy's LM spelling (giving both is an error). */
  maxTokens?: number | null;
  numRetries?: number;
  /** A new API key (never shown or saved); the copy gets its own provider client. */
  api_key?: string | null;
  /** A new server base URL; the copy gets its own provider client. */
  api_base?: string | null;
  /** litellm's spelling of `api_base`. */
  base_url?: string | null;
  /** Provider-specific request parameters, sent as given. */
  params?: LMParams;
};
