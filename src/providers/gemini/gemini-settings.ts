import { loadApiKey } from "../shared/load-api-key.js";
import type { ProviderSettings } from "../shared/provider-settings.js";

export const GEMINI_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";

/** Settings of the Gemini API (Google AI Studio). The key comes from `apiKey`, `GEMINI_API_KEY` or `GOOGLE_API_KEY`. */
export interface GeminiProviderSettings extends ProviderSettings {}

/** The key and base URL every Gemini request needs. */
export function geminiEndpoint(settings: GeminiProviderSettings): { baseURL: string; apiKey: () => string } {
  const baseURL = (settings.baseURL ?? process.env.GEMINI_API_BASE ?? GEMINI_BASE_URL).replace(/\/+$/, "");
  return {
    baseURL,
    apiKey: () => loadApiKey({ apiKey: settings.apiKey, envVars: ["GEMINI_API_KEY", "GOOGLE_API_KEY"], description: "Gemini", provider: "gemini" }),
  };
}

/** `models/<id>` path segment for a model id given with or without the prefix. */
export function geminiModelPath(modelId: string): string {
  return modelId.startsWith("models/") || modelId.startsWith("tunedModels/") ? modelId : `models/${modelId}`;
}
