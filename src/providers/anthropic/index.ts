export { AnthropicMessagesModel, ANTHROPIC_BASE_URL, ANTHROPIC_VERSION, type AnthropicProviderSettings } from "./anthropic-messages-model.js";
export { mapAnthropicError } from "./anthropic-error.js";
export { anthropicProvider } from "./anthropic-provider.js";
