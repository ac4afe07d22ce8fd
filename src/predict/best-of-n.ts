import { recordTrace, withTrace } from "../context/with-trace.js";
import type { TraceEntry } from "../context/trace-entry.js";
import { RewardRollouts, type RewardRolloutOptions } from "./reward-rollouts.js";
import type { Prediction } from "../primitives/prediction.js";
import { rolloutLm } from "./rollout-lm.js";
import { rethrowIfCancelled } from "../context/with-signal.js";

type Fields = Record<string, any>;

export type BestOfNOptions<I extends Fields = Fields, O extends Fields = Fields> = RewardRolloutOptions<I, O, number>;

/**
 * Runs a module up to N times, each with a different rollout id at temperature 1.0, and returns the prediction with the
 * highest reward, or the first that reaches `threshold` (DSPy's `dspy.BestOfN`). The winner's trace is kept.
 *
 * @example
 * const oneWord = (_: unknown, pred: { answer: string }) => (pred.answer.split(/\s+/).length === 1 ? 1 : 0);
 * const best = new BestOfN(new ChainOfThought("question -> answer"), { N: 3, rewardFn: oneWord, threshold: 1 });
 */
export class BestOfN<I extends Fields = Fields, O extends Fields = Fields> extends RewardRollouts<I, O, number> {
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
        const reward = Number(await withTrace(() => this.rewardFn(inputs, pred)).then((r) => r.result));
        if (reward > bestReward) [bestReward, bestPred, bestTrace] = [reward, pred, trace];
        if (reward >= this.threshold) break;
      } catch (error) {
        rethrowIfCancelled(error);
        this.attemptFailed(`BestOfN: Attempt ${idx + 1} failed with rollout id ${rid}`, idx, error);
      }
    }
    if (bestTrace && bestTrace.length) for (const [predictor, traceInputs, output] of bestTrace) recordTrace(predictor, traceInputs, output);
    return bestPred as Prediction<O>;
  }
}
