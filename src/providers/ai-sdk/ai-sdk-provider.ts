import type { ProviderFactory } from "../../lm/provider-registration.js";
import { fromAISDK } from "./ai-sdk-model.js";
import type { AISDKLanguageModel } from "./ai-sdk-registration.js";

/** The AI SDK bridge: wraps AI SDK model objects passed to `new LM(model)`. */
export const aiSdkProvider: ProviderFactory = {
  wrap: (model) => fromAISDK(model as AISDKLanguageModel),
};
