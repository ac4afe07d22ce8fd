import type { ProviderFactory } from "../../lm/provider-registration.js";
import { httpSettingsOf } from "../shared/http-settings-of.js";
import { GeminiEmbeddingModel } from "./gemini-embedding-model.js";
import { GeminiModel } from "./gemini-model.js";

/** Gemini models and embeddings behind the Gemini API (Google AI Studio). */
export const geminiProvider: ProviderFactory = {
  languageModel: (modelId, settings) => new GeminiModel(modelId, httpSettingsOf(settings)),
  embeddingModel: (modelId, settings, params) => new GeminiEmbeddingModel(modelId, httpSettingsOf(settings), params),
};
