import type { LMCapabilities } from "./lm-capabilities.js";
import type { LMRequest } from "./lm-request.js";
import type { LMResponse } from "./lm-response.js";
import type { LMStreamPart } from "./lm-stream-part.js";

/**
 * The provider contract: one model at one provider. Implementations live in `src/providers/<name>/`.
 * Users call the high-level `LM`; the `do` prefix marks the low-level entry points.
 */
export interface LanguageModel {
  readonly specificationVersion: "tsdspy-lm-v1";
  /** `"openai"`, `"anthropic"`, `"gemini"`, … */
  readonly provider: string;
  readonly modelId: string;
  readonly capabilities: LMCapabilities;
  doGenerate(request: LMRequest): Promise<LMResponse>;
  doStream?(request: LMRequest): AsyncIterable<LMStreamPart>;
}

/** The embeddings contract, for retrieval and KNN. */
export interface EmbeddingModel {
  readonly specificationVersion: "tsdspy-embedding-v1";
  readonly provider: string;
  readonly modelId: string;
  doEmbed(texts: string[], options?: { signal?: AbortSignal }): Promise<{ embeddings: number[][]; usage?: { tokens?: number } }>;
}
