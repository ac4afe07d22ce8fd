import { normalizedTokens } from "./normalize-text.js";
import { tokenOverlap } from "./token-overlap.js";

/**
 * The share of the prediction's normalized tokens found in the reference (DSPy's `precision_score`); 0 without
 * overlap.
 *
 * @example
 * precisionScore("eiffel tower in paris", "eiffel tower") // 0.5
 */
export function precisionScore(prediction: string, groundTruth: string): number {
  const predictionTokens = normalizedTokens(prediction);
  const shared = tokenOverlap(predictionTokens, normalizedTokens(groundTruth));
  return shared === 0 ? 0 : shared / predictionTokens.length;
}
