/** Dollars per million tokens for one model. */
export interface ModelPrice {
  /** Uncached prompt tokens. */
  input: number;
  /** Completion tokens (reasoning tokens included, as providers bill them). */
  output: number;
  /** Prompt tokens read from the provider's prompt cache. Unknown → a call that read cached tokens has no known cost. */
  cachedInput?: number;
  /** Prompt tokens written to the provider's prompt cache (Anthropic). */
  cacheWrite?: number;
  /** A higher price for long prompts (Gemini 2.5 Pro above 200k tokens). */
  longContext?: { threshold: number; input: number; output: number; cachedInput?: number };
}
