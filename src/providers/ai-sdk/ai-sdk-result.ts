import type { LMOutput, LMResponse } from "../../lm/lm-response.js";
import type { LMUsage } from "../../lm/lm-usage.js";
import { toolCallFromText } from "../shared/tool-call-from-text.js";

/** An AI SDK finish reason (V2 string or V3/V4 `{unified, raw}`) in OpenAI's vocabulary. */
export function aiSdkFinishReason(reason: unknown): string | null {
  const unified = typeof reason === "string" ? reason : (reason as { unified?: string } | undefined)?.unified;
  switch (unified) {
    case undefined:
      return null;
    case "tool-calls":
      return "tool_calls";
    case "content-filter":
      return "content_filter";
    default:
      return unified;
  }
}

/** AI SDK usage (V2 flat, V3/V4 nested) in OpenAI's shape. */
export function aiSdkUsage(usage: unknown): LMUsage {
  const u = (usage ?? {}) as Record<string, any>;
  const nested = typeof u.inputTokens === "object" && u.inputTokens !== null;
  const prompt: number | undefined = nested ? u.inputTokens.total : u.inputTokens;
  const completion: number | undefined = nested ? u.outputTokens?.total : u.outputTokens;
  const cached: number | undefined = nested ? u.inputTokens.cacheRead : u.cachedInputTokens;
  const reasoning: number | undefined = nested ? u.outputTokens?.reasoning : u.reasoningTokens;
  const out: LMUsage = {};
  if (prompt !== undefined) out.prompt_tokens = prompt;
  if (completion !== undefined) out.completion_tokens = completion;
  const total = nested ? undefined : u.totalTokens;
  if (total !== undefined) out.total_tokens = total;
  else if (prompt !== undefined || completion !== undefined) out.total_tokens = (prompt ?? 0) + (completion ?? 0);
  if (cached !== undefined) out.prompt_tokens_details = { cached_tokens: cached };
  if (reasoning !== undefined) out.completion_tokens_details = { reasoning_tokens: reasoning };
  return out;
}

/** An AI SDK `doGenerate` result as an `LMResponse`. */
export function aiSdkResultToResponse(result: Record<string, any>): LMResponse {
  const texts: string[] = [];
  const reasoning: string[] = [];
  const output: LMOutput = { text: null };
  for (const part of (result.content ?? []) as Array<Record<string, any>>) {
    if (part.type === "text") texts.push(String(part.text));
    else if (part.type === "reasoning") reasoning.push(String(part.text));
    else if (part.type === "tool-call") {
      const input = typeof part.input === "string" ? part.input : JSON.stringify(part.input ?? {});
      (output.toolCalls ??= []).push(toolCallFromText(part.toolCallId, String(part.toolName), input));
    }
  }
  if (texts.length > 0) output.text = texts.join("");
  if (reasoning.length > 0) output.reasoningContent = reasoning.join("");
  output.finishReason = aiSdkFinishReason(result.finishReason);
  const response: LMResponse = {
    outputs: [output],
    usage: aiSdkUsage(result.usage),
    raw: { content: result.content, finishReason: result.finishReason, usage: result.usage, ...(result.response?.body !== undefined ? { body: result.response.body } : {}) },
  };
  if (result.response?.modelId) response.model = result.response.modelId;
  if (result.response?.id) response.id = result.response.id;
  return response;
}
