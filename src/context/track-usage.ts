import { withSettings } from "./settings.js";
import { UsageTracker } from "./usage-tracker.js";

/**
 * Runs `fn` with a fresh usage tracker (DSPy's `with track_usage() as tracker`) and returns its result with the
 * tracker, which holds the usage and cost of every LM call made inside, per model.
 *
 * @example
 * const [prediction, usage] = await trackUsage(() => program.call({ question }));
 * usage.getTotalTokens() // { "openai/gpt-4o-mini": { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 } }
 */
export async function trackUsage<T>(fn: () => T | Promise<T>): Promise<[T, UsageTracker]> {
  const tracker = new UsageTracker();
  const result = await withSettings({ usageTracker: tracker }, fn);
  return [result, tracker];
}
