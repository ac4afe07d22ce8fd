import type { LMCapabilities } from "../../lm/lm-capabilities.js";
import { loadApiKey, loadOptionalApiKey } from "../shared/load-api-key.js";
import { OPENAI_COMPATIBLE_CAPABILITIES, openAICapabilities } from "./openai-capabilities.js";
import type { ProviderSettings } from "../shared/provider-settings.js";

/** Settings of an OpenAI or OpenAI-compatible endpoint. */
export interface OpenAIProviderSettings extends ProviderSettings {
  /** The provider's name in errors and model strings (`"openai"`, `"ollama"`, `"groq"`, …). Default `"openai"`. */
  name?: string;
  /** Environment variables holding the key, tried in order. Default `["OPENAI_API_KEY"]`. */
  apiKeyEnvVars?: readonly string[];
  /** Whether a call without any key is an error (local servers need none). Default true. */
  requireApiKey?: boolean;
  organization?: string;
  project?: string;
  /** Overrides of what the model supports (JSONAdapter reads these). */
  capabilities?: Partial<LMCapabilities>;
  /** Ask for the usage chunk at the end of a stream (`stream_options.include_usage`). Default true. */
  streamUsage?: boolean;
}

export const OPENAI_BASE_URL = "https://api.openai.com/v1";

/** The resolved endpoint of one OpenAI-compatible provider. */
export class OpenAIEndpoint {
  readonly name: string;
  readonly baseURL: string;
  readonly fetch: typeof globalThis.fetch | undefined;
  readonly #settings: OpenAIProviderSettings;
  private readonly envVars: readonly string[];

  constructor(settings: OpenAIProviderSettings = {}) {
    this.#settings = settings;
    this.name = settings.name ?? "openai";
    this.envVars = settings.apiKeyEnvVars ?? ["OPENAI_API_KEY"];
    this.baseURL = (settings.baseURL ?? process.env.OPENAI_BASE_URL ?? OPENAI_BASE_URL).replace(/\/+$/, "");
    this.fetch = settings.fetch;
  }

  get isOfficial(): boolean {
    return this.baseURL === OPENAI_BASE_URL;
  }

  /** The key for this call (explicit, else from the environment); never stored anywhere else. */
  apiKey(): string | undefined {
    if (this.#settings.requireApiKey === false) return loadOptionalApiKey(this.#settings.apiKey, this.envVars);
    return loadApiKey({ apiKey: this.#settings.apiKey, envVars: this.envVars, description: this.name, provider: this.name });
  }

  headers(apiKey: string | undefined, extra?: Record<string, string>): Record<string, string> {
    return {
      "content-type": "application/json",
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      ...(this.#settings.organization ? { "openai-organization": this.#settings.organization } : {}),
      ...(this.#settings.project ? { "openai-project": this.#settings.project } : {}),
      ...this.#settings.headers,
      ...extra,
    };
  }

  capabilityOverrides(): Partial<LMCapabilities> | undefined {
    return this.#settings.capabilities;
  }

  /** What a model served here supports: OpenAI's table for the official API, JSON mode elsewhere, then overrides. */
  capabilitiesFor(modelId: string): LMCapabilities {
    const base = this.isOfficial ? openAICapabilities(modelId) : OPENAI_COMPATIBLE_CAPABILITIES;
    return Object.freeze({ ...base, ...this.#settings.capabilities });
  }

  streamUsage(): boolean {
    return this.#settings.streamUsage !== false;
  }
}
