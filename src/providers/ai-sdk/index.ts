export { AISDKModel, fromAISDK, isAISDKLanguageModel, type AISDKLanguageModel } from "./ai-sdk-model.js";
