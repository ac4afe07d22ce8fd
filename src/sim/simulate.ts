import { createHash } from "node:crypto";
import type { LMParams } from "../lm/lm-request.js";
import type { Message } from "../lm/message.js";
import { answerFields } from "./answer-fields.js";
import { answerPlain } from "./answer-plain.js";
import { readPrompt } from "./read-prompt.js";
import { SeededRandom } from "./seeded-random.js";
import { ALL_RULES, type SimRule } from "./sim-rules.js";
import { writeReply } from "./write-reply.js";

/** One simulated completion. */
export interface SimCompletion {
  text: string;
  finishReason: "stop" | "length";
}

/** The sampling temperature of a request; absent means 0 (deterministic) for the simulator. */
export function temperatureOf(params: LMParams): number {
  return typeof params.temperature === "number" && params.temperature > 0 ? params.temperature : 0;
}

/**
 * The seed of one completion: the messages and the parameters that change the reply. `rollout_id`,
 * `temperature` and the completion index enter it only when temperature > 0, as with a real model at
 * temperature 0; `seed` (the request's) and `modelSeed` (the simulator's) always do.
 */
export function completionSeed(messages: readonly Message[], params: LMParams, index: number, modelSeed: string): string {
  const temperature = temperatureOf(params);
  const sampled = temperature > 0 ? { temperature, rollout_id: params.rollout_id ?? null, index } : {};
  const format = (params.response_format as { type?: unknown } | undefined)?.type ?? null;
  const material = JSON.stringify({ messages, format, seed: params.seed ?? null, modelSeed, ...sampled });
  return createHash("sha256").update(material).digest("hex");
}

/** Cuts the reply at the first stop sequence and at `max_tokens` (estimated at 4 characters a token). */
function applyLimits(text: string, params: LMParams): SimCompletion {
  let out = text;
  const stops = typeof params.stop === "string" ? [params.stop] : Array.isArray(params.stop) ? params.stop.filter((s): s is string => typeof s === "string" && s !== "") : [];
  for (const stop of stops) {
    const at = out.indexOf(stop);
    if (at >= 0) out = out.slice(0, at);
  }
  const limit = params.max_completion_tokens ?? params.max_tokens;
  if (typeof limit === "number" && limit > 0 && estimateTokens(out) > limit) {
    return { text: out.slice(0, limit * 4), finishReason: "length" };
  }
  return { text: out, finishReason: "stop" };
}

/** About one token per four characters, at least one for non-empty text. */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));
}

/** Reads the request and writes completion `index` of it. */
export function simulateCompletion(
  messages: readonly Message[],
  params: LMParams,
  index: number,
  modelSeed: string,
  rules: ReadonlySet<SimRule> = ALL_RULES,
): SimCompletion {
  const rng = new SeededRandom(completionSeed(messages, params, index, modelSeed));
  const prompt = readPrompt(messages, params);
  let text: string;
  if (prompt.outputs.length > 0) {
    const { values } = answerFields(prompt, rng, temperatureOf(params), rules);
    text = writeReply(prompt.replyFormat, prompt.outputs, values);
  } else {
    text = answerPlain(prompt, rng);
  }
  return applyLimits(text, params);
}
