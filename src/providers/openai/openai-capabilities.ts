import type { LMCapabilities } from "../../lm/lm-capabilities.js";
import { isOpenAIReasoningModel } from "../../lm/is-openai-reasoning-model.js";

/** Chat Completions parameters every OpenAI-compatible server is expected to take. */
export const OPENAI_CHAT_PARAMS: readonly string[] = Object.freeze([
  "temperature", "top_p", "n", "stop", "max_tokens", "max_completion_tokens", "presence_penalty", "frequency_penalty",
  "logit_bias", "logprobs", "top_logprobs", "seed", "user", "response_format", "tools", "tool_choice",
  "parallel_tool_calls", "stream", "stream_options",
]);

/** Model families of OpenAI's own API that take `response_format: {type: "json_schema"}`. */
const STRUCTURED_OUTPUT_MODELS = /^(?:gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1(?!-mini|-preview)|o3|o4)/;
/** Model families of OpenAI's own API with function calling. */
const FUNCTION_CALLING_MODELS = /^(?:gpt-3\.5-turbo|gpt-4|gpt-5|chatgpt-4o|o1(?!-mini|-preview)|o3|o4)/;

/** What an OpenAI model supports, from its name (for OpenAI's own API). */
export function openAICapabilities(modelId: string): LMCapabilities {
  const id = modelId.toLowerCase();
  const reasoning = isOpenAIReasoningModel(id);
  return {
    supportsResponseSchema: STRUCTURED_OUTPUT_MODELS.test(id) && !id.startsWith("gpt-5-chat"),
    supportsFunctionCalling: FUNCTION_CALLING_MODELS.test(id),
    supportsReasoning: reasoning,
    supportedParams: reasoning ? [...OPENAI_CHAT_PARAMS, "reasoning_effort"] : OPENAI_CHAT_PARAMS,
  };
}

/** What an unknown model behind an OpenAI-compatible server is assumed to support: JSON mode, nothing stricter. */
export const OPENAI_COMPATIBLE_CAPABILITIES: LMCapabilities = Object.freeze({
  supportsResponseSchema: false,
  supportsFunctionCalling: false,
  supportsReasoning: false,
  supportedParams: OPENAI_CHAT_PARAMS,
});
