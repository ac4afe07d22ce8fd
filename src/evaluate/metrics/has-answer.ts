import { dprNormalize } from "./dpr-normalize.js";

/**
 * Whether any tokenized answer occurs as a run of consecutive DPR tokens of `text` (DSPy's `has_answer`).
 * An empty answer occurs in every text.
 */
export function hasAnswer(tokenizedAnswers: readonly (readonly string[])[], text: string): boolean {
  const tokens = dprNormalize(text);
  return tokenizedAnswers.some((answer) => {
    for (let start = 0; start + answer.length <= tokens.length; start++) {
      if (answer.every((token, offset) => tokens[start + offset] === token)) return true;
    }
    return false;
  });
}
