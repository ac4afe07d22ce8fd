import type { ProviderFactory } from "../../lm/provider-registration.js";
import { AnthropicMessagesModel } from "./anthropic-messages-model.js";

/** Claude models behind Anthropic's Messages API (Anthropic has no embeddings API). */
export const anthropicProvider: ProviderFactory = {
  languageModel(modelId, settings) {
    return new AnthropicMessagesModel(modelId, {
      ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
      ...(settings.baseURL ? { baseURL: settings.baseURL } : {}),
      ...(settings.headers ? { headers: settings.headers } : {}),
      ...(settings.fetch ? { fetch: settings.fetch } : {}),
      ...(settings.capabilities ? { capabilities: settings.capabilities } : {}),
    });
  },
};
