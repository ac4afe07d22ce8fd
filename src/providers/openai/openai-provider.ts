import { LMConfigurationError } from "../../errors/lm-errors.js";
import type { ProviderFactory, ProviderModelSettings } from "../../lm/provider-registration.js";
import { httpSettingsOf } from "../shared/http-settings-of.js";
import { OpenAIChatModel } from "./openai-chat-model.js";
import { OpenAIEmbeddingModel } from "./openai-embedding-model.js";
import { OpenAIResponsesModel } from "./openai-responses-model.js";
import { OpenAIEndpoint } from "./openai-settings.js";

/** OpenAI models that only the Responses API serves. */
const RESPONSES_ONLY = /^(?:o1-pro|o3-pro|o3-deep-research|o4-mini-deep-research|codex-mini|gpt-5(?:\.\d+)?-codex|gpt-5(?:\.\d+)?-pro|computer-use-preview)/;

function endpoint(settings: ProviderModelSettings): OpenAIEndpoint {
  return new OpenAIEndpoint({
    name: settings.provider,
    ...httpSettingsOf(settings),
    ...(settings.apiKeyEnvVars ? { apiKeyEnvVars: settings.apiKeyEnvVars } : {}),
    ...(settings.requireApiKey === false ? { requireApiKey: false } : {}),
  });
}

/** OpenAI and OpenAI-compatible servers: Chat Completions, the Responses API for models only it serves, embeddings. */
export const openAIProvider: ProviderFactory = {
  languageModel(modelId, settings) {
    if (settings.modelType === "text") {
      throw new LMConfigurationError('modelType "text" (legacy completions) is not supported; use "chat" or "responses".', {
        model: `${settings.provider}/${modelId}`,
        provider: settings.provider,
      });
    }
    const server = endpoint(settings);
    const responses = settings.modelType === "responses" || (settings.provider === "openai" && server.isOfficial && RESPONSES_ONLY.test(modelId));
    return responses ? new OpenAIResponsesModel(modelId, server) : new OpenAIChatModel(modelId, server);
  },
  embeddingModel(modelId, settings, params) {
    return new OpenAIEmbeddingModel(modelId, endpoint(settings), params);
  },
};
