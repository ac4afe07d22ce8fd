import { LMTransportError } from "../../errors/lm-errors.js";
import type { LMRequest } from "../../lm/lm-request.js";
import type { LMResponse } from "../../lm/lm-response.js";
import type { LMStreamPart } from "../../lm/lm-stream-part.js";
import { postEventStream, postJson, type ProviderCallContext } from "../shared/post-json.js";
import { parseStreamEvent, requireOutputs } from "../shared/malformed-reply.js";
import { mapOpenAIError } from "./openai-error.js";
import { openAIResponsesBody } from "./openai-responses-body.js";
import { parseOpenAIResponsesResponse } from "./openai-responses-response.js";
import { OpenAIEndpointModel } from "./openai-endpoint-model.js";

/**
 * A model behind OpenAI's Responses API (`POST {baseURL}/responses`), DSPy's `model_type="responses"`; needed by
 * models that Chat Completions does not serve (`o1-pro`, `o3-pro`, `gpt-5-codex`, …).
 */
export class OpenAIResponsesModel extends OpenAIEndpointModel {
  async doGenerate(request: LMRequest): Promise<LMResponse> {
    const apiKey = this.endpoint.apiKey();
    const context = this.context(request.model, apiKey);
    const { json } = await postJson(
      {
        url: `${this.endpoint.baseURL}/responses`,
        headers: this.endpoint.headers(apiKey, request.headers),
        body: openAIResponsesBody(request),
        ...(request.signal ? { signal: request.signal } : {}),
        ...(this.endpoint.fetch ? { fetch: this.endpoint.fetch } : {}),
      },
      context,
    );
    return parseOpenAIResponsesResponse(requireOutputs(json, "output", context));
  }

  async *doStream(request: LMRequest): AsyncGenerator<LMStreamPart> {
    const apiKey = this.endpoint.apiKey();
    const context = this.context(request.model, apiKey);
    const events = await postEventStream(
      {
        url: `${this.endpoint.baseURL}/responses`,
        headers: { ...this.endpoint.headers(apiKey, request.headers), accept: "text/event-stream" },
        body: openAIResponsesBody(request, { stream: true }),
        ...(request.signal ? { signal: request.signal } : {}),
        ...(this.endpoint.fetch ? { fetch: this.endpoint.fetch } : {}),
      },
      context,
    );
    const calls = new Map<string, number>();
    for await (const event of events) {
      if (!event.data || event.data === "[DONE]") continue;
      const data = parseStreamEvent(event.data, context);
      const type = String(data.type ?? event.event);
      if (type === "response.output_text.delta") {
        yield { type: "text-delta", index: 0, delta: String(data.delta ?? "") };
      } else if (type === "response.reasoning_summary_text.delta") {
        yield { type: "reasoning-delta", index: 0, delta: String(data.delta ?? "") };
      } else if (type === "response.output_item.added" && (data.item as { type?: string })?.type === "function_call") {
        const item = data.item as { id?: string; call_id?: string; name?: string };
        calls.set(String(item.id), calls.size);
        yield { type: "tool-call-delta", index: 0, toolCallIndex: calls.size - 1, ...(item.call_id ? { id: item.call_id } : {}), ...(item.name ? { name: item.name } : {}), argsDelta: "" };
      } else if (type === "response.function_call_arguments.delta") {
        yield { type: "tool-call-delta", index: 0, toolCallIndex: calls.get(String(data.item_id)) ?? 0, argsDelta: String(data.delta ?? "") };
      } else if (type === "response.completed" || type === "response.incomplete") {
        yield { type: "finish", response: parseOpenAIResponsesResponse(data.response) };
        return;
      } else if (type === "response.failed" || type === "error") {
        const error = ((data.response as { error?: unknown })?.error ?? data.error ?? data) as { message?: string; code?: string };
        throw context.mapError({ status: 500, headers: new Headers(), bodyText: String(error.message ?? ""), json: { error } });
      }
    }
    throw new LMTransportError(`${this.provider}'s stream ended before response.completed.`, { provider: this.provider, model: request.model });
  }

  private context(model: string, apiKey: string | undefined): ProviderCallContext {
    const provider = this.provider;
    return { provider, model, secrets: [apiKey], mapError: (reply) => mapOpenAIError(reply, provider, model) };
  }
}
