import { LMConfigurationError, LMNotConfiguredError } from "../errors/lm-errors.js";
import type { EmbeddingModel, LanguageModel } from "../lm/language-model.js";
import type { LMCapabilities } from "../lm/lm-capabilities.js";
import type { ProviderFactory, ProviderModelSettings, ProviderRegistration } from "../lm/provider-registration.js";
import { clientsRoot } from "./clients-root.js";

/**
 * Makes a provider available to `new LM("name/model")` (and `Embedder`) without loading its code: `load` runs when
 * the first LM of this provider is made. Registering a name again replaces the earlier registration. The built-in
 * providers (OpenAI and OpenAI-compatible servers, Anthropic, Gemini, the AI SDK bridge) register this way too.
 *
 * @example
 * registerProvider({
 *   name: "acme",
 *   baseURL: "https://api.acme.example/v1",
 *   apiKeyEnvVars: ["ACME_API_KEY"],
 *   load: () => import("./acme-provider.js").then((m) => m.acmeProvider),
 * });
 * const lm = new LM("acme/rocket-1");
 */
export function registerProvider(registration: ProviderRegistration): void {
  const providers = clientsRoot().providers;
  providers.delete(registration.name);
  providers.set(registration.name, Object.freeze({ ...registration }));
}

/** The `provider/` prefixes that model strings may use, in registration order. */
export function registeredProviders(): string[] {
  return [...clientsRoot().providers.values()].filter((r) => !r.wraps).map((r) => r.name);
}

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

/** A model now when its provider's code is loaded, else a promise of it. */
export type Resolved<T> = T | Promise<T>;

/** A provider model to be built once its factory is loaded. */
export interface PendingModel<T> {
  /** The registration's prefix, for error messages. */
  provider: string;
  build(factory: ProviderFactory): T;
  load: ProviderRegistration["load"];
}

/**
 * The provider model for a DSPy model string (`"openai/gpt-4o-mini"`, `"anthropic/claude-sonnet-4-5"`,
 * `"ollama/llama3.2"`, …), built now if the provider's code is loaded, else once it is. An unknown prefix with an
 * `apiBase` is taken as an OpenAI-compatible server. Unknown providers and missing base URLs throw at once.
 */
export function resolveLanguageModel(model: string, options: ResolveOptions = {}): Resolved<LanguageModel> {
  const { provider, modelId } = splitModel(model);
  const { registration, settings } = endpointFor(provider, options);
  return withFactory(registration, (factory) => {
    if (!factory.languageModel) {
      throw new LMConfigurationError(`The ${provider} provider serves no language models.`, { model, provider });
    }
    return factory.languageModel(modelId, settings);
  });
}

/** The embedding model for a model string (`"openai/text-embedding-3-small"`, `"gemini/text-embedding-004"`, …). */
export function resolveEmbeddingModel(model: string, options: ResolveOptions = {}, params: Record<string, unknown> = {}): Resolved<EmbeddingModel> {
  const { provider, modelId } = splitModel(model);
  const { registration, settings } = endpointFor(provider, options);
  return withFactory(registration, (factory) => {
    if (!factory.embeddingModel) {
      throw new LMConfigurationError(`The ${provider} provider has no embeddings API; use another provider's embedding model.`, { model, provider });
    }
    return factory.embeddingModel(modelId, settings, params);
  });
}

/** A model object of another library (an AI SDK model, …) as a tsdspy model, or `null` if no provider wraps it. */
export function wrapLanguageModel(model: object): Resolved<LanguageModel> | null {
  for (const registration of clientsRoot().providers.values()) {
    if (registration.wraps?.(model)) {
      return withFactory(registration, (factory) => {
        if (!factory.wrap) throw new LMConfigurationError(`The ${registration.name} provider registered \`wraps\` but its code has no \`wrap\`.`);
        return factory.wrap(model);
      });
    }
  }
  return null;
}

/** Runs `build` with the registration's code: at once when loaded, else after loading it (once per `load`). */
function withFactory<T>(registration: ProviderRegistration, build: (factory: ProviderFactory) => T): Resolved<T> {
  const factories = clientsRoot().factories;
  let factory = factories.get(registration.load);
  if (factory === undefined) {
    const loading = registration.load().then(
      (loaded) => {
        factories.set(registration.load, loaded);
        return loaded;
      },
      (error: unknown) => {
        factories.delete(registration.load);
        throw new LMConfigurationError(
          `Could not load the code of the ${registration.name} provider: ${error instanceof Error ? error.message : String(error)}`,
          { provider: registration.name, cause: error },
        );
      },
    );
    factories.set(registration.load, loading);
    factory = loading;
  }
  return factory instanceof Promise ? factory.then(build) : build(factory);
}

/** The registration serving a prefix and the endpoint settings its factory receives. */
function endpointFor(provider: string, options: ResolveOptions): { registration: ProviderRegistration; settings: ProviderModelSettings } {
  const registration = registrationFor(provider, options);
  const baseURL = baseURLFor(provider, registration, options);
  const settings: ProviderModelSettings = {
    provider,
    modelType: options.modelType ?? "chat",
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(baseURL ? { baseURL } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.capabilities ? { capabilities: options.capabilities } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(registration.apiKeyEnvVars ? { apiKeyEnvVars: registration.apiKeyEnvVars } : {}),
    ...(registration.requireApiKey === false ? { requireApiKey: false } : {}),
  };
  return { registration, settings };
}

/** The prefix's registration; an unknown prefix with an `apiBase` is an OpenAI-compatible server (as in DSPy). */
function registrationFor(provider: string, options: ResolveOptions): ProviderRegistration {
  const registration = clientsRoot().providers.get(provider);
  if (registration && !registration.wraps) return registration;
  const openai = clientsRoot().providers.get("openai");
  if (options.apiBase && openai) {
    return { name: provider, apiKeyEnvVars: [`${provider.toUpperCase()}_API_KEY`], requireApiKey: false, load: openai.load };
  }
  const known = registeredProviders();
  if (known.length === 0) {
    throw new LMConfigurationError(
      `Unknown provider "${provider}": no provider is registered. Import LM from "tsdspy" (the package root registers ` +
        'the built-in providers; code inside src/ imports "providers/builtin-providers.js"), or call registerProvider().',
      { provider },
    );
  }
  throw new LMConfigurationError(
    `Unknown provider "${provider}". Use one of ${known.join(", ")}; ` +
      "or pass apiBase to reach an OpenAI-compatible server, or pass a LanguageModel instance, " +
      "or register the provider with registerProvider().",
    { provider },
  );
}

function baseURLFor(provider: string, registration: ProviderRegistration, options: ResolveOptions): string | undefined {
  let url = options.apiBase;
  for (const name of registration.baseURLEnvVars ?? []) url ??= process.env[name] || undefined;
  url ??= registration.baseURL;
  if (url === undefined) {
    if (registration.requireBaseURL) {
      throw new LMNotConfiguredError(
        `The ${provider} provider needs a base URL: pass apiBase (e.g. "http://localhost:8000/v1") or set ${(registration.baseURLEnvVars ?? []).join(" or ")}.`,
        { provider },
      );
    }
    return undefined;
  }
  url = url.replace(/\/+$/, "");
  if (registration.basePathSuffix && !url.endsWith(registration.basePathSuffix)) url += registration.basePathSuffix;
  return url;
}
