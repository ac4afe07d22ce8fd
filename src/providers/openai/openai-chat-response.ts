import type { LMOutput, LMResponse } from "../../lm/lm-response.js";
import type { LMUsage } from "../../lm/lm-usage.js";
import { toolCallFromText } from "../shared/tool-call-from-text.js";

interface ChatChoice {
  index?: number;
  message?: {
    content?: string | null;
    reasoning_content?: string | null;
    reasoning?: string | null;
    tool_calls?: Array<{ id?: string; function?: { name?: string; arguments?: string } }> | null;
  };
  finish_reason?: string | null;
  logprobs?: unknown;
}

/** One completion of a Chat Completions reply as an `LMOutput`. */
export function openAIChoiceToOutput(choice: ChatChoice, withLogprobs: boolean): LMOutput {
  const message = choice.message ?? {};
  const output: LMOutput = { text: message.content ?? null };
  const reasoning = message.reasoning_content ?? message.reasoning;
  if (reasoning) output.reasoningContent = reasoning;
  if (message.tool_calls?.length) {
    output.toolCalls = message.tool_calls.map((call) => toolCallFromText(call.id, call.function?.name ?? "", call.function?.arguments ?? ""));
  }
  if (withLogprobs && choice.logprobs !== undefined) output.logprobs = choice.logprobs;
  output.finishReason = choice.finish_reason ?? null;
  return output;
}

/** A Chat Completions reply (`object: "chat.completion"`) as an `LMResponse`; `usage.cost` (OpenRouter) becomes `cost`. */
export function parseOpenAIChatResponse(json: unknown, withLogprobs: boolean): LMResponse {
  const body = (json ?? {}) as { id?: string; model?: string; choices?: ChatChoice[]; usage?: LMUsage | null };
  const choices = [...(body.choices ?? [])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const usage = body.usage ?? {};
  const response: LMResponse = { outputs: choices.map((c) => openAIChoiceToOutput(c, withLogprobs)), usage, raw: json };
  if (body.model) response.model = body.model;
  if (body.id) response.id = body.id;
  if (typeof usage.cost === "number") response.cost = usage.cost;
  return response;
}
