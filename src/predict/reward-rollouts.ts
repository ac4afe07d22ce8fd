import { getSettings } from "../context/settings.js";
import { Module } from "../primitives/module.js";
import type { Prediction } from "../primitives/prediction.js";
import type { RewardFn } from "./rollout-lm.js";

type Fields = Record<string, any>;

/** What BestOfN and Refine share: the module, N attempts, the reward and its threshold, tolerated failures. */
export interface RewardRolloutOptions<I extends Fields, O extends Fields, T> {
  /** Most attempts. */
  N: number;
  /** Scores an attempt: `(inputs, prediction) => number`. */
  rewardFn: RewardFn<I, Prediction<O>>;
  /** Stop at the first attempt whose reward reaches it. */
  threshold: T;
  /** Failed attempts tolerated before the error is thrown (default N). */
  failCount?: number;
}

/** The base of `BestOfN` and `Refine`: runs a module several times and scores each attempt. */
export abstract class RewardRollouts<I extends Fields, O extends Fields, T extends number | null> extends Module<I, Prediction<O>> {
  module: Module<I, Prediction<O>>;
  N: number;
  threshold: T;
  failCount: number;
  protected readonly rewardFn: RewardFn<I, Prediction<O>>;

  constructor(module: Module<I, Prediction<O>>, options: RewardRolloutOptions<I, O, T>) {
    super();
    this.module = module;
    this.N = options.N;
    this.threshold = options.threshold;
    this.failCount = options.failCount || options.N;
    this.rewardFn = options.rewardFn;
  }

  /** DSPy's handling of a failed attempt: report it, rethrow once more than `failCount` attempts failed (kept on the instance). */
  protected attemptFailed(message: string, idx: number, error: unknown): void {
    getSettings().logger.warn(`${message}: ${error instanceof Error ? error.message : String(error)}`);
    if (idx > this.failCount) throw error;
    this.failCount -= 1;
  }
}
