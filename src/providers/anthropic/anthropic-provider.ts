import type { ProviderFactory } from "../../lm/provider-registration.js";
import { httpSettingsOf } from "../shared/http-settings-of.js";
import { AnthropicMessagesModel } from "./anthropic-messages-model.js";

/** Claude models behind Anthropic's Messages API (Anthropic has no embeddings API). */
export const anthropicProvider: ProviderFactory = {
  languageModel: (modelId, settings) => new AnthropicMessagesModel(modelId, httpSettingsOf(settings)),
};
