import type { LMUsage } from "../lm/lm-usage.js";
import { DEFAULT_PRICES } from "./default-prices.js";
import type { ModelPrice } from "./model-price.js";

/**
 * Prices per model, immutable: `with()` returns an extended copy. Cost is computed from usage; a model without a
 * price, or a usage the price cannot account for (e.g. cached tokens without a cached price), costs `null`.
 *
 * @example
 * const prices = PriceTable.defaults().with({ "ollama/llama3.2": { input: 0, output: 0 } });
 * const lm = new LM("ollama/llama3.2", { prices });
 */
export class PriceTable {
  private readonly prices: ReadonlyMap<string, ModelPrice>;

  constructor(prices: Readonly<Record<string, ModelPrice>> = {}) {
    this.prices = new Map(Object.entries(prices));
  }

  /** The built-in list prices (see `DEFAULT_PRICES`). */
  static defaults(): PriceTable {
    return new PriceTable(DEFAULT_PRICES);
  }

  /** A copy with these prices added or replaced. */
  with(prices: Readonly<Record<string, ModelPrice>>): PriceTable {
    return new PriceTable({ ...Object.fromEntries(this.prices), ...prices });
  }

  priceOf(model: string): ModelPrice | undefined {
    return this.prices.get(model);
  }

  /** Dollars for one call of `model` with this usage, or `null` when the price is unknown. */
  costOf(model: string, usage: LMUsage): number | null {
    const price = this.prices.get(model);
    return price ? costFromPrice(price, usage) : null;
  }
}

/** Dollars for a usage at a price, or `null` when the price does not cover it. */
export function costFromPrice(base: ModelPrice, usage: LMUsage): number | null {
  const prompt = usage.prompt_tokens ?? 0;
  const completion = usage.completion_tokens ?? 0;
  const price = base.longContext && prompt > base.longContext.threshold ? { ...base, ...base.longContext } : base;
  const cached = Number(usage.prompt_tokens_details?.cached_tokens ?? 0);
  const written = Number(usage.cache_creation_input_tokens ?? 0);
  if (cached > 0 && price.cachedInput === undefined) return null;
  if (written > 0 && price.cacheWrite === undefined) return null;
  const uncached = Math.max(0, prompt - cached - written);
  const dollars =
    uncached * price.input + cached * (price.cachedInput ?? 0) + written * (price.cacheWrite ?? 0) + completion * price.output;
  return dollars / 1_000_000;
}

/** The most dollars a call with this many prompt and completion tokens can cost at a price (every surcharge assumed). */
export function worstCaseCost(price: ModelPrice, promptTokens: number, completionTokens: number): number {
  const long = price.longContext;
  const input = Math.max(price.input, price.cacheWrite ?? 0, long && promptTokens > long.threshold ? long.input : 0);
  const output = Math.max(price.output, long && promptTokens > long.threshold ? long.output : 0);
  return (promptTokens * input + completionTokens * output) / 1_000_000;
}
