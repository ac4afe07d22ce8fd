import type { LMResponse } from "../lm/lm-response.js";

/** What identifies one completion on the wire. */
export interface WireMeta {
  id: string;
  /** Unix seconds. */
  created: number;
  model: string;
}

function wireUsage(response: LMResponse): Record<string, unknown> {
  const prompt = response.usage.prompt_tokens ?? 0;
  const completion = response.usage.completion_tokens ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

/** An OpenAI `chat.completion` body. */
export function chatCompletionBody(response: LMResponse, meta: WireMeta): Record<string, unknown> {
  return {
    id: meta.id,
    object: "chat.completion",
    created: meta.created,
    model: meta.model,
    choices: response.outputs.map((output, index) => ({
      index,
      message: { role: "assistant", content: output.text, refusal: null, annotations: [] },
      logprobs: null,
      finish_reason: output.finishReason ?? "stop",
    })),
    usage: wireUsage(response),
    service_tier: "default",
    system_fingerprint: null,
  };
}

/**
 * Splits a reply into token-like stream deltas, as a tokenizer would: runs of up to four letters (a word's leading
 * space kept with its first piece), up to three digits, up to two punctuation marks, and runs of other whitespace. Field
 * markers such as `[[ ## answer ## ]]` therefore arrive split over several deltas (`[[`, ` ##`, ` answ`, `er`, ` ##`,
 * ` ]]`), as they do from a real model's tokenizer.
 */
export function textDeltas(text: string): string[] {
  return text.match(/[ \t]*\p{L}{1,4}|[ \t]*\p{N}{1,3}|[ \t]*[^\s\p{L}\p{N}]{1,2}|\s+/gu) ?? [];
}

/** OpenAI `chat.completion.chunk` objects for a streamed reply: role, content deltas, finish, then usage if asked. */
export function chatCompletionChunks(response: LMResponse, meta: WireMeta, includeUsage: boolean): Array<Record<string, unknown>> {
  const base = { id: meta.id, object: "chat.completion.chunk", created: meta.created, model: meta.model, service_tier: "default", system_fingerprint: null };
  const withUsage = (chunk: Record<string, unknown>) => (includeUsage ? { ...chunk, usage: null } : chunk);
  const choice = (index: number, delta: Record<string, unknown>, finish: string | null) => ({ index, delta, logprobs: null, finish_reason: finish });
  const chunks: Array<Record<string, unknown>> = [];
  response.outputs.forEach((output, index) => {
    chunks.push(withUsage({ ...base, choices: [choice(index, { role: "assistant", content: "", refusal: null }, null)] }));
    for (const delta of textDeltas(output.text ?? "")) chunks.push(withUsage({ ...base, choices: [choice(index, { content: delta }, null)] }));
    chunks.push(withUsage({ ...base, choices: [choice(index, {}, output.finishReason ?? "stop")] }));
  });
  if (includeUsage) chunks.push({ ...base, choices: [], usage: wireUsage(response) });
  return chunks;
}

/** OpenAI's error body. */
export function openAIError(message: string, type: string, param: string | null = null, code: string | null = null): Record<string, unknown> {
  return { error: { message, type, param, code } };
}
