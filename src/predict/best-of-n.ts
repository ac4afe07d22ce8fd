import { getSettings } from "../context/settings.js";
import { recordTrace, withTrace } from "../context/with-trace.js";
import type { TraceEntry } from "../context/trace-entry.js";
import { Module } from "../primitives/module.js";
import type { Prediction } from "../primitives/prediction.js";
import { rolloutLm, type RewardFn } from "./rollout-lm.js";

type Fields = Record<string, any>;

export interface BestOfNOptions<I extends Fields = Fields, O extends Fields = Fields> {
  /** Most attempts. */
  N: number;
  /** Scores an attempt: `(inputs, prediction) => number`. */
  rewardFn: RewardFn<I, Prediction<O>>;
  /** Stop at the first attempt whose reward reaches it. */
  threshold: number;
  /** Failed attempts tolerated before the error is thrown (default N). */
  failCount?: number;
}

/**
 * Runs a module up to N times, each with a different rollout id at temperature 1.0, and returns the prediction with the
 * highest reward, or the first that reaches `threshold` (DSPy's `dspy.BestOfN`). The winner's trace is kept.
 *
 * @example
 * const oneWord = (_: unknown, pred: { answer: string }) => (pred.answer.split(/\s+/).length === 1 ? 1 : 0);
 * const best = new BestOfN(new ChainOfThought("question -> answer"), { N: 3, rewardFn: oneWord, threshold: 1 });
 */
export class BestOfN<I extends Fields = Fields, O extends Fields = Fields> extends Module<I, O> {
  module: Module<I, O>;
  N: number;
  threshold: number;
  failCount: number;
  readonly #rewardFn: RewardFn<I, Prediction<O>>;

  constructor(module: Module<I, O>, options: BestOfNOptions<I, O>) {
    super();
    this.module = module;
    this.N = options.N;
    this.threshold = options.threshold;
    this.failCount = options.failCount || options.N;
    this.#rewardFn = options.rewardFn;
  }

  override async forward(inputs: I): Promise<Prediction<O>> {
    const { lm, start } = rolloutLm(this.module, "BestOfN");
    let bestPred: Prediction<O> | null = null;
    let bestTrace: readonly TraceEntry[] | null = null;
    let bestReward = -Infinity;
    for (let idx = 0; idx < this.N; idx++) {
      const rid = start + idx;
      const mod = this.module.deepcopy();
      mod.setLm(lm.copy({ rollout_id: rid, temperature: 1.0 }));
      try {
        // The reward is computed inside the attempt's trace scope, as in DSPy, but after the trace was copied.
        const { result: pred, trace } = await withTrace(() => mod.call(inputs));
        const reward = Number(await withTrace(() => this.#rewardFn(inputs, pred)).then((r) => r.result));
        if (reward > bestReward) [bestReward, bestPred, bestTrace] = [reward, pred, trace];
        if (reward >= this.threshold) break;
      } catch (error) {
        getSettings().logger.warn(`BestOfN: Attempt ${idx + 1} failed with rollout id ${rid}: ${error instanceof Error ? error.message : String(error)}`);
        if (idx > this.failCount) throw error;
        this.failCount -= 1;
      }
    }
    if (bestTrace && bestTrace.length) for (const [predictor, traceInputs, output] of bestTrace) recordTrace(predictor, traceInputs, output);
    return bestPred as Prediction<O>;
  }
}
