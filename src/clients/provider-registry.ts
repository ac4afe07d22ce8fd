import { LMConfigurationError, LMNotConfiguredError } from "../errors/lm-errors.js";
import type { EmbeddingModel, LanguageModel } from "../lm/language-model.js";
import type { LMCapabilities } from "../lm/lm-capabilities.js";
import { AnthropicMessagesModel } from "../providers/anthropic/anthropic-messages-model.js";
import { GeminiEmbeddingModel } from "../providers/gemini/gemini-embedding-model.js";
import { GeminiModel } from "../providers/gemini/gemini-model.js";
import { OpenAIChatModel } from "../providers/openai/openai-chat-model.js";
import { OpenAIEmbeddingModel } from "../providers/openai/openai-embedding-model.js";
import { OpenAIResponsesModel } from "../providers/openai/openai-responses-model.js";
import { OpenAIEndpoint } from "../providers/openai/openai-settings.js";

/** How a `provider/` prefix of a model string is served. */
export interface ProviderPreset {
  kind: "openai" | "anthropic" | "gemini";
  /** Default base URL (OpenAI-compatible servers). */
  baseURL?: string;
  /** Environment variables that override the base URL, tried in order. */
  baseURLEnvVars?: readonly string[];
  /** Environment variables holding the key, tried in order. */
  apiKeyEnvVars?: readonly string[];
  /** Whether the server needs a key (local servers do not). */
  requireApiKey?: boolean;
  /** A path the base URL must end with (Ollama's OpenAI-compatible API lives under `/v1`). */
  basePathSuffix?: string;
}

const local = (baseURL: string, env: string, keyEnv: string): ProviderPreset => ({
  kind: "openai",
  baseURL,
  baseURLEnvVars: [env],
  apiKeyEnvVars: [keyEnv],
  requireApiKey: false,
});

const hosted = (baseURL: string, keyEnvs: readonly string[], baseEnvs: readonly string[] = []): ProviderPreset => ({
  kind: "openai",
  baseURL,
  baseURLEnvVars: baseEnvs,
  apiKeyEnvVars: keyEnvs,
});

/** The built-in `provider/` prefixes, with litellm's names and environment variables where litellm has them. */
export const BUILTIN_PROVIDERS: Readonly<Record<string, ProviderPreset>> = Object.freeze({
  openai: { kind: "openai", baseURLEnvVars: ["OPENAI_BASE_URL", "OPENAI_API_BASE"], apiKeyEnvVars: ["OPENAI_API_KEY"] },
  anthropic: { kind: "anthropic", baseURLEnvVars: ["ANTHROPIC_BASE_URL", "ANTHROPIC_API_BASE"], apiKeyEnvVars: ["ANTHROPIC_API_KEY"] },
  gemini: { kind: "gemini", baseURLEnvVars: ["GEMINI_API_BASE"], apiKeyEnvVars: ["GEMINI_API_KEY", "GOOGLE_API_KEY"] },
  ollama: { ...local("http://localhost:11434/v1", "OLLAMA_API_BASE", "OLLAMA_API_KEY"), basePathSuffix: "/v1" },
  ollama_chat: { ...local("http://localhost:11434/v1", "OLLAMA_API_BASE", "OLLAMA_API_KEY"), basePathSuffix: "/v1" },
  lm_studio: local("http://localhost:1234/v1", "LM_STUDIO_API_BASE", "LM_STUDIO_API_KEY"),
  llama_cpp: local("http://localhost:8080/v1", "LLAMA_CPP_API_BASE", "LLAMA_CPP_API_KEY"),
  vllm: { kind: "openai", baseURLEnvVars: ["HOSTED_VLLM_API_BASE", "VLLM_API_BASE"], apiKeyEnvVars: ["HOSTED_VLLM_API_KEY", "VLLM_API_KEY"], requireApiKey: false },
  hosted_vllm: { kind: "openai", baseURLEnvVars: ["HOSTED_VLLM_API_BASE", "VLLM_API_BASE"], apiKeyEnvVars: ["HOSTED_VLLM_API_KEY", "VLLM_API_KEY"], requireApiKey: false },
  openrouter: hosted("https://openrouter.ai/api/v1", ["OPENROUTER_API_KEY"], ["OPENROUTER_API_BASE"]),
  groq: hosted("https://api.groq.com/openai/v1", ["GROQ_API_KEY"]),
  together_ai: hosted("https://api.together.xyz/v1", ["TOGETHERAI_API_KEY", "TOGETHER_API_KEY"]),
  deepseek: hosted("https://api.deepseek.com/v1", ["DEEPSEEK_API_KEY"], ["DEEPSEEK_API_BASE"]),
  fireworks_ai: hosted("https://api.fireworks.ai/inference/v1", ["FIREWORKS_AI_API_KEY", "FIREWORKS_API_KEY"]),
  mistral: hosted("https://api.mistral.ai/v1", ["MISTRAL_API_KEY"]),
  xai: hosted("https://api.x.ai/v1", ["XAI_API_KEY"]),
  perplexity: hosted("https://api.perplexity.ai", ["PERPLEXITYAI_API_KEY", "PERPLEXITY_API_KEY"]),
  cerebras: hosted("https://api.cerebras.ai/v1", ["CEREBRAS_API_KEY"]),
  deepinfra: hosted("https://api.deepinfra.com/v1/openai", ["DEEPINFRA_API_KEY"]),
  nvidia_nim: hosted("https://integrate.api.nvidia.com/v1", ["NVIDIA_NIM_API_KEY"]),
});

