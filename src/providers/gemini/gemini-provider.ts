import type { ProviderFactory } from "../../lm/provider-registration.js";
import { GeminiEmbeddingModel } from "./gemini-embedding-model.js";
import { GeminiModel } from "./gemini-model.js";

/** Gemini models and embeddings behind the Gemini API (Google AI Studio). */
export const geminiProvider: ProviderFactory = {
  languageModel(modelId, settings) {
    return new GeminiModel(modelId, {
      ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
      ...(settings.baseURL ? { baseURL: settings.baseURL } : {}),
      ...(settings.headers ? { headers: settings.headers } : {}),
      ...(settings.fetch ? { fetch: settings.fetch } : {}),
      ...(settings.capabilities ? { capabilities: settings.capabilities } : {}),
    });
  },
  embeddingModel(modelId, settings, params) {
    return new GeminiEmbeddingModel(
      modelId,
      {
        ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
        ...(settings.baseURL ? { baseURL: settings.baseURL } : {}),
        ...(settings.fetch ? { fetch: settings.fetch } : {}),
      },
      params,
    );
  },
};
