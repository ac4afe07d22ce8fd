import type { ProviderRegistration } from "../../lm/provider-registration.js";

/** The `gemini/` prefix. Pure data: nothing here loads the provider's code. */
export const GEMINI_REGISTRATION: ProviderRegistration = Object.freeze({
  name: "gemini",
  baseURLEnvVars: ["GEMINI_API_BASE"],
  apiKeyEnvVars: ["GEMINI_API_KEY", "GOOGLE_API_KEY"],
  load: () => import("./gemini-provider.js").then((m) => m.geminiProvider),
});
