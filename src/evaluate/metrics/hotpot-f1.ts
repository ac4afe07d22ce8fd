import { pySplitWhitespace } from "../../python/py-split-whitespace.js";
import { checkAnswersList } from "./answers-list.js";
import { tokenF1 } from "./f1.js";
import { normalizeText } from "./normalize-text.js";

const SPECIAL = new Set(["yes", "no", "noanswer"]);

/** HotPotQA's F1: 0 when either side normalizes to yes/no/noanswer and they differ, else token F1. */
export function hotpotF1Score(prediction: string, groundTruth: string): number {
  const normalizedPrediction = normalizeText(prediction);
  const normalizedGroundTruth = normalizeText(groundTruth);
  const differ = normalizedPrediction !== normalizedGroundTruth;
  if (differ && (SPECIAL.has(normalizedPrediction) || SPECIAL.has(normalizedGroundTruth))) return 0;
  return tokenF1(pySplitWhitespace(normalizedPrediction), pySplitWhitespace(normalizedGroundTruth));
}

/**
 * The best HotPotQA-style F1 against any reference (DSPy's `HotPotF1`).
 *
 * @example
 * HotPotF1("yes", ["no"]) // 0
 */
export function HotPotF1(prediction: string, answersList: string[]): number {
  checkAnswersList(answersList);
  return Math.max(...answersList.map((answer) => hotpotF1Score(prediction, answer)));
}
