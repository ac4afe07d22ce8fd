import type { LMOutput, LMResponse } from "../../lm/lm-response.js";
import type { LMUsage } from "../../lm/lm-usage.js";

interface Candidate {
  index?: number;
  content?: { parts?: Array<Record<string, unknown>> };
  finishReason?: string;
  citationMetadata?: unknown;
}

/** Gemini's `finishReason` in OpenAI's vocabulary. */
export function geminiFinishReason(reason: string | undefined, calledTools: boolean): string | null {
  if (calledTools) return "tool_calls";
  switch (reason) {
    case undefined:
      return null;
    case "STOP":
      return "stop";
    case "MAX_TOKENS":
      return "length";
    case "SAFETY":
    case "RECITATION":
    case "BLOCKLIST":
    case "PROHIBITED_CONTENT":
    case "SPII":
    case "IMAGE_SAFETY":
      return "content_filter";
    default:
      return reason.toLowerCase();
  }
}

/** Gemini's `usageMetadata` in OpenAI's shape; thinking tokens count as completion tokens, as litellm reports them. */
export function geminiUsage(metadata: Record<string, number> | undefined): LMUsage {
  if (!metadata) return {};
  const prompt = metadata.promptTokenCount ?? 0;
  const thoughts = metadata.thoughtsTokenCount ?? 0;
  const completion = (metadata.candidatesTokenCount ?? 0) + thoughts;
  const usage: LMUsage = {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: metadata.totalTokenCount ?? prompt + completion,
  };
  if (metadata.cachedContentTokenCount !== undefined) usage.prompt_tokens_details = { cached_tokens: metadata.cachedContentTokenCount };
  if (thoughts > 0) usage.completion_tokens_details = { reasoning_tokens: thoughts };
  return usage;
}

/** One candidate as an `LMOutput` (thought parts become reasoning, `functionCall` parts tool calls). */
export function geminiCandidateToOutput(candidate: Candidate): LMOutput {
  const texts: string[] = [];
  const thoughts: string[] = [];
  const output: LMOutput = { text: null };
  for (const part of candidate.content?.parts ?? []) {
    if (typeof part.text === "string") (part.thought ? thoughts : texts).push(part.text);
    const call = part.functionCall as { id?: string; name?: string; args?: Record<string, unknown> } | undefined;
    if (call) (output.toolCalls ??= []).push({ ...(call.id ? { id: call.id } : {}), name: String(call.name ?? ""), args: call.args ?? {} });
  }
  if (texts.length > 0) output.text = texts.join("");
  if (thoughts.length > 0) output.reasoningContent = thoughts.join("");
  if (candidate.citationMetadata !== undefined) output.citations = candidate.citationMetadata;
  output.finishReason = geminiFinishReason(candidate.finishReason, Boolean(output.toolCalls));
  return output;
}

/** A `generateContent` reply as an `LMResponse`. */
export function parseGeminiResponse(json: unknown): LMResponse {
  const body = (json ?? {}) as {
    candidates?: Candidate[];
    usageMetadata?: Record<string, number>;
    modelVersion?: string;
    responseId?: string;
    promptFeedback?: { blockReason?: string };
  };
  const candidates = [...(body.candidates ?? [])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const outputs = candidates.map(geminiCandidateToOutput);
  // A refused prompt has no candidates: one empty completion, filtered.
  if (outputs.length === 0 && body.promptFeedback?.blockReason) outputs.push({ text: null, finishReason: "content_filter" });
  const response: LMResponse = { outputs, usage: geminiUsage(body.usageMetadata), raw: json };
  if (body.modelVersion) response.model = body.modelVersion;
  if (body.responseId) response.id = body.responseId;
  return response;
}
