/**
 * The request parameters tsdspy knows by name, in the OpenAI/litellm naming DSPy passes them (`max_tokens`, `top_p`,
 * …). LM and Predict options accept exactly these, so a typo is a type error; a provider-specific extra goes in the
 * `params` escape hatch (`{ params: { top_k: 40, num_ctx: 8192 } }`).
 */
export type LMRequestParams = {
  temperature?: number | null;
  max_tokens?: number | null;
  /** OpenAI reasoning models' name for `max_tokens` (tsdspy renames `max_tokens` for them). */
  max_completion_tokens?: number | null;
  top_p?: number | null;
  /** Anthropic and Gemini (and some OpenAI-compatible servers). */
  top_k?: number | null;
  /** Completions per call. */
  n?: number | null;
  stop?: string | string[] | null;
  seed?: number | null;
  presence_penalty?: number | null;
  frequency_penalty?: number | null;
  logit_bias?: Record<string, number> | null;
  logprobs?: boolean | null;
  top_logprobs?: number | null;
  response_format?: Record<string, unknown> | null;
  tools?: readonly unknown[] | null;
  tool_choice?: string | Record<string, unknown> | null;
  parallel_tool_calls?: boolean | null;
  reasoning_effort?: "none" | "minimal" | "low" | "medium" | "high" | "xhigh" | null;
  /** Anthropic's extended thinking, `{ type: "enabled", budget_tokens }`. */
  thinking?: Record<string, unknown> | null;
  user?: string | null;
  metadata?: Record<string, unknown> | null;
  store?: boolean | null;
  service_tier?: string | null;
  modalities?: readonly string[] | null;
  audio?: Record<string, unknown> | null;
  prediction?: Record<string, unknown> | null;
  web_search_options?: Record<string, unknown> | null;
  /** DSPy's rollout id: part of the cache key, never sent; a different id bypasses a cached answer. */
  rollout_id?: string | number | null;
  /** Per call: use the response cache (default: the LM's `cache`). */
  cache?: boolean;
  /** Per call: seconds per attempt (litellm's `timeout`), overriding the LM's `timeoutMs`. */
  timeout?: number;
};

/** Every name in `LMRequestParams`, for runtime checks of untyped callers. */
export const LM_REQUEST_PARAM_NAMES: ReadonlySet<string> = new Set([
  "temperature", "max_tokens", "max_completion_tokens", "top_p", "top_k", "n", "stop", "seed", "presence_penalty",
  "frequency_penalty", "logit_bias", "logprobs", "top_logprobs", "response_format", "tools", "tool_choice",
  "parallel_tool_calls", "reasoning_effort", "thinking", "user", "metadata", "store", "service_tier", "modalities",
  "audio", "prediction", "web_search_options", "rollout_id", "cache", "timeout",
]);
