/** What every HTTP provider accepts when it is created. */
export interface ProviderSettings {
  /** The API's base URL (e.g. `https://api.openai.com/v1`); defaults per provider. */
  baseURL?: string;
  /** The API key; defaults to the provider's environment variable. Never logged, cached or saved. */
  apiKey?: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** A `fetch` implementation (the global one by default). */
  fetch?: typeof globalThis.fetch;
}
