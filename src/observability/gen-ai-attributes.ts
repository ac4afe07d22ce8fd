import type { Attributes } from "@opentelemetry/api";
import type { LMResponse } from "../lm/lm-response.js";

/** DSPy/OpenAI request parameters and the GenAI semantic-convention attribute each one is recorded as. */
const REQUEST_PARAMS: ReadonlyArray<readonly [string, string]> = [
  ["temperature", "gen_ai.request.temperature"],
  ["max_tokens", "gen_ai.request.max_tokens"],
  ["max_completion_tokens", "gen_ai.request.max_tokens"],
  ["top_p", "gen_ai.request.top_p"],
  ["top_k", "gen_ai.request.top_k"],
  ["frequency_penalty", "gen_ai.request.frequency_penalty"],
  ["presence_penalty", "gen_ai.request.presence_penalty"],
  ["seed", "gen_ai.request.seed"],
  ["n", "gen_ai.request.choice.count"],
];

/** `openai/gpt-4o-mini` → system `openai`, model `gpt-4o-mini` (a name without a prefix is its own model). */
export function splitModelName(model: string): { system: string; model: string } {
  const slash = model.indexOf("/");
  return slash < 0 ? { system: "unknown", model } : { system: model.slice(0, slash), model: model.slice(slash + 1) };
}

/** The attributes of an LM request span (OpenTelemetry GenAI semantic conventions). */
export function requestAttributes(model: string, params: Record<string, unknown>): Attributes {
  const names = splitModelName(model);
  const attributes: Attributes = {
    "gen_ai.operation.name": "chat",
    "gen_ai.system": names.system,
    "gen_ai.provider.name": names.system,
    "gen_ai.request.model": names.model,
  };
  for (const [param, attribute] of REQUEST_PARAMS) {
    const value = params[param];
    if (typeof value === "number") attributes[attribute] = value;
  }
  const stop = params.stop;
  if (typeof stop === "string") attributes["gen_ai.request.stop_sequences"] = [stop];
  else if (Array.isArray(stop) && stop.every((s) => typeof s === "string")) attributes["gen_ai.request.stop_sequences"] = stop as string[];
  return attributes;
}

/** The attributes a finished LM request adds: response model and id, token usage, finish reasons, cache hit. */
export function responseAttributes(response: LMResponse): Attributes {
  const attributes: Attributes = {};
  if (response.model) attributes["gen_ai.response.model"] = response.model;
  if (response.id) attributes["gen_ai.response.id"] = response.id;
  const { prompt_tokens: input, completion_tokens: output } = response.usage;
  if (typeof input === "number") attributes["gen_ai.usage.input_tokens"] = input;
  if (typeof output === "number") attributes["gen_ai.usage.output_tokens"] = output;
  const reasons = response.outputs.map((o) => o.finishReason).filter((r): r is string => typeof r === "string");
  if (reasons.length) attributes["gen_ai.response.finish_reasons"] = reasons;
  if (response.cacheHit) attributes["tsdspy.lm.cache_hit"] = true;
  if (typeof response.cost === "number") attributes["tsdspy.lm.cost_usd"] = response.cost;
  return attributes;
}
