import { LMTransportError } from "../../errors/lm-errors.js";
import type { LanguageModel } from "../../lm/language-model.js";
import type { LMCapabilities } from "../../lm/lm-capabilities.js";
import type { LMRequest } from "../../lm/lm-request.js";
import type { LMResponse } from "../../lm/lm-response.js";
import type { LMStreamPart } from "../../lm/lm-stream-part.js";
import { mergeUsage } from "../shared/merge-usage.js";
import { loadApiKey } from "../shared/load-api-key.js";
import { postEventStream, postJson, type ProviderCallContext } from "../shared/post-json.js";
import type { ProviderSettings } from "../shared/provider-settings.js";
import { parseStreamEvent, requireOutputs } from "../shared/malformed-reply.js";
import { anthropicBody, JSON_TOOL_NAME, wantsJsonTool } from "./anthropic-body.js";
import { anthropicStatusOfType, mapAnthropicError } from "./anthropic-error.js";
import { parseAnthropicResponse } from "./anthropic-response.js";

export const ANTHROPIC_BASE_URL = "https://api.anthropic.com";
export const ANTHROPIC_VERSION = "2023-06-01";

export interface AnthropicProviderSettings extends ProviderSettings {
  /** `anthropic-version` header. Default `2023-06-01`. */
  version?: string;
  capabilities?: Partial<LMCapabilities>;
}

const ANTHROPIC_PARAMS: readonly string[] = Object.freeze([
  "temperature", "top_p", "top_k", "max_tokens", "max_completion_tokens", "stop", "n", "tools", "tool_choice",
  "parallel_tool_calls", "response_format", "reasoning_effort", "thinking", "metadata", "user",
]);

/**
 * A Claude model behind Anthropic's Messages API (`POST {baseURL}/v1/messages`). `n > 1` sends `n` requests.
 * The key comes from `apiKey` or `ANTHROPIC_API_KEY`.
 */
export class AnthropicMessagesModel implements LanguageModel {
  readonly specificationVersion = "tsdspy-lm-v1" as const;
  readonly provider = "anthropic";
  readonly capabilities: LMCapabilities;
  private readonly baseURL: string;
  readonly #settings: AnthropicProviderSettings;

  constructor(
    readonly modelId: string,
    settings: AnthropicProviderSettings = {},
  ) {
    this.#settings = settings;
    this.baseURL = (settings.baseURL ?? process.env.ANTHROPIC_BASE_URL ?? ANTHROPIC_BASE_URL).replace(/\/+$/, "").replace(/\/v1$/, "");
    const thinking = /claude-(?:3-7|sonnet-4|opus-4|haiku-4)/.test(modelId);
    this.capabilities = Object.freeze({
      supportsResponseSchema: true,
      supportsFunctionCalling: true,
      supportsReasoning: thinking,
      supportedParams: ANTHROPIC_PARAMS,
      ...settings.capabilities,
    });
  }

  async doGenerate(request: LMRequest): Promise<LMResponse> {
    const n = typeof request.params.n === "number" ? request.params.n : 1;
    if (n <= 1) return this.generateOne(request);
    const replies = await Promise.all(Array.from({ length: n }, () => this.generateOne(request)));
    const first = replies[0]!;
    return {
      ...first,
      outputs: replies.flatMap((r) => r.outputs),
      usage: replies.reduce((total, r) => mergeUsage(total, r.usage), {}),
      raw: replies.map((r) => r.raw),
    };
  }

