import type { LMOutput, LMResponse } from "../../lm/lm-response.js";
import type { LMUsage } from "../../lm/lm-usage.js";
import { toolCallFromText } from "../shared/tool-call-from-text.js";

interface ResponsesBody {
  id?: string;
  model?: string;
  status?: string;
  incomplete_details?: { reason?: string } | null;
  output?: Array<Record<string, unknown>>;
  usage?: {
    input_tokens?: number;
    output_tokens?: number;
    total_tokens?: number;
    input_tokens_details?: { cached_tokens?: number };
    output_tokens_details?: { reasoning_tokens?: number };
  } | null;
}

/** A Responses API usage record in the Chat Completions shape every tsdspy tracker uses. */
export function responsesUsage(usage: ResponsesBody["usage"]): LMUsage {
  if (!usage) return {};
  const out: LMUsage = {};
  if (usage.input_tokens !== undefined) out.prompt_tokens = usage.input_tokens;
  if (usage.output_tokens !== undefined) out.completion_tokens = usage.output_tokens;
  if (usage.total_tokens !== undefined) out.total_tokens = usage.total_tokens;
  if (usage.input_tokens_details) out.prompt_tokens_details = { ...usage.input_tokens_details };
  if (usage.output_tokens_details) out.completion_tokens_details = { ...usage.output_tokens_details };
  return out;
}

/** A Responses API reply as one `LMOutput` (text, reasoning summary, function calls). */
export function parseOpenAIResponsesResponse(json: unknown): LMResponse {
  const body = (json ?? {}) as ResponsesBody;
  const texts: string[] = [];
  const reasoning: string[] = [];
  const output: LMOutput = { text: null };
  for (const item of body.output ?? []) {
    if (item.type === "message") {
      for (const part of (item.content as Array<Record<string, unknown>> | undefined) ?? []) {
        if (part.type === "output_text" && typeof part.text === "string") texts.push(part.text);
      }
    } else if (item.type === "reasoning") {
      for (const part of (item.summary as Array<Record<string, unknown>> | undefined) ?? []) {
        if (typeof part.text === "string") reasoning.push(part.text);
      }
    } else if (item.type === "function_call") {
      (output.toolCalls ??= []).push(toolCallFromText(item.call_id as string | undefined, String(item.name ?? ""), String(item.arguments ?? "")));
    }
  }
  if (texts.length > 0) output.text = texts.join("");
  if (reasoning.length > 0) output.reasoningContent = reasoning.join("\n\n");
  output.finishReason =
    body.status === "incomplete" ? (body.incomplete_details?.reason === "max_output_tokens" ? "length" : (body.incomplete_details?.reason ?? "incomplete"))
    : output.toolCalls ? "tool_calls"
    : "stop";
  const response: LMResponse = { outputs: [output], usage: responsesUsage(body.usage), raw: json };
  if (body.model) response.model = body.model;
  if (body.id) response.id = body.id;
  return response;
}
