import { LMTransportError } from "../../errors/lm-errors.js";
import type { LMRequest } from "../../lm/lm-request.js";
import type { LMResponse } from "../../lm/lm-response.js";
import type { LMStreamPart } from "../../lm/lm-stream-part.js";
import { parseStreamEvent, requireOutputs } from "../shared/malformed-reply.js";
import { postEventStream, postJson, type ProviderCallContext } from "../shared/post-json.js";
import { openAIChatBody } from "./openai-chat-body.js";
import { parseOpenAIChatResponse } from "./openai-chat-response.js";
import { OpenAIChatStreamAssembler } from "./openai-chat-stream.js";
import { mapOpenAIError, openAIErrorFields } from "./openai-error.js";
import { OpenAIEndpointModel } from "./openai-endpoint-model.js";

/**
 * A model behind OpenAI's Chat Completions API (`POST {baseURL}/chat/completions`) or any server that speaks it
 * (Ollama, vLLM, LM Studio, llama.cpp, OpenRouter, Groq, Together, DeepSeek, …).
 *
 * @example
 * const model = new OpenAIChatModel("llama3.2", { name: "ollama", baseURL: "http://localhost:11434/v1", requireApiKey: false });
 */
export class OpenAIChatModel extends OpenAIEndpointModel {
  async doGenerate(request: LMRequest): Promise<LMResponse> {
    const apiKey = this.endpoint.apiKey();
    const context = this.context(request.model, apiKey);
    const { json } = await postJson(
      {
        url: `${this.endpoint.baseURL}/chat/completions`,
        headers: this.endpoint.headers(apiKey, request.headers),
        body: openAIChatBody(request),
        ...(request.signal ? { signal: request.signal } : {}),
        ...(this.endpoint.fetch ? { fetch: this.endpoint.fetch } : {}),
      },
      context,
    );
    return parseOpenAIChatResponse(requireOutputs(json, "choices", context), Boolean(request.params.logprobs));
  }

  async *doStream(request: LMRequest): AsyncGenerator<LMStreamPart> {
    const apiKey = this.endpoint.apiKey();
    const context = this.context(request.model, apiKey);
    const events = await postEventStream(
      {
        url: `${this.endpoint.baseURL}/chat/completions`,
        headers: { ...this.endpoint.headers(apiKey, request.headers), accept: "text/event-stream" },
        body: openAIChatBody(request, { stream: true, streamUsage: this.endpoint.streamUsage() }),
        ...(request.signal ? { signal: request.signal } : {}),
        ...(this.endpoint.fetch ? { fetch: this.endpoint.fetch } : {}),
      },
      context,
    );
    const assembler = new OpenAIChatStreamAssembler();
    let done = false;
    for await (const event of events) {
      if (event.data === "[DONE]") {
        done = true;
        break;
      }
      if (!event.data) continue;
      const chunk = parseStreamEvent(event.data, context);
      if (chunk.error !== undefined) {
        const { message, code } = openAIErrorFields(chunk, event.data);
        const status = typeof (chunk.error as { code?: unknown })?.code === "number" ? ((chunk.error as { code: number }).code) : 500;
        throw context.mapError({ status, headers: new Headers(), bodyText: message, json: { error: { message, code } } });
      }
      yield* assembler.push(chunk);
    }
    // Servers that omit `[DONE]` still end every choice with a finish_reason; a stream with neither was cut short.
    if (!done && !assembler.complete) {
      throw new LMTransportError(`${this.provider}'s stream ended before its last event.`, { provider: this.provider, model: request.model });
    }
    yield assembler.finish(Boolean(request.params.logprobs));
  }

  private context(model: string, apiKey: string | undefined): ProviderCallContext {
    const provider = this.provider;
    return { provider, model, secrets: [apiKey], mapError: (reply) => mapOpenAIError(reply, provider, model) };
  }
}
