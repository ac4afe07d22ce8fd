import { ValueError } from "../../errors/value-error.js";
import type { Example } from "../../primitives/example.js";
import type { Module } from "../../primitives/module.js";
import { PythonRandom } from "../../python/python-random.js";
import { demoPredictors } from "../shared/demo-predictor.js";
import { Teleprompter } from "../teleprompter.js";

export interface LabeledFewShotOptions {
  /** Demos per predictor (default 16). */
  k?: number;
  /** Seed of the sample (DSPy's `Random(0)`: default 0). */
  seed?: number;
}

export interface LabeledFewShotCompileOptions {
  trainset: Example[];
  /** Sample the demos at random (`Random(seed)`, DSPy's `Random(0)`) instead of taking the first `k` (default true). */
  sample?: boolean;
}

/**
 * Gives every predictor up to `k` labeled training examples as demos (DSPy's `LabeledFewShot`): a random sample from
 * one `Random(seed)` (default 0, as DSPy) shared by all predictors, or the first `k` with `sample: false`.
 *
 * @example
 * const fewShot = await new LabeledFewShot({ k: 8 }).compile(program, { trainset });
 */
export class LabeledFewShot extends Teleprompter<LabeledFewShotCompileOptions> {
  readonly k: number;
  readonly seed: number;

  constructor(options: LabeledFewShotOptions = {}) {
    super();
    this.k = options.k ?? 16;
    if (!Number.isInteger(this.k) || this.k < 0) {
      throw new ValueError(`LabeledFewShot: k must be a whole number >= 0 (the demos per predictor), got ${String(this.k)}.`);
    }
    this.seed = options.seed ?? 0;
  }

  protected async doCompile<M extends Module>(student: M, options: LabeledFewShotCompileOptions): Promise<M> {
    const program = student.resetCopy();
    const { trainset } = options;
    if (trainset.length === 0) return program;
    const size = Math.min(this.k, trainset.length);
    const rng = new PythonRandom(this.seed);
    for (const [, predictor] of demoPredictors(program)) {
      predictor.demos = (options.sample ?? true) ? rng.sample(trainset, size) : trainset.slice(0, size);
    }
    return program;
  }
}
