import { checkAnswersList } from "./answers-list.js";
import { normalizeText } from "./normalize-text.js";

/** Whether the two strings are equal after `normalizeText`. */
export function emScore(prediction: string, groundTruth: string): boolean {
  return normalizeText(prediction) === normalizeText(groundTruth);
}

/**
 * Exact match (DSPy's `EM`): true when any reference equals the prediction after `normalizeText`.
 *
 * @example
 * EM("The Eiffel Tower", ["Eiffel Tower", "Louvre"]) // true
 */
export function EM(prediction: string, answersList: string[]): boolean {
  checkAnswersList(answersList);
  return answersList.some((answer) => emScore(prediction, answer));
}
