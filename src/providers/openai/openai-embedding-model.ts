import type { EmbeddingModel } from "../../lm/language-model.js";
import { postJson } from "../shared/post-json.js";
import { mapOpenAIError } from "./openai-error.js";
import { OpenAIEndpoint, type OpenAIProviderSettings } from "./openai-settings.js";

/** Embeddings from `POST {baseURL}/embeddings` (OpenAI, Ollama, vLLM, Together, Mistral, …). */
export class OpenAIEmbeddingModel implements EmbeddingModel {
  readonly specificationVersion = "tsdspy-embedding-v1" as const;
  readonly provider: string;
  private readonly endpoint: OpenAIEndpoint;

  constructor(
    readonly modelId: string,
    settings: OpenAIProviderSettings | OpenAIEndpoint = {},
    private readonly params: Record<string, unknown> = {},
  ) {
    this.endpoint = settings instanceof OpenAIEndpoint ? settings : new OpenAIEndpoint(settings);
    this.provider = this.endpoint.name;
  }

  async doEmbed(texts: string[], options: { signal?: AbortSignal } = {}): Promise<{ embeddings: number[][]; usage?: { tokens?: number } }> {
    const apiKey = this.endpoint.apiKey();
    const model = this.modelId;
    const provider = this.provider;
    const { json } = await postJson(
      {
        url: `${this.endpoint.baseURL}/embeddings`,
        headers: this.endpoint.headers(apiKey),
        body: { model, input: texts, ...this.params },
        ...(options.signal ? { signal: options.signal } : {}),
        ...(this.endpoint.fetch ? { fetch: this.endpoint.fetch } : {}),
      },
      { provider, model, secrets: [apiKey], mapError: (reply) => mapOpenAIError(reply, provider, model) },
    );
    const body = json as { data?: Array<{ index?: number; embedding: number[] }>; usage?: { total_tokens?: number; prompt_tokens?: number } };
    const data = [...(body.data ?? [])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    const tokens = body.usage?.total_tokens ?? body.usage?.prompt_tokens;
    return { embeddings: data.map((d) => d.embedding), ...(tokens !== undefined ? { usage: { tokens } } : {}) };
  }
}
