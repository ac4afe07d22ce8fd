import { LMError, LMProviderError, LMTransportError, LMUnexpectedError } from "../../errors/lm-errors.js";
import type { LanguageModel } from "../../lm/language-model.js";
import type { LMCapabilities } from "../../lm/lm-capabilities.js";
import type { LMRequest } from "../../lm/lm-request.js";
import type { LMResponse } from "../../lm/lm-response.js";
import type { LMStreamPart } from "../../lm/lm-stream-part.js";
import { lmErrorForStatus } from "../shared/lm-error-for-status.js";
import { mergeUsage } from "../shared/merge-usage.js";
import { parseRetryAfter } from "../shared/parse-retry-after.js";
import { aiSdkCallOptions } from "./ai-sdk-call-options.js";
import { aiSdkFinishReason, aiSdkResultToResponse, aiSdkUsage } from "./ai-sdk-result.js";
import type { AISDKLanguageModel } from "./ai-sdk-registration.js";


const AI_SDK_PARAMS: readonly string[] = Object.freeze([
  "temperature", "top_p", "top_k", "max_tokens", "max_completion_tokens", "stop", "seed", "presence_penalty",
  "frequency_penalty", "response_format", "tools", "tool_choice", "n",
]);

/**
 * A tsdspy `LanguageModel` over any AI SDK language model, so every AI SDK provider works with `LM`. The AI SDK is an
 * optional peer dependency: this bridge only reads the model's `doGenerate`/`doStream` contract.
 *
 * @example
 * import { openai } from "@ai-sdk/openai";
 * const lm = new LM(fromAISDK(openai("gpt-4o-mini")));
 */
export class AISDKModel implements LanguageModel {
  readonly specificationVersion = "tsdspy-lm-v1" as const;
  readonly provider: string;
  readonly modelId: string;
  readonly capabilities: LMCapabilities;

  constructor(
    readonly model: AISDKLanguageModel,
    options: { capabilities?: Partial<LMCapabilities> } = {},
  ) {
    this.provider = model.provider;
    this.modelId = model.modelId;
    this.capabilities = Object.freeze({
      supportsResponseSchema: true,
      supportsFunctionCalling: true,
      supportsReasoning: model.specificationVersion === "v4",
      supportedParams: AI_SDK_PARAMS,
      ...options.capabilities,
    });
  }

  async doGenerate(request: LMRequest): Promise<LMResponse> {
    const n = typeof request.params.n === "number" ? request.params.n : 1;
    const once = async (): Promise<LMResponse> => {
      try {
        const result = await this.model.doGenerate(aiSdkCallOptions(request, this.model.specificationVersion) as never);
        return aiSdkResultToResponse(result as Record<string, any>);
      } catch (error) {
        throw this.mapError(error, request);
      }
    };
    if (n <= 1) return once();
    const replies = await Promise.all(Array.from({ length: n }, once));
    return {
      ...replies[0]!,
      outputs: replies.flatMap((r) => r.outputs),
      usage: replies.reduce((total, r) => mergeUsage(total, r.usage), {}),
      raw: replies.map((r) => r.raw),
    };
  }

