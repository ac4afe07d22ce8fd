import { ValueError } from "../../errors/value-error.js";
import { pyClassRepr } from "../../python/py-class-repr.js";
import { EM } from "./em.js";
import { F1 } from "./f1.js";

/** A record read for its fields (an Example, a Prediction or a plain object). */
export type Fields = Record<string, any>;

/** The reference answers of an example: a string or a list of strings. */
export function referenceAnswers(example: Fields): string[] {
  const answer: unknown = example.answer;
  if (typeof answer === "string") return [answer];
  if (Array.isArray(answer)) return answer as string[];
  throw new ValueError(`Invalid answer type: ${pyClassRepr(answer)}`);
}

/**
 * Whether `pred.answer` matches `example.answer` (a string or a list of accepted strings), DSPy's
 * `answer_exact_match`: exact match after `normalizeText` when `frac >= 1`, else a token F1 of at least `frac`.
 *
 * @example
 * answerExactMatch(new Example({ answer: ["Eiffel Tower", "Louvre"] }), new Prediction({ answer: "The Eiffel Tower" })) // true
 */
export function answerExactMatch(example: Fields, pred: Fields, _trace?: unknown, frac = 1.0): boolean {
  const answers = referenceAnswers(example);
  const prediction = pred.answer as string;
  return frac >= 1.0 ? EM(prediction, answers) : F1(prediction, answers) >= frac;
}
