export type { ContentPart, Message, MessageToolCall } from "./message.js";
export type { LMUsage } from "./lm-usage.js";
export type { LMOutput, LMResponse, LMToolCall } from "./lm-response.js";
export type { LMParams, LMRequest } from "./lm-request.js";
export { NO_CAPABILITIES, type LMCapabilities } from "./lm-capabilities.js";
export type { LMStreamPart } from "./lm-stream-part.js";
export type { EmbeddingModel, LanguageModel } from "./language-model.js";
export type { HistoryEntry } from "./history-entry.js";
export type { LMCallOptions, LMLike } from "./lm-like.js";
