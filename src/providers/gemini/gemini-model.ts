import { LMTransportError } from "../../errors/lm-errors.js";
import type { LanguageModel } from "../../lm/language-model.js";
import type { LMCapabilities } from "../../lm/lm-capabilities.js";
import type { LMRequest } from "../../lm/lm-request.js";
import type { LMOutput, LMResponse } from "../../lm/lm-response.js";
import type { LMStreamPart } from "../../lm/lm-stream-part.js";
import type { LMUsage } from "../../lm/lm-usage.js";
import { postEventStream, postJson, type ProviderCallContext } from "../shared/post-json.js";
import { parseStreamEvent, requireOutputs } from "../shared/malformed-reply.js";
import { geminiBody } from "./gemini-body.js";
import { mapGeminiError } from "./gemini-error.js";
import { geminiFinishReason, geminiUsage, parseGeminiResponse } from "./gemini-response.js";
import { geminiEndpoint, geminiModelPath, type GeminiProviderSettings } from "./gemini-settings.js";

const GEMINI_PARAMS: readonly string[] = Object.freeze([
  "temperature", "top_p", "top_k", "max_tokens", "max_completion_tokens", "n", "stop", "seed", "presence_penalty",
  "frequency_penalty", "response_format", "tools", "tool_choice", "reasoning_effort",
]);

/**
 * A Gemini model behind the Gemini API's `generateContent` (`POST {baseURL}/models/{model}:generateContent`,
 * streaming with `:streamGenerateContent?alt=sse`).
 */
export class GeminiModel implements LanguageModel {
  readonly specificationVersion = "tsdspy-lm-v1" as const;
  readonly provider = "gemini";
  readonly capabilities: LMCapabilities;
  private readonly endpoint: ReturnType<typeof geminiEndpoint>;
  readonly #settings: GeminiProviderSettings;

  constructor(
    readonly modelId: string,
    settings: GeminiProviderSettings & { capabilities?: Partial<LMCapabilities> } = {},
  ) {
    this.#settings = settings;
    this.endpoint = geminiEndpoint(settings);
    this.capabilities = Object.freeze({
      supportsResponseSchema: true,
      supportsFunctionCalling: true,
      supportsReasoning: /gemini-(?:2\.5|[3-9])/.test(modelId),
      supportedParams: GEMINI_PARAMS,
      ...settings.capabilities,
    });
  }

  async doGenerate(request: LMRequest): Promise<LMResponse> {
    const apiKey = this.endpoint.apiKey();
    const context = this.context(request.model, apiKey);
    const { json } = await postJson(this.httpRequest(request, apiKey, "generateContent"), context);
    return parseGeminiResponse(isBlockedPrompt(json) ? json : requireOutputs(json, "candidates", context));
  }

  async *doStream(request: LMRequest): AsyncGenerator<LMStreamPart> {
    const apiKey = this.endpoint.apiKey();
    const context = this.context(request.model, apiKey);
    const events = await postEventStream(this.httpRequest(request, apiKey, "streamGenerateContent?alt=sse"), context);
    const outputs = new Map<number, { text: string; reasoning: string; toolCalls: NonNullable<LMOutput["toolCalls"]>; finish?: string }>();
    let usage: LMUsage = {};
    let model: string | undefined;
    let id: string | undefined;
    const chunks: unknown[] = [];
    for await (const event of events) {
      if (!event.data) continue;
      const chunk = parseStreamEvent(event.data, context);
      if (chunk.error) throw mapGeminiError({ status: Number(chunk.error.code ?? 500), headers: new Headers(), bodyText: event.data, json: chunk }, request.model);
      chunks.push(chunk);
      model ??= chunk.modelVersion;
      id ??= chunk.responseId;
      if (chunk.usageMetadata) usage = geminiUsage(chunk.usageMetadata);
      for (const candidate of chunk.candidates ?? []) {
        const index = candidate.index ?? 0;
        let state = outputs.get(index);
        if (!state) outputs.set(index, (state = { text: "", reasoning: "", toolCalls: [] }));
        for (const part of candidate.content?.parts ?? []) {
          if (typeof part.text === "string" && part.text) {
            if (part.thought) {
              state.reasoning += part.text;
              yield { type: "reasoning-delta", index, delta: part.text };
            } else {
              state.text += part.text;
              yield { type: "text-delta", index, delta: part.text };
            }
          }
          if (part.functionCall) {
            const call = { ...(part.functionCall.id ? { id: part.functionCall.id } : {}), name: String(part.functionCall.name), args: part.functionCall.args ?? {} };
            state.toolCalls.push(call);
            yield { type: "tool-call-delta", index, toolCallIndex: state.toolCalls.length - 1, name: call.name, argsDelta: JSON.stringify(call.args) };
          }
        }
        if (candidate.finishReason) state.finish = candidate.finishReason;
      }
    }
    if (![...outputs.values()].some((s) => s.finish !== undefined) && !isBlockedPrompt(chunks.at(-1))) {
      throw new LMTransportError("gemini's stream ended before a candidate finished.", { provider: "gemini", model: request.model });
    }
    const assembled: LMOutput[] = [...outputs.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, s]) => ({
        text: s.text || (s.toolCalls.length ? null : ""),
        ...(s.reasoning ? { reasoningContent: s.reasoning } : {}),
        ...(s.toolCalls.length ? { toolCalls: s.toolCalls } : {}),
        finishReason: geminiFinishReason(s.finish, s.toolCalls.length > 0),
      }));
    if (assembled.length === 0) assembled.push({ text: null, finishReason: "content_filter" });
    const response: LMResponse = { outputs: assembled, usage, raw: chunks };
    if (model) response.model = model;
    if (id) response.id = id;
    yield { type: "finish", response };
  }

  private httpRequest(request: LMRequest, apiKey: string, method: string) {
    return {
      url: `${this.endpoint.baseURL}/${geminiModelPath(request.model)}:${method}`,
      headers: {
        "content-type": "application/json",
        "x-goog-api-key": apiKey,
        ...(method.startsWith("stream") ? { accept: "text/event-stream" } : {}),
        ...this.#settings.headers,
        ...request.headers,
      },
      body: geminiBody(request),
      ...(request.signal ? { signal: request.signal } : {}),
      ...(this.#settings.fetch ? { fetch: this.#settings.fetch } : {}),
    };
  }

  private context(model: string, apiKey: string): ProviderCallContext {
    return { provider: "gemini", model, secrets: [apiKey], mapError: (reply) => mapGeminiError(reply, model) };
  }
}

/** A reply to a prompt Gemini refused to answer (`promptFeedback.blockReason`, no candidates). */
function isBlockedPrompt(json: unknown): boolean {
  return Boolean((json as { promptFeedback?: { blockReason?: unknown } } | undefined)?.promptFeedback?.blockReason);
}
