import type { LanguageModelV2, LanguageModelV3, LanguageModelV4 } from "@ai-sdk/provider";
import type { ProviderRegistration } from "../../lm/provider-registration.js";

/** Any Vercel AI SDK language model (specification v2 = AI SDK 5, v3 = AI SDK 6, v4 = AI SDK 7). */
export type AISDKLanguageModel = LanguageModelV2 | LanguageModelV3 | LanguageModelV4;

/** Whether a value is an AI SDK language model (by its `specificationVersion`). */
export function isAISDKLanguageModel(value: unknown): value is AISDKLanguageModel {
  const v = value as { specificationVersion?: unknown; doGenerate?: unknown } | null;
  return typeof v === "object" && v !== null && typeof v.doGenerate === "function" && ["v2", "v3", "v4"].includes(String(v.specificationVersion));
}

/** `new LM(model)` with any AI SDK language model: recognised here, bridged by code loaded with the first such LM. */
export const AI_SDK_REGISTRATION: ProviderRegistration = Object.freeze({
  name: "ai-sdk",
  wraps: isAISDKLanguageModel,
  load: () => import("./ai-sdk-provider.js").then((m) => m.aiSdkProvider),
});
