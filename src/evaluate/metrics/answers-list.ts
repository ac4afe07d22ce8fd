import { ValueError } from "../../errors/value-error.js";
import { pyClassRepr } from "../../python/py-class-repr.js";

/** Checks the reference answers of `EM`/`F1`/`HotPotF1` (DSPy's check and message, plus: not empty). */
export function checkAnswersList(answersList: unknown): asserts answersList is string[] {
  if (!Array.isArray(answersList)) throw new ValueError(`\`answersList\` must be an array of strings, got ${pyClassRepr(answersList)}`);
  if (answersList.length === 0) throw new ValueError("`answersList` is empty: pass at least one reference answer.");
}
