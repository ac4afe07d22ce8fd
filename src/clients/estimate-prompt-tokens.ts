import type { LMParams } from "../lm/lm-request.js";
import type { Message } from "../lm/message.js";

/** Tokens a chat template may add per message (role markers, separators). */
const PER_MESSAGE = 16;
/** Tokens a provider may add once (priming, BOS). */
const PER_REQUEST = 16;
/** An image costs at most this many tokens at the providers tsdspy reaches (OpenAI high detail, Anthropic, Gemini). */
const PER_IMAGE = 3_000;
/** A provider's own tool-use preamble (Anthropic adds a few hundred tokens when tools are given). */
const TOOLS_PREAMBLE = 1_000;

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

/**
 * An upper bound of a request's prompt tokens, for budgets: every token of a byte-level tokenizer covers at least one
 * UTF-8 byte, so the bytes of the text (plus allowances for chat templates, images and tool preambles) bound it.
 * It overestimates English text about fourfold. `null` when a part's size is unknowable (a `file_id` reference).
 */
export function estimatePromptTokens(messages: readonly Message[], params: LMParams): number | null {
  let total = PER_REQUEST;
  for (const message of messages) {
    total += PER_MESSAGE;
    if (message.name) total += bytes(message.name);
    if (message.tool_calls) total += bytes(JSON.stringify(message.tool_calls));
    const content = message.content;
    if (typeof content === "string") {
      total += bytes(content);
      continue;
    }
    for (const part of content ?? []) {
      if (part.type === "text") total += bytes(part.text);
      else if (part.type === "image_url") total += PER_IMAGE;
      else if (part.type === "input_audio") total += bytes(part.input_audio.data);
      else if (part.type === "file") {
        if (part.file.file_data === undefined) return null;
        total += bytes(part.file.file_data);
      } else total += bytes(JSON.stringify(part));
    }
  }
  for (const key of ["tools", "functions", "response_format"]) {
    if (params[key] !== undefined && params[key] !== null) total += bytes(JSON.stringify(params[key]));
  }
  if (params.tools !== undefined || params.functions !== undefined) total += TOOLS_PREAMBLE;
  return total;
}

/** The most completion tokens a request allows per completion (`max_tokens` and its aliases), or `null` when unset. */
export function maxCompletionTokens(params: LMParams): number | null {
  let most: number | null = null;
  for (const key of ["max_completion_tokens", "max_tokens", "max_output_tokens"]) {
    const value = params[key];
    if (typeof value === "number" && Number.isFinite(value) && value >= 0) most = Math.max(most ?? 0, value);
  }
  return most;
}
