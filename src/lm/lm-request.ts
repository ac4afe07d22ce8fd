import type { Message } from "./message.js";

/**
 * Request parameters, in the OpenAI/litellm naming DSPy uses (`temperature`, `max_tokens`, `n`, `top_p`,
 * `stop`, `seed`, `response_format`, `tools`, `tool_choice`, `reasoning_effort`, …). Providers translate them.
 * `rollout_id` is part of the cache key and is never sent to a provider.
 */
export type LMParams = Record<string, unknown>;

/** One request to a provider. */
export interface LMRequest {
  /** The provider's own model id, without the `provider/` prefix. */
  model: string;
  messages: Message[];
  params: LMParams;
  /** Extra HTTP headers for this request (never part of a cache key). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}
