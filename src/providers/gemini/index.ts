export { GeminiModel } from "./gemini-model.js";
export { GeminiEmbeddingModel } from "./gemini-embedding-model.js";
export { GEMINI_BASE_URL, type GeminiProviderSettings } from "./gemini-settings.js";
export { mapGeminiError } from "./gemini-error.js";
export { geminiProvider } from "./gemini-provider.js";
