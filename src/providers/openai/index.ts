export { OpenAIChatModel } from "./openai-chat-model.js";
export { OpenAIResponsesModel } from "./openai-responses-model.js";
export { OpenAIEmbeddingModel } from "./openai-embedding-model.js";
export { OpenAIEndpoint, OPENAI_BASE_URL, type OpenAIProviderSettings } from "./openai-settings.js";
export { openAICapabilities, OPENAI_CHAT_PARAMS, OPENAI_COMPATIBLE_CAPABILITIES } from "./openai-capabilities.js";
export { isOpenAIReasoningModel } from "../../lm/is-openai-reasoning-model.js";
export { mapOpenAIError } from "./openai-error.js";
export { openAIProvider } from "./openai-provider.js";
