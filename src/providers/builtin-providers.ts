import { registerProvider } from "../clients/provider-registry.js";
import { AI_SDK_REGISTRATION } from "./ai-sdk/ai-sdk-registration.js";
import { ANTHROPIC_REGISTRATION } from "./anthropic/anthropic-registration.js";
import { GEMINI_REGISTRATION } from "./gemini/gemini-registration.js";
import { OPENAI_REGISTRATIONS } from "./openai/openai-registrations.js";

// The built-in providers join the registry the way any provider does (registerProvider). Importing this module
// loads only their registrations (names, endpoints, environment variables); each provider's code is imported when
// the first LM of that provider is made. The package root imports this module.
for (const registration of [OPENAI_REGISTRATIONS[0]!, ANTHROPIC_REGISTRATION, GEMINI_REGISTRATION, ...OPENAI_REGISTRATIONS.slice(1), AI_SDK_REGISTRATION]) {
  registerProvider(registration);
}
