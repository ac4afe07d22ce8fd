import type { LanguageModel } from "../lm/language-model.js";
import type { LMCapabilities } from "../lm/lm-capabilities.js";
import type { ResponseCache } from "../lm/response-cache.js";
import type { BaseLMOptions } from "./base-lm.js";
import type { ModelPrice } from "./model-price.js";
import type { PriceTable } from "./pricing.js";

/** Options of `new LM(model, options)`; any other key is a default request parameter (`top_p`, `seed`, …). */
export interface LMOptions extends BaseLMOptions {
  /** Use this provider model instead of resolving the model string. */
  languageModel?: LanguageModel;
  /** The API key (else the provider's environment variable). Never stored in state, history, cache keys or logs. */
  apiKey?: string;
  /** The server's base URL (DSPy's `api_base`); saved in state as `api_base`. */
  apiBase?: string;
  /** Extra HTTP headers on every request. */
  headers?: Record<string, string>;
  /** Per-attempt timeout. Default 600,000 ms; a per-call `timeout` parameter (seconds, litellm's) overrides it. */
  timeoutMs?: number;
  /** Most calls of this LM (and its copies) in flight at once. Default unlimited. */
  maxConcurrency?: number;
  /** The response cache for this LM (else `withSettings({ responseCache })`, `configureCache`, or the default). */
  cacheStore?: ResponseCache;
  /** Prices to compute cost from when the provider reports none. Default `PriceTable.defaults()`. */
  prices?: PriceTable;
  /** This model's price, overriding the table. */
  price?: ModelPrice;
  /** Overrides of what the model supports (JSONAdapter reads these). */
  capabilities?: Partial<LMCapabilities>;
  /** Backoff of retries; `sleep` and `random` are injectable for tests. */
  retry?: {
    baseDelayMs?: number;
    maxDelayMs?: number;
    maxRetryAfterMs?: number;
    sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
    random?: () => number;
  };
  /** A `fetch` implementation for the built-in providers. */
  fetch?: typeof globalThis.fetch;
  finetuningModel?: string | null;
  launchKwargs?: Record<string, unknown>;
  trainKwargs?: Record<string, unknown>;
  /** Send system messages with the `developer` role (Responses API), as DSPy's `use_developer_role`. */
  useDeveloperRole?: boolean;
}

/** LM option names that are not request parameters, with the DSPy (snake_case) names `LM.loadState` maps from. */
export const LM_OPTION_KEYS: ReadonlySet<string> = new Set([
  "languageModel", "apiKey", "apiBase", "headers", "timeoutMs", "maxConcurrency", "cacheStore", "prices", "price",
  "capabilities", "retry", "fetch", "finetuningModel", "launchKwargs", "trainKwargs", "useDeveloperRole",
]);
