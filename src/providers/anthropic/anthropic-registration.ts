import type { ProviderRegistration } from "../../lm/provider-registration.js";

/** The `anthropic/` prefix. Pure data: nothing here loads the provider's code. */
export const ANTHROPIC_REGISTRATION: ProviderRegistration = Object.freeze({
  name: "anthropic",
  baseURLEnvVars: ["ANTHROPIC_BASE_URL", "ANTHROPIC_API_BASE"],
  apiKeyEnvVars: ["ANTHROPIC_API_KEY"],
  load: () => import("./anthropic-provider.js").then((m) => m.anthropicProvider),
});
