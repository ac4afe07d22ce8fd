import { ValueError } from "../errors/value-error.js";
import type { EmbeddingModel } from "../lm/language-model.js";
import { resolveEmbeddingModel, type ResolveOptions } from "./provider-registry.js";

export interface EmbedderOptions {
  /** Texts per request. Default 200 (as DSPy). */
  batchSize?: number;
  apiKey?: string;
  apiBase?: string;
  fetch?: typeof globalThis.fetch;
  /** Extra request parameters (`dimensions`, …). */
  params?: Record<string, unknown>;
}

type EmbedFunction = (texts: string[]) => number[][] | Promise<number[][]>;

/**
 * Computes embeddings in batches (DSPy's `Embedder`), from a hosted model (`"openai/text-embedding-3-small"`,
 * `"gemini/text-embedding-004"`, `"ollama/nomic-embed-text"`), an `EmbeddingModel`, or your own function.
 *
 * @example
 * const embedder = new Embedder("openai/text-embedding-3-small", { batchSize: 100 });
 * const vectors = await embedder.embed(["hello", "world"]);  // number[][]
 */
export class Embedder {
  readonly batchSize: number;
  private readonly embedBatch: EmbedFunction;

  constructor(model: string | EmbeddingModel | EmbedFunction, options: EmbedderOptions = {}) {
    this.batchSize = options.batchSize ?? 200;
    if (typeof model === "function") {
      this.embedBatch = model;
    } else {
      // A model string's provider code is imported now and awaited by the first batch.
      const resolved = typeof model === "string" ? resolveEmbeddingModel(model, resolveOptions(options), options.params) : model;
      if (resolved instanceof Promise) resolved.catch(() => {});
      this.embedBatch = async (texts) => (await (await resolved).doEmbed(texts)).embeddings;
    }
  }

  /** One vector per text (a single vector for a single string). */
  async embed(texts: string): Promise<number[]>;
  async embed(texts: string[], options?: { batchSize?: number }): Promise<number[][]>;
  async embed(texts: string | string[], options: { batchSize?: number } = {}): Promise<number[] | number[][]> {
    const single = typeof texts === "string";
    const list = single ? [texts] : texts;
    const batchSize = options.batchSize ?? this.batchSize;
    const vectors: number[][] = [];
    for (let i = 0; i < list.length; i += batchSize) {
      const batch = list.slice(i, i + batchSize);
      const result = await this.embedBatch(batch);
      if (result.length !== batch.length) {
        throw new ValueError(`The embedding model returned ${result.length} vectors for ${batch.length} texts.`);
      }
      for (const vector of result) vectors.push(vector);
    }
    return single ? vectors[0]! : vectors;
  }
}

function resolveOptions(options: EmbedderOptions): ResolveOptions {
  return {
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.apiBase ? { apiBase: options.apiBase } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
}