  async *doStream(request: LMRequest): AsyncGenerator<LMStreamPart> {
    let stream: ReadableStream<Record<string, any>>;
    try {
      ({ stream } = (await this.model.doStream(aiSdkCallOptions(request, this.model.specificationVersion) as never)) as { stream: ReadableStream<Record<string, any>> });
    } catch (error) {
      throw this.mapError(error, request);
    }
    let text = "";
    let reasoning = "";
    const calls: Array<{ id: string; name: string; input: string }> = [];
    const callIndex = new Map<string, number>();
    let model: string | undefined;
    let id: string | undefined;
    try {
      for await (const part of stream as unknown as AsyncIterable<Record<string, any>>) {
        switch (part.type) {
          case "text-delta": {
            const delta = String(part.delta ?? part.textDelta ?? "");
            text += delta;
            if (delta) yield { type: "text-delta", index: 0, delta };
            break;
          }
          case "reasoning-delta": {
            const delta = String(part.delta ?? "");
            reasoning += delta;
            if (delta) yield { type: "reasoning-delta", index: 0, delta };
            break;
          }
          case "tool-input-start":
            callIndex.set(part.id, calls.length);
            calls.push({ id: part.id, name: part.toolName, input: "" });
            yield { type: "tool-call-delta", index: 0, toolCallIndex: calls.length - 1, id: part.id, name: part.toolName, argsDelta: "" };
            break;
          case "tool-input-delta": {
            const index = callIndex.get(part.id);
            if (index !== undefined) {
              calls[index]!.input += part.delta;
              yield { type: "tool-call-delta", index: 0, toolCallIndex: index, argsDelta: String(part.delta) };
            }
            break;
          }
          case "tool-call": {
            const input = typeof part.input === "string" ? part.input : JSON.stringify(part.input ?? {});
            const index = callIndex.get(part.toolCallId);
            if (index !== undefined) calls[index]!.input = input;
            else {
              callIndex.set(part.toolCallId, calls.length);
              calls.push({ id: part.toolCallId, name: part.toolName, input });
              yield { type: "tool-call-delta", index: 0, toolCallIndex: calls.length - 1, id: part.toolCallId, name: part.toolName, argsDelta: input };
            }
            break;
          }
          case "response-metadata":
            model ??= part.modelId;
            id ??= part.id;
            break;
          case "error":
            throw this.mapError(part.error, request);
          case "finish": {
            const content = [
              ...(reasoning ? [{ type: "reasoning", text: reasoning }] : []),
              ...(text || calls.length === 0 ? [{ type: "text", text }] : []),
              ...calls.map((c) => ({ type: "tool-call", toolCallId: c.id, toolName: c.name, input: c.input })),
            ];
            const response = aiSdkResultToResponse({
              content,
              finishReason: part.finishReason,
              usage: part.usage,
              response: { ...(model ? { modelId: model } : {}), ...(id ? { id } : {}) },
            });
            response.usage = aiSdkUsage(part.usage);
            response.outputs[0]!.finishReason = aiSdkFinishReason(part.finishReason);
            yield { type: "finish", response };
            return;
          }
        }
      }
    } catch (error) {
      throw this.mapError(error, request);
    }
    throw new LMProviderError(`The AI SDK model ${this.provider}/${this.modelId} ended its stream without a finish part.`, {
      provider: this.provider,
      model: this.modelId,
    });
  }

  /** AI SDK errors (`APICallError` carries `statusCode`, `responseHeaders`, `isRetryable`) as typed LM errors. */
  private mapError(error: unknown, request: LMRequest): unknown {
    if (LMError.isInstance(error)) return error;
    if (request.signal?.aborted) {
      const reason = request.signal.reason as { name?: string } | undefined;
      return reason?.name === "TimeoutError" ? lmErrorForStatus(408, "The request timed out.", { provider: this.provider, model: this.modelId, cause: error }) : request.signal.reason;
    }
    const e = (error ?? {}) as { statusCode?: number; message?: string; responseHeaders?: Record<string, string>; isRetryable?: boolean; name?: string };
    const details = { provider: this.provider, model: this.modelId, cause: error };
    const message = e.message ?? String(error);
    if (typeof e.statusCode === "number") {
      const retryAfter = e.responseHeaders ? parseRetryAfter(new Headers(e.responseHeaders)) : undefined;
      return lmErrorForStatus(e.statusCode, message, { ...details, ...(retryAfter !== undefined ? { retryAfter } : {}) });
    }
    if (e.isRetryable) return new LMTransportError(message, details);
    return new LMUnexpectedError(message, details);
  }
}

/**
 * Wraps an AI SDK language model for `LM`.
 *
 * @example
 * const lm = new LM(fromAISDK(anthropic("claude-sonnet-4-5")));
 */
export function fromAISDK(model: AISDKLanguageModel, options: { capabilities?: Partial<LMCapabilities> } = {}): AISDKModel {
  return new AISDKModel(model, options);
}
