import { LMConfigurationError } from "../errors/lm-errors.js";
import type { LanguageModel } from "../lm/language-model.js";
import type { LMCapabilities } from "../lm/lm-capabilities.js";
import { LM_REQUEST_PARAM_NAMES } from "../lm/lm-request-params.js";
import type { ResponseCache } from "../lm/response-cache.js";
import type { Clock } from "../utils/clock.js";
import { closestName } from "../utils/closest-name.js";
import type { BaseLMOptions } from "./base-lm.js";
import type { PriceTable } from "./pricing.js";

/**
 * Options of `new LM(model, options)`: the LM's own settings (camelCase) and default request parameters (DSPy's
 * names: `temperature`, `top_p`, `stop`, `seed`, …). Provider-specific request parameters go in `params`.
 */
export interface LMOptions extends BaseLMOptions {
  /** Use this provider model instead of resolving the model string. */
  languageModel?: LanguageModel;
  /** The API key (else the provider's environment variable). Never stored in state, history, cache keys or logs. */
  apiKey?: string;
  /** @deprecated DSPy's spelling; use `apiKey` (giving both is an error). */
  api_key?: string;
  /** The server's base URL (DSPy's `api_base`); saved in state as `api_base`. */
  apiBase?: string;
  /** @deprecated DSPy's spelling; use `apiBase` (giving both is an error). */
  api_base?: string;
  /** @deprecated litellm's spelling; use `apiBase` (giving both is an error). */
  base_url?: string;
  /** @deprecated DSPy's spelling; use `numRetries` (giving both is an error). */
  num_retries?: number;
  /** @deprecated DSPy's spelling; use `modelType` (giving both is an error). */
  model_type?: "chat" | "text" | "responses";
  /** Extra HTTP headers on every request (never saved, shown or logged). */
  headers?: Record<string, string>;
  /** Per-attempt timeout; for `stream()`, the longest wait for the next part. Default 600,000 ms; a per-call `timeout` parameter (seconds, litellm's) overrides it. */
  timeoutMs?: number;
  /** Most calls of this LM (and its copies) in flight at once. Default unlimited. */
  maxConcurrency?: number;
  /** The response cache for this LM (else `withSettings({ responseCache })`, `configureCache`, or the default). */
  cacheStore?: ResponseCache;
  /** Prices to compute cost from when the provider reports none. Default `PriceTable.defaults()`. */
  prices?: PriceTable;
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
  /** The clock of attempt deadlines (`timeoutMs`); injectable for tests (`ManualClock`). Default the system clock. */
  clock?: Clock;
  /** A `fetch` implementation for the built-in providers. */
  fetch?: typeof globalThis.fetch;
  finetuningModel?: string | null;
  launchKwargs?: Record<string, unknown>;
  trainKwargs?: Record<string, unknown>;
  /** Send system messages with the `developer` role (Responses API), as DSPy's `use_developer_role`. */
  useDeveloperRole?: boolean;
}

/** LM option names that are not request parameters. */
export const LM_OPTION_KEYS: ReadonlySet<string> = new Set([
  "languageModel", "apiKey", "apiBase", "headers", "timeoutMs", "maxConcurrency", "cacheStore", "prices",
  "capabilities", "retry", "clock", "fetch", "finetuningModel", "launchKwargs", "trainKwargs", "useDeveloperRole",
]);

const BASE_KEYS = ["modelType", "temperature", "maxTokens", "cache", "numRetries", "params", "budget", "price"];

/** DSPy's (snake_case) spellings of options, with the name tsdspy documents. */
const ALIASES: ReadonlyArray<readonly [alias: string, name: string]> = [
  ["max_tokens", "maxTokens"],
  ["api_key", "apiKey"],
  ["api_base", "apiBase"],
  ["base_url", "apiBase"],
  ["num_retries", "numRetries"],
  ["model_type", "modelType"],
];

const KEEP_IN_KWARGS = new Set(["api_key", "api_base", "base_url"]);

const KNOWN = new Set([...LM_OPTION_KEYS, ...BASE_KEYS, ...ALIASES.map(([alias]) => alias), ...LM_REQUEST_PARAM_NAMES]);

/**
 * `new LM` options with DSPy's spellings resolved to tsdspy's (`max_tokens` → `maxTokens`, `api_base` → `apiBase`, …).
 * Throws `LMConfigurationError` on an unknown option (naming the closest one and the `params` escape hatch) and on a
 * value given twice (`maxTokens` with `max_tokens`, `temperature` with `params.temperature`).
 */
export function normalizeLMOptions(options: LMOptions): LMOptions {
  const unknown = Object.keys(options).filter((key) => !KNOWN.has(key) && (options as Record<string, unknown>)[key] !== undefined);
  if (unknown.length > 0) {
    const key = unknown[0]!;
    const near = closestName(key, KNOWN);
    throw new LMConfigurationError(
      `Unknown LM option ${JSON.stringify(key)}${near ? ` (did you mean ${JSON.stringify(near)}?)` : ""}. ` +
        `A provider-specific request parameter goes in params: new LM(model, { params: { ${key}: … } }).`,
    );
  }
  const out: Record<string, unknown> = { ...options };
  for (const [alias, name] of ALIASES) {
    if (out[alias] === undefined) {
      delete out[alias];
      continue;
    }
    const spellings = ALIASES.filter(([, other]) => other === name).map(([a]) => a).filter((a) => out[a] !== undefined);
    if (out[name] !== undefined || spellings.length > 1) {
      throw new LMConfigurationError(
        `LM options ${[name, ...spellings].filter((k) => out[k] !== undefined).map((k) => JSON.stringify(k)).join(" and ")} ` +
          `set the same thing; give only ${JSON.stringify(name)}.`,
      );
    }
    // DSPy keeps api_key/api_base/base_url among its kwargs, in the order given (state files show it): leave them there.
    if (!KEEP_IN_KWARGS.has(alias)) {
      out[name] = out[alias];
      delete out[alias];
    }
  }
  const params = (out.params ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(params)) {
    const named = key === "max_tokens" ? "maxTokens" : key === "api_key" ? "apiKey" : key === "api_base" || key === "base_url" ? "apiBase" : key;
    if (params[key] !== undefined && out[named] !== undefined && named !== "params") {
      throw new LMConfigurationError(`LM option ${JSON.stringify(named)} is also given as params.${key}; give it once.`);
    }
  }
  return out as LMOptions;
}
