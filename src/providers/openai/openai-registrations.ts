import type { ProviderFactory, ProviderRegistration } from "../../lm/provider-registration.js";

/** The OpenAI provider's code, imported when the first LM of OpenAI or an OpenAI-compatible server is made. */
const loadOpenAI = (): Promise<ProviderFactory> => import("./openai-provider.js").then((m) => m.openAIProvider);

const local = (name: string, baseURL: string, env: string, keyEnv: string, basePathSuffix?: string): ProviderRegistration => ({
  name,
  baseURL,
  baseURLEnvVars: [env],
  apiKeyEnvVars: [keyEnv],
  requireApiKey: false,
  requireBaseURL: true,
  ...(basePathSuffix ? { basePathSuffix } : {}),
  load: loadOpenAI,
});

const hosted = (name: string, baseURL: string, keyEnvs: readonly string[], baseEnvs: readonly string[] = []): ProviderRegistration => ({
  name,
  baseURL,
  baseURLEnvVars: baseEnvs,
  apiKeyEnvVars: keyEnvs,
  requireBaseURL: true,
  load: loadOpenAI,
});

const vllm = (name: string): ProviderRegistration => ({
  name,
  baseURLEnvVars: ["HOSTED_VLLM_API_BASE", "VLLM_API_BASE"],
  apiKeyEnvVars: ["HOSTED_VLLM_API_KEY", "VLLM_API_KEY"],
  requireApiKey: false,
  requireBaseURL: true,
  load: loadOpenAI,
});

/**
 * OpenAI and the OpenAI-compatible `provider/` prefixes, with litellm's names and environment variables where
 * litellm has them. Pure data: nothing here loads the provider's code.
 */
export const OPENAI_REGISTRATIONS: readonly ProviderRegistration[] = Object.freeze([
  { name: "openai", baseURLEnvVars: ["OPENAI_BASE_URL", "OPENAI_API_BASE"], apiKeyEnvVars: ["OPENAI_API_KEY"], load: loadOpenAI },
  local("ollama", "http://localhost:11434/v1", "OLLAMA_API_BASE", "OLLAMA_API_KEY", "/v1"),
  local("ollama_chat", "http://localhost:11434/v1", "OLLAMA_API_BASE", "OLLAMA_API_KEY", "/v1"),
  local("lm_studio", "http://localhost:1234/v1", "LM_STUDIO_API_BASE", "LM_STUDIO_API_KEY"),
  local("llama_cpp", "http://localhost:8080/v1", "LLAMA_CPP_API_BASE", "LLAMA_CPP_API_KEY"),
  vllm("vllm"),
  vllm("hosted_vllm"),
  hosted("openrouter", "https://openrouter.ai/api/v1", ["OPENROUTER_API_KEY"], ["OPENROUTER_API_BASE"]),
  hosted("groq", "https://api.groq.com/openai/v1", ["GROQ_API_KEY"]),
  hosted("together_ai", "https://api.together.xyz/v1", ["TOGETHERAI_API_KEY", "TOGETHER_API_KEY"]),
  hosted("deepseek", "https://api.deepseek.com/v1", ["DEEPSEEK_API_KEY"], ["DEEPSEEK_API_BASE"]),
  hosted("fireworks_ai", "https://api.fireworks.ai/inference/v1", ["FIREWORKS_AI_API_KEY", "FIREWORKS_API_KEY"]),
  hosted("mistral", "https://api.mistral.ai/v1", ["MISTRAL_API_KEY"]),
  hosted("xai", "https://api.x.ai/v1", ["XAI_API_KEY"]),
  hosted("perplexity", "https://api.perplexity.ai", ["PERPLEXITYAI_API_KEY", "PERPLEXITY_API_KEY"]),
  hosted("cerebras", "https://api.cerebras.ai/v1", ["CEREBRAS_API_KEY"]),
  hosted("deepinfra", "https://api.deepinfra.com/v1/openai", ["DEEPINFRA_API_KEY"]),
  hosted("nvidia_nim", "https://integrate.api.nvidia.com/v1", ["NVIDIA_NIM_API_KEY"]),
]);
