import type { LMUsage } from "./lm-usage.js";

/** A tool call parsed from the model's reply (`args` already decoded from JSON). */
export interface LMToolCall {
  id?: string;
  name: string;
  args: Record<string, unknown>;
  /** The arguments exactly as the model wrote them, when they were not valid JSON (then `args` is `{}`). */
  argsText?: string;
}

/** One completion (DSPy returns one per `n`). */
export interface LMOutput {
  /** The text of the completion; `null` when the model only called tools. */
  text: string | null;
  toolCalls?: LMToolCall[];
  /** Native reasoning text, for models that return it separately. */
  reasoningContent?: string | null;
  logprobs?: unknown;
  /** `"stop"`, `"length"`, `"tool_calls"`, `"content_filter"` … as the provider reported it. */
  finishReason?: string | null;
  citations?: unknown;
}

/** What a provider returns for one request. */
export interface LMResponse {
  outputs: LMOutput[];
  usage: LMUsage;
  /** The model name the provider reported (DSPy's `response_model`). */
  model?: string;
  /** Dollars for this call as reported or priced; `null` when unknown. */
  cost?: number | null;
  /** Provider's response id, if any. */
  id?: string;
  /** True when the response came from the cache (usage is then empty). */
  cacheHit?: boolean;
  /** The provider's raw reply body, for history and debugging. Never contains secrets. */
  raw?: unknown;
}
