import type { LMRequest } from "../../lm/lm-request.js";
import { isOpenAIReasoningModel } from "../../lm/is-openai-reasoning-model.js";

/**
 * The Chat Completions request body: `model`, `messages`, then the parameters as given (OpenAI naming). Reasoning
 * models get `max_completion_tokens` instead of `max_tokens`. Streaming asks for the final usage chunk.
 */
export function openAIChatBody(request: LMRequest, options: { stream?: boolean; streamUsage?: boolean } = {}): Record<string, unknown> {
  const body: Record<string, unknown> = { model: request.model, messages: request.messages };
  const rename = isOpenAIReasoningModel(request.model) && !("max_completion_tokens" in request.params);
  for (const [key, value] of Object.entries(request.params)) {
    if (value === undefined) continue;
    body[rename && key === "max_tokens" ? "max_completion_tokens" : key] = value;
  }
  if (options.stream) {
    body.stream = true;
    if (options.streamUsage !== false) body.stream_options = { include_usage: true, ...(body.stream_options as object | undefined) };
  }
  return body;
}
