import type { LMCapabilities } from "../../lm/lm-capabilities.js";
import type { ProviderModelSettings } from "../../lm/provider-registration.js";
import type { ProviderSettings } from "./provider-settings.js";

/** The HTTP settings a provider model takes, from the resolved endpoint of a model string (only those given). */
export function httpSettingsOf(settings: ProviderModelSettings): ProviderSettings & { capabilities?: Partial<LMCapabilities> } {
  return {
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
    ...(settings.baseURL ? { baseURL: settings.baseURL } : {}),
    ...(settings.headers ? { headers: settings.headers } : {}),
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
    ...(settings.capabilities ? { capabilities: settings.capabilities } : {}),
  };
}
