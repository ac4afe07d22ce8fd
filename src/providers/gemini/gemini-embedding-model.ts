import type { EmbeddingModel } from "../../lm/language-model.js";
import { postJson } from "../shared/post-json.js";
import { mapGeminiError } from "./gemini-error.js";
import { geminiEndpoint, geminiModelPath, type GeminiProviderSettings } from "./gemini-settings.js";

/** Embeddings from the Gemini API's `batchEmbedContents`. */
export class GeminiEmbeddingModel implements EmbeddingModel {
  readonly specificationVersion = "tsdspy-embedding-v1" as const;
  readonly provider = "gemini";
  private readonly endpoint: ReturnType<typeof geminiEndpoint>;
  readonly #settings: GeminiProviderSettings;

  constructor(
    readonly modelId: string,
    settings: GeminiProviderSettings = {},
    private readonly params: Record<string, unknown> = {},
  ) {
    this.#settings = settings;
    this.endpoint = geminiEndpoint(settings);
  }

  async doEmbed(texts: string[], options: { signal?: AbortSignal } = {}): Promise<{ embeddings: number[][] }> {
    const apiKey = this.endpoint.apiKey();
    const model = this.modelId;
    const path = geminiModelPath(model);
    const { json } = await postJson(
      {
        url: `${this.endpoint.baseURL}/${path}:batchEmbedContents`,
        headers: { "content-type": "application/json", "x-goog-api-key": apiKey, ...this.#settings.headers },
        body: { requests: texts.map((text) => ({ model: path, content: { parts: [{ text }] }, ...this.params })) },
        ...(options.signal ? { signal: options.signal } : {}),
        ...(this.#settings.fetch ? { fetch: this.#settings.fetch } : {}),
      },
      { provider: "gemini", model, secrets: [apiKey], mapError: (reply) => mapGeminiError(reply, model) },
    );
    const body = json as { embeddings?: Array<{ values: number[] }> };
    return { embeddings: (body.embeddings ?? []).map((e) => e.values) };
  }
}
