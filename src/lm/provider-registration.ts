import type { EmbeddingModel, LanguageModel } from "./language-model.js";
import type { LMCapabilities } from "./lm-capabilities.js";

/** What a provider receives to build one model: the resolved endpoint of a `provider/model` string. */
export interface ProviderModelSettings {
  /** The `provider/` prefix the model string used (`"openai"`, `"ollama"`, `"groq"`, …). */
  provider: string;
  modelType: "chat" | "text" | "responses";
  apiKey?: string;
  /** The base URL after `apiBase`, the registration's environment variables and its default. */
  baseURL?: string;
  headers?: Record<string, string>;
  capabilities?: Partial<LMCapabilities>;
  fetch?: typeof globalThis.fetch;
  /** Environment variables holding the key, tried in order (from the registration). */
  apiKeyEnvVars?: readonly string[];
  /** `false` when the server needs no key (local servers). */
  requireApiKey?: boolean;
}

/** A provider's code, loaded when the first LM of that provider is made. */
export interface ProviderFactory {
  /** The model for a `provider/model` string (the model id without the prefix). */
  languageModel?(modelId: string, settings: ProviderModelSettings): LanguageModel;
  /** The embedding model for a `provider/model` string; absent when the provider has no embeddings API. */
  embeddingModel?(modelId: string, settings: ProviderModelSettings, params: Record<string, unknown>): EmbeddingModel;
  /** A model object of another library as a tsdspy model (providers with `wraps`). */
  wrap?(model: object): LanguageModel;
}

/**
 * How a provider joins tsdspy: its `provider/` prefix, where its endpoint and key come from, and a `load` that
 * imports its code only when the first LM of this provider is made. Built-in providers register the same way.
 *
 * @example
 * registerProvider({
 *   name: "acme",
 *   baseURL: "https://api.acme.example/v1",
 *   apiKeyEnvVars: ["ACME_API_KEY"],
 *   load: async () => ({ languageModel: (modelId, settings) => new AcmeModel(modelId, settings) }),
 * });
 * const lm = new LM("acme/rocket-1");
 */
export interface ProviderRegistration {
  /** The `provider/` prefix of model strings (`"acme"` serves `"acme/…"`). */
  readonly name: string;
  /** Default base URL. */
  readonly baseURL?: string;
  /** Environment variables that override the base URL, tried in order. */
  readonly baseURLEnvVars?: readonly string[];
  /** Environment variables holding the key, tried in order. */
  readonly apiKeyEnvVars?: readonly string[];
  /** Whether the server needs a key (local servers do not). Default true. */
  readonly requireApiKey?: boolean;
  /** A path the base URL must end with (Ollama's OpenAI-compatible API lives under `/v1`). */
  readonly basePathSuffix?: string;
  /** Whether a model string of this provider needs a base URL (no default and none in the environment is an error). */
  readonly requireBaseURL?: boolean;
  /**
   * For providers that wrap another library's model objects (`new LM(object)`): recognises such an object without
   * loading the provider. A provider with `wraps` serves no `name/` prefix.
   */
  readonly wraps?: (model: object) => boolean;
  /** Imports the provider's code (e.g. `() => import("./acme-provider.js").then((m) => m.acmeProvider)`). */
  load(): Promise<ProviderFactory>;
}