/** OpenAI models that only the Responses API serves. */
const RESPONSES_ONLY = /^(?:o1-pro|o3-pro|o3-deep-research|o4-mini-deep-research|codex-mini|gpt-5(?:\.\d+)?-codex|gpt-5(?:\.\d+)?-pro|computer-use-preview)/;

/** Where and how to reach a model. */
export interface ResolveOptions {
  modelType?: "chat" | "text" | "responses";
  apiKey?: string;
  apiBase?: string;
  headers?: Record<string, string>;
  capabilities?: Partial<LMCapabilities>;
  fetch?: typeof globalThis.fetch;
}

/** Splits `provider/model` (no prefix means OpenAI, as in DSPy). */
export function splitModel(model: string): { provider: string; modelId: string } {
  const slash = model.indexOf("/");
  return slash < 0 ? { provider: "openai", modelId: model } : { provider: model.slice(0, slash), modelId: model.slice(slash + 1) };
}

/**
 * The provider model for a DSPy model string (`"openai/gpt-4o-mini"`, `"anthropic/claude-sonnet-4-5"`,
 * `"ollama/llama3.2"`, …). An unknown prefix with an `apiBase` is taken as an OpenAI-compatible server.
 */
export function resolveLanguageModel(model: string, options: ResolveOptions = {}): LanguageModel {
  const { provider, modelId } = splitModel(model);
  const preset = presetFor(provider, options);
  const baseURL = baseURLFor(provider, preset, options);
  const common = {
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(baseURL ? { baseURL } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  if (preset.kind === "anthropic") return new AnthropicMessagesModel(modelId, { ...common, ...(options.capabilities ? { capabilities: options.capabilities } : {}) });
  if (preset.kind === "gemini") return new GeminiModel(modelId, { ...common, ...(options.capabilities ? { capabilities: options.capabilities } : {}) });
  if (options.modelType === "text") {
    throw new LMConfigurationError('modelType "text" (legacy completions) is not supported; use "chat" or "responses".', { model, provider });
  }
  const endpoint = new OpenAIEndpoint({
    ...common,
    name: provider,
    ...(preset.apiKeyEnvVars ? { apiKeyEnvVars: preset.apiKeyEnvVars } : {}),
    ...(preset.requireApiKey === false ? { requireApiKey: false } : {}),
    ...(options.capabilities ? { capabilities: options.capabilities } : {}),
  });
  const responses = options.modelType === "responses" || (provider === "openai" && endpoint.isOfficial && RESPONSES_ONLY.test(modelId));
  return responses ? new OpenAIResponsesModel(modelId, endpoint) : new OpenAIChatModel(modelId, endpoint);
}

/** The embedding model for a model string (`"openai/text-embedding-3-small"`, `"gemini/text-embedding-004"`, `"ollama/nomic-embed-text"`). */
export function resolveEmbeddingModel(model: string, options: ResolveOptions = {}, params: Record<string, unknown> = {}): EmbeddingModel {
  const { provider, modelId } = splitModel(model);
  const preset = presetFor(provider, options);
  const baseURL = baseURLFor(provider, preset, options);
  const common = { ...(options.apiKey ? { apiKey: options.apiKey } : {}), ...(baseURL ? { baseURL } : {}), ...(options.fetch ? { fetch: options.fetch } : {}) };
  if (preset.kind === "gemini") return new GeminiEmbeddingModel(modelId, common, params);
  if (preset.kind === "anthropic") {
    throw new LMConfigurationError("Anthropic has no embeddings API; use another provider's embedding model.", { model, provider });
  }
  return new OpenAIEmbeddingModel(
    modelId,
    new OpenAIEndpoint({
      ...common,
      name: provider,
      ...(preset.apiKeyEnvVars ? { apiKeyEnvVars: preset.apiKeyEnvVars } : {}),
      ...(preset.requireApiKey === false ? { requireApiKey: false } : {}),
    }),
    params,
  );
}

function presetFor(provider: string, options: ResolveOptions): ProviderPreset {
  const preset = BUILTIN_PROVIDERS[provider];
  if (preset) return preset;
  if (options.apiBase) return { kind: "openai", apiKeyEnvVars: [`${provider.toUpperCase()}_API_KEY`], requireApiKey: false };
  throw new LMConfigurationError(
    `Unknown provider "${provider}". Use one of ${Object.keys(BUILTIN_PROVIDERS).join(", ")}; ` +
      "or pass apiBase to reach an OpenAI-compatible server, or pass a LanguageModel instance.",
    { provider },
  );
}

function baseURLFor(provider: string, preset: ProviderPreset, options: ResolveOptions): string | undefined {
  let url = options.apiBase;
  for (const name of preset.baseURLEnvVars ?? []) url ??= process.env[name] || undefined;
  url ??= preset.baseURL;
  if (url === undefined) {
    if (preset.kind === "openai" && provider !== "openai") {
      throw new LMNotConfiguredError(
        `The ${provider} provider needs a base URL: pass apiBase (e.g. "http://localhost:8000/v1") or set ${(preset.baseURLEnvVars ?? []).join(" or ")}.`,
        { provider },
      );
    }
    return undefined;
  }
  url = url.replace(/\/+$/, "");
  if (preset.basePathSuffix && !url.endsWith(preset.basePathSuffix)) url += preset.basePathSuffix;
  return url;
}
