import { ValueError } from "../../errors/value-error.js";

/** Candidates per `auto` level (DSPy's `AUTO_RUN_SETTINGS`). */
export const AUTO_RUN_SETTINGS = { light: { n: 6 }, medium: { n: 12 }, heavy: { n: 18 } } as const;

export type AutoLevel = keyof typeof AUTO_RUN_SETTINGS;

/**
 * DSPy's `GEPA.auto_budget`: the metric calls an `auto` run may spend — one seed validation, 5 bootstrap trials
 * per candidate, `N = max(4·preds·log2(candidates), 1.5·candidates)` minibatches of `minibatchSize`, and a full
 * validation every `fullEvalSteps` trials (plus one at the end when `N < fullEvalSteps`).
 *
 * @example
 * autoBudget({ numPreds: 1, numCandidates: 6, valsetSize: 10 }); // 560
 */
export function autoBudget(options: { numPreds: number; numCandidates: number; valsetSize: number; minibatchSize?: number; fullEvalSteps?: number }): number {
  const { numPreds, numCandidates, valsetSize } = options;
  const minibatchSize = options.minibatchSize ?? 35;
  const fullEvalSteps = options.fullEvalSteps ?? 5;
  const numTrials = Math.trunc(Math.max(2 * (numPreds * 2) * Math.log2(numCandidates), 1.5 * numCandidates));
  if (numTrials < 0 || valsetSize < 0 || minibatchSize < 0) throw new ValueError("num_trials, valset_size, and minibatch_size must be >= 0.");
  if (fullEvalSteps < 1) throw new ValueError("full_eval_steps must be >= 1.");
  let total = valsetSize + numCandidates * 5 + numTrials * minibatchSize;
  if (numTrials === 0) return total;
  const periodicFulls = Math.floor((numTrials + 1) / fullEvalSteps) + 1;
  const extraFinal = numTrials < fullEvalSteps ? 1 : 0;
  total += (periodicFulls + extraFinal) * valsetSize;
  return total;
}
