import type { LMResponse } from "../../lm/lm-response.js";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Whether a cached value has the shape of an `LMResponse`: at least one output, each with a string or null `text`,
 * well-formed tool calls, and a usage object. Anything else (a string, `null`, `outputs: []`, `text: 5`) is a miss.
 */
export function isLMResponse(value: unknown): value is LMResponse {
  if (!isRecord(value) || !Array.isArray(value.outputs) || value.outputs.length === 0) return false;
  if (value.usage !== undefined && !isRecord(value.usage)) return false;
  if (value.cost !== undefined && value.cost !== null && typeof value.cost !== "number") return false;
  for (const output of value.outputs) {
    if (!isRecord(output)) return false;
    if (output.text !== null && typeof output.text !== "string") return false;
    if (output.toolCalls !== undefined) {
      if (!Array.isArray(output.toolCalls)) return false;
      for (const call of output.toolCalls) if (!isRecord(call) || typeof call.name !== "string" || !isRecord(call.args)) return false;
    }
    if (output.reasoningContent !== undefined && output.reasoningContent !== null && typeof output.reasoningContent !== "string") return false;
    if (output.finishReason !== undefined && output.finishReason !== null && typeof output.finishReason !== "string") return false;
  }
  return true;
}
