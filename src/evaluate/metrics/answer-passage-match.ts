import { ValueError } from "../../errors/value-error.js";
import { pyClassRepr } from "../../python/py-class-repr.js";
import { referenceAnswers, type Fields } from "./answer-exact-match.js";
import { dprNormalize } from "./dpr-normalize.js";
import { hasAnswer } from "./has-answer.js";
import { normalizeText } from "./normalize-text.js";

/**
 * Whether any passage of `pred.context` contains `example.answer` (or one of a list of answers), comparing
 * normalized DPR tokens (DSPy's `answer_passage_match`).
 *
 * @example
 * answerPassageMatch(new Example({ answer: "Eiffel Tower" }), new Prediction({ context: ["The Eiffel Tower is in Paris."] })) // true
 */
export function answerPassageMatch(example: Fields, pred: Fields, _trace?: unknown): boolean {
  const answers = referenceAnswers(example).map((answer) => dprNormalize(normalizeText(answer)));
  const passages: unknown = pred.context;
  if (!Array.isArray(passages)) throw new ValueError(`\`pred.context\` must be a list of passages, got ${pyClassRepr(passages)}.`);
  return passages.some((passage) => hasAnswer(answers, normalizeText(passage)));
}
