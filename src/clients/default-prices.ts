import type { ModelPrice } from "./model-price.js";

const anthropic = (input: number, output: number): ModelPrice => ({ input, output, cachedInput: input / 10, cacheWrite: input * 1.25 });

/**
 * Published list prices (USD per million tokens) of common models, keyed by tsdspy's `provider/model` strings.
 * Models not listed have no price: their cost is `null`, never a guess. Extend with `PriceTable.with(...)`.
 */
export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = Object.freeze({
  "openai/gpt-4o-mini": { input: 0.15, output: 0.6, cachedInput: 0.075 },
  "openai/gpt-4o-mini-2024-07-18": { input: 0.15, output: 0.6, cachedInput: 0.075 },
  "openai/gpt-4o": { input: 2.5, output: 10, cachedInput: 1.25 },
  "openai/gpt-4o-2024-08-06": { input: 2.5, output: 10, cachedInput: 1.25 },
  "openai/gpt-4o-2024-11-20": { input: 2.5, output: 10, cachedInput: 1.25 },
  "openai/gpt-4o-2024-05-13": { input: 5, output: 15 },
  "openai/gpt-4.1": { input: 2, output: 8, cachedInput: 0.5 },
  "openai/gpt-4.1-mini": { input: 0.4, output: 1.6, cachedInput: 0.1 },
  "openai/gpt-4.1-nano": { input: 0.1, output: 0.4, cachedInput: 0.025 },
  "openai/gpt-5": { input: 1.25, output: 10, cachedInput: 0.125 },
  "openai/gpt-5-mini": { input: 0.25, output: 2, cachedInput: 0.025 },
  "openai/gpt-5-nano": { input: 0.05, output: 0.4, cachedInput: 0.005 },
  "openai/gpt-5-chat-latest": { input: 1.25, output: 10, cachedInput: 0.125 },
  "openai/o1": { input: 15, output: 60, cachedInput: 7.5 },
  "openai/o1-mini": { input: 1.1, output: 4.4, cachedInput: 0.55 },
  "openai/o3": { input: 2, output: 8, cachedInput: 0.5 },
  "openai/o3-mini": { input: 1.1, output: 4.4, cachedInput: 0.55 },
  "openai/o4-mini": { input: 1.1, output: 4.4, cachedInput: 0.275 },
  "openai/gpt-4-turbo": { input: 10, output: 30 },
  "openai/gpt-4": { input: 30, output: 60 },
  "openai/gpt-3.5-turbo": { input: 0.5, output: 1.5 },
  "anthropic/claude-3-haiku-20240307": anthropic(0.25, 1.25),
  "anthropic/claude-3-5-haiku-20241022": anthropic(0.8, 4),
  "anthropic/claude-3-5-haiku-latest": anthropic(0.8, 4),
  "anthropic/claude-3-5-sonnet-20240620": anthropic(3, 15),
  "anthropic/claude-3-5-sonnet-20241022": anthropic(3, 15),
  "anthropic/claude-3-7-sonnet-20250219": anthropic(3, 15),
  "anthropic/claude-3-7-sonnet-latest": anthropic(3, 15),
  "anthropic/claude-sonnet-4-20250514": anthropic(3, 15),
  "anthropic/claude-sonnet-4-0": anthropic(3, 15),
  "anthropic/claude-sonnet-4-5-20250929": anthropic(3, 15),
  "anthropic/claude-sonnet-4-5": anthropic(3, 15),
  "anthropic/claude-haiku-4-5-20251001": anthropic(1, 5),
  "anthropic/claude-haiku-4-5": anthropic(1, 5),
  "anthropic/claude-3-opus-20240229": anthropic(15, 75),
  "anthropic/claude-opus-4-20250514": anthropic(15, 75),
  "anthropic/claude-opus-4-0": anthropic(15, 75),
  "anthropic/claude-opus-4-1-20250805": anthropic(15, 75),
  "anthropic/claude-opus-4-1": anthropic(15, 75),
  "gemini/gemini-2.0-flash": { input: 0.1, output: 0.4, cachedInput: 0.025 },
  "gemini/gemini-2.0-flash-lite": { input: 0.075, output: 0.3 },
  "gemini/gemini-2.5-flash": { input: 0.3, output: 2.5 },
  "gemini/gemini-2.5-flash-lite": { input: 0.1, output: 0.4 },
  "gemini/gemini-2.5-pro": { input: 1.25, output: 10, longContext: { threshold: 200_000, input: 2.5, output: 15 } },
});
