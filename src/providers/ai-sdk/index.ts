export { AISDKModel, fromAISDK } from "./ai-sdk-model.js";
export { isAISDKLanguageModel, type AISDKLanguageModel } from "./ai-sdk-registration.js";