  async *doStream(request: LMRequest): AsyncGenerator<LMStreamPart> {
    const apiKey = this.apiKey();
    const context = this.context(request.model, apiKey);
    const jsonTool = wantsJsonTool(request);
    const events = await postEventStream(this.httpRequest(request, apiKey, true), context);
    const blocks: Array<Record<string, unknown> & { partialJson?: string }> = [];
    let message: Record<string, unknown> = {};
    let usage: Record<string, unknown> = {};
    let toolIndex = -1;
    const toolIndexOfBlock = new Map<number, number>();
    for await (const event of events) {
      if (!event.data) continue;
      const data = parseStreamEvent(event.data, context);
      switch (data.type ?? event.event) {
        case "message_start":
          message = data.message ?? {};
          usage = { ...(message.usage as object | undefined) };
          break;
        case "content_block_start": {
          const block = { ...(data.content_block as Record<string, unknown>) };
          blocks[data.index] = block;
          if (block.type === "tool_use" && !(jsonTool && block.name === JSON_TOOL_NAME)) {
            toolIndexOfBlock.set(data.index, ++toolIndex);
            yield { type: "tool-call-delta", index: 0, toolCallIndex: toolIndex, id: String(block.id), name: String(block.name), argsDelta: "" };
          }
          if (block.type === "text" && typeof block.text === "string" && block.text) yield { type: "text-delta", index: 0, delta: block.text };
          break;
        }
        case "content_block_delta": {
          const block = (blocks[data.index] ??= { type: "text", text: "" });
          const delta = data.delta ?? {};
          if (delta.type === "text_delta") {
            block.text = String(block.text ?? "") + delta.text;
            yield { type: "text-delta", index: 0, delta: String(delta.text) };
          } else if (delta.type === "thinking_delta") {
            block.thinking = String(block.thinking ?? "") + delta.thinking;
            yield { type: "reasoning-delta", index: 0, delta: String(delta.thinking) };
          } else if (delta.type === "input_json_delta") {
            block.partialJson = (block.partialJson ?? "") + delta.partial_json;
            const toolCallIndex = toolIndexOfBlock.get(data.index);
            if (toolCallIndex !== undefined) yield { type: "tool-call-delta", index: 0, toolCallIndex, argsDelta: String(delta.partial_json) };
            else if (jsonTool) yield { type: "text-delta", index: 0, delta: String(delta.partial_json) };
          }
          break;
        }
        case "content_block_stop": {
          const block = blocks[data.index];
          if (block?.type === "tool_use") {
            block.input = block.partialJson ? safeJson(block.partialJson) : (block.input ?? {});
            delete block.partialJson;
          }
          break;
        }
        case "message_delta":
          message = { ...message, ...data.delta };
          usage = { ...usage, ...data.usage };
          break;
        case "error": {
          const type = data.error?.type as string | undefined;
          throw mapAnthropicError({ status: anthropicStatusOfType(type), headers: new Headers(), bodyText: event.data, json: data }, request.model);
        }
        case "message_stop": {
          const raw = { ...message, type: "message", content: blocks.filter(Boolean), usage };
          yield { type: "finish", response: parseAnthropicResponse(raw, jsonTool) };
          return;
        }
      }
    }
    throw new LMTransportError("anthropic's stream ended before message_stop.", { provider: "anthropic", model: request.model });
  }

  private async generateOne(request: LMRequest): Promise<LMResponse> {
    const apiKey = this.apiKey();
    const context = this.context(request.model, apiKey);
    const { json } = await postJson(this.httpRequest(request, apiKey, false), context);
    return parseAnthropicResponse(requireOutputs(json, "content", context), wantsJsonTool(request));
  }

  private httpRequest(request: LMRequest, apiKey: string, stream: boolean) {
    return {
      url: `${this.baseURL}/v1/messages`,
      headers: {
        "content-type": "application/json",
        "x-api-key": apiKey,
        "anthropic-version": this.#settings.version ?? ANTHROPIC_VERSION,
        ...(stream ? { accept: "text/event-stream" } : {}),
        ...this.#settings.headers,
        ...request.headers,
      },
      body: anthropicBody(request, { stream }),
      ...(request.signal ? { signal: request.signal } : {}),
      ...(this.#settings.fetch ? { fetch: this.#settings.fetch } : {}),
    };
  }

  private apiKey(): string {
    return loadApiKey({ apiKey: this.#settings.apiKey, envVars: ["ANTHROPIC_API_KEY"], description: "Anthropic", provider: "anthropic" });
  }

  private context(model: string, apiKey: string): ProviderCallContext {
    return { provider: "anthropic", model, secrets: [apiKey], mapError: (reply) => mapAnthropicError(reply, model) };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
