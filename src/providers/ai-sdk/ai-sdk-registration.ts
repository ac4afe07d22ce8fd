import type { ProviderRegistration } from "../../lm/provider-registration.js";

/**
 * What the bridge reads of a Vercel AI SDK language model (`LanguageModelV2` of AI SDK 5, `V3` of AI SDK 6, `V4` of
 * AI SDK 7). Declared here rather than imported, so tsdspy's types need no `@ai-sdk/provider` of a given version.
 */
export interface AISDKLanguageModel {
  readonly specificationVersion: "v2" | "v3" | "v4";
  readonly provider: string;
  readonly modelId: string;
  doGenerate(options: never): PromiseLike<unknown>;
  doStream(options: never): PromiseLike<unknown>;
}

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
