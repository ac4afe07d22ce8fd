import { checkAnswersList } from "./answers-list.js";
import { normalizedTokens } from "./normalize-text.js";
import { tokenOverlap } from "./token-overlap.js";

/** Token F1 of two token lists; 0 when they share nothing (also when both are empty, as in DSPy). */
export function tokenF1(predictionTokens: readonly string[], groundTruthTokens: readonly string[]): number {
  const shared = tokenOverlap(predictionTokens, groundTruthTokens);
  if (shared === 0) return 0;
  const precision = shared / predictionTokens.length;
  const recall = shared / groundTruthTokens.length;
  return (2 * precision * recall) / (precision + recall);
}

/** Token-level F1 between the normalized prediction and reference. */
export function f1Score(prediction: string, groundTruth: string): number {
  return tokenF1(normalizedTokens(prediction), normalizedTokens(groundTruth));
}

/**
 * The best token-level F1 against any reference (DSPy's `F1`).
 *
 * @example
 * F1("Eiffel Tower is in Paris", ["Paris"]) // 0.333…
 */
export function F1(prediction: string, answersList: string[]): number {
  checkAnswersList(answersList);
  return Math.max(...answersList.map((answer) => f1Score(prediction, answer)));
}
