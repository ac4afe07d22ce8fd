import { ValueError } from "../../errors/value-error.js";
import { PythonRandom, type PythonRandomState } from "../../python/python-random.js";

/** A search space of categorical parameters: each parameter's number of choices (its values are 0 … n-1). */
export type CategoricalSpace = Readonly<Record<string, number>>;

/** A finished trial: the choice of every parameter and the objective's value (higher is better). */
export interface TpeTrial {
  params: Readonly<Record<string, number>>;
  value: number;
}

export interface TpeSamplerOptions {
  seed: number;
  /** Trials drawn uniformly at random before the model is used (Optuna's default 10). */
  nStartupTrials?: number;
  /** Candidates drawn from the good-trials model per suggestion (Optuna's default 24). */
  nEiCandidates?: number;
  /** Weight of the uniform prior kernel (Optuna's default 1.0). */
  priorWeight?: number;
}

/** Optuna's default `gamma`: the best 10% of trials (rounded up, at most 25) are the "good" ones. */
function gamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/** Optuna's default weights over trials in order: flat, with a ramp for the oldest beyond the 25 most recent. */
function trialWeights(n: number): number[] {
  if (n < 25) return Array.from({ length: n }, () => 1);
  const ramp = Array.from({ length: n - 25 }, (_, i) => (n - 25 === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (n - 26)));
  return [...ramp, ...Array.from({ length: 25 }, () => 1)];
}

/** A Parzen estimator over categorical parameters: a mixture of one kernel per observation plus a uniform prior. */
class CategoricalParzen {
  readonly mixture: number[];
  /** `kernels[k][param]`: the probability of each choice of `param` under kernel `k`. */
  readonly kernels: Array<Record<string, number[]>>;

  constructor(space: CategoricalSpace, observations: readonly TpeTrial[], priorWeight: number) {
    const weights = [...trialWeights(observations.length), priorWeight];
    const total = weights.reduce((a, b) => a + b, 0);
    this.mixture = weights.map((w) => w / total);
    const nKernels = observations.length + 1;
    this.kernels = [...observations, null].map((observation) => {
      const kernel: Record<string, number[]> = {};
      for (const [param, n] of Object.entries(space)) {
        const row = Array.from({ length: n }, () => priorWeight / nKernels);
        if (observation) row[observation.params[param] as number] = (row[observation.params[param] as number] as number) + 1;
        const sum = row.reduce((a, b) => a + b, 0);
        kernel[param] = row.map((p) => p / sum);
      }
      return kernel;
    });
  }

  logPdf(params: Readonly<Record<string, number>>): number {
    let total = 0;
    this.kernels.forEach((kernel, k) => {
      let p = this.mixture[k] as number;
      for (const [param, row] of Object.entries(kernel)) p *= row[params[param] as number] as number;
      total += p;
    });
    return Math.log(total);
  }

  sample(rng: PythonRandom): Record<string, number> {
    const kernel = this.kernels[pickWeighted(rng, this.mixture)] as Record<string, number[]>;
    return Object.fromEntries(Object.entries(kernel).map(([param, row]) => [param, pickWeighted(rng, row)]));
  }
}

/** An index drawn with the given probabilities (summing to 1). */
function pickWeighted(rng: PythonRandom, probabilities: readonly number[]): number {
  let u = rng.random();
  for (let i = 0; i < probabilities.length; i++) {
    u -= probabilities[i] as number;
    if (u < 0) return i;
  }
  return probabilities.length - 1;
}

/**
 * A seeded Tree-structured Parzen Estimator for categorical parameters, after Optuna's multivariate `TPESampler`
 * (MIPROv2's search): after `nStartupTrials` uniform draws, it splits the trials into the best `gamma(n)` and the rest,
 * models each group as a mixture of one categorical kernel per trial (its choices made likelier) and a uniform prior,
 * draws `nEiCandidates` from the good model and keeps the one with the highest ratio l(x) / g(x).
 *
 * @example
 * const sampler = new TpeSampler({ instruction: 5, demos: 6 }, { seed: 9 });
 * const params = sampler.sample(trials); // { instruction: 3, demos: 0 }
 */
export class TpeSampler {
  readonly space: CategoricalSpace;
  readonly nStartupTrials: number;
  readonly nEiCandidates: number;
  readonly priorWeight: number;
  readonly #rng: PythonRandom;

  constructor(space: CategoricalSpace, options: TpeSamplerOptions) {
    for (const [param, n] of Object.entries(space)) {
      if (!Number.isInteger(n) || n < 1) throw new ValueError(`TpeSampler: parameter \`${param}\` needs at least one choice, got ${n}.`);
    }
    this.space = space;
    this.nStartupTrials = options.nStartupTrials ?? 10;
    this.nEiCandidates = options.nEiCandidates ?? 24;
    this.priorWeight = options.priorWeight ?? 1.0;
    this.#rng = new PythonRandom(options.seed);
  }

  /** The next parameters to try, given every finished trial (in the order they were run). */
  sample(trials: readonly TpeTrial[]): Record<string, number> {
    if (trials.length < this.nStartupTrials) {
      return Object.fromEntries(Object.entries(this.space).map(([param, n]) => [param, this.#rng.randrange(n) as number]));
    }
    const order = trials.map((trial, i) => [trial, i] as const).sort((a, b) => b[0].value - a[0].value || a[1] - b[1]);
    const nBelow = gamma(trials.length);
    const below = order.slice(0, nBelow).sort((a, b) => a[1] - b[1]).map(([trial]) => trial);
    const above = order.slice(nBelow).sort((a, b) => a[1] - b[1]).map(([trial]) => trial);
    const good = new CategoricalParzen(this.space, below, this.priorWeight);
    const bad = new CategoricalParzen(this.space, above, this.priorWeight);
    let best: Record<string, number> | null = null;
    let bestScore = -Infinity;
    for (let i = 0; i < this.nEiCandidates; i++) {
      const candidate = good.sample(this.#rng);
      const score = good.logPdf(candidate) - bad.logPdf(candidate);
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    return best as Record<string, number>;
  }

  /** The RNG's state (for checkpoints). */
  getstate(): PythonRandomState {
    return this.#rng.getstate();
  }
}
