import type { LMOutput, LMResponse } from "../../lm/lm-response.js";
import type { LMUsage } from "../../lm/lm-usage.js";
import { JSON_TOOL_NAME } from "./anthropic-body.js";

/** Anthropic's `stop_reason` in OpenAI's `finish_reason` vocabulary. */
export function anthropicFinishReason(stopReason: unknown): string | null {
  switch (stopReason) {
    case "end_turn":
    case "stop_sequence":
    case "pause_turn":
      return "stop";
    case "max_tokens":
      return "length";
    case "tool_use":
      return "tool_calls";
    case "refusal":
      return "content_filter";
    default:
      return typeof stopReason === "string" ? stopReason : null;
  }
}

/** Anthropic usage in OpenAI's shape (as litellm reports it): prompt tokens include cache reads and writes. */
export function anthropicUsage(usage: Record<string, unknown> | undefined | null): LMUsage {
  if (!usage) return {};
  const input = Number(usage.input_tokens ?? 0);
  const output = Number(usage.output_tokens ?? 0);
  const cacheRead = Number(usage.cache_read_input_tokens ?? 0);
  const cacheWrite = Number(usage.cache_creation_input_tokens ?? 0);
  const prompt = input + cacheRead + cacheWrite;
  return {
    prompt_tokens: prompt,
    completion_tokens: output,
    total_tokens: prompt + output,
    prompt_tokens_details: { cached_tokens: cacheRead },
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
  };
}

/** A Messages API reply as one `LMOutput`; with `jsonTool`, the forced tool call's input is the text. */
export function parseAnthropicResponse(json: unknown, jsonTool: boolean): LMResponse {
  const body = (json ?? {}) as { id?: string; model?: string; content?: Array<Record<string, unknown>>; stop_reason?: string; usage?: Record<string, unknown> };
  const texts: string[] = [];
  const thinking: string[] = [];
  const output: LMOutput = { text: null };
  for (const block of body.content ?? []) {
    if (block.type === "text" && typeof block.text === "string") texts.push(block.text);
    else if (block.type === "thinking" && typeof block.thinking === "string") thinking.push(block.thinking);
    else if (block.type === "tool_use") {
      if (jsonTool && block.name === JSON_TOOL_NAME) texts.push(JSON.stringify(block.input ?? {}));
      else (output.toolCalls ??= []).push({ id: String(block.id ?? ""), name: String(block.name ?? ""), args: (block.input ?? {}) as Record<string, unknown> });
    }
  }
  if (texts.length > 0) output.text = texts.join("");
  if (thinking.length > 0) output.reasoningContent = thinking.join("\n\n");
  output.finishReason = jsonTool && body.stop_reason === "tool_use" ? "stop" : anthropicFinishReason(body.stop_reason);
  const response: LMResponse = { outputs: [output], usage: anthropicUsage(body.usage), raw: json };
  if (body.model) response.model = body.model;
  if (body.id) response.id = body.id;
  return response;
}
