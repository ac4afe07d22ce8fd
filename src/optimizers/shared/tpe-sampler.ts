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

/**
 * A Parzen estimator over categorical parameters: a mixture of one kernel per observation plus a uniform prior. An
 * observation's kernel gives each parameter's observed choice `(w + 1) / z` and every other choice `w / z`
 * (`w = priorWeight / kernels`, `z = n·w + 1`, n the parameter's choices); the prior kernel is uniform.
 */
class CategoricalParzen {
  readonly mixture: Float64Array;
  /** `observed[k * P + p]`: observation k's choice of parameter p. */
  readonly observed: Int32Array;
  readonly base: Float64Array;
  readonly peak: Float64Array;
  readonly sizes: readonly number[];
  readonly count: number;

  constructor(sizes: readonly number[], names: readonly string[], observations: readonly TpeTrial[], priorWeight: number) {
    const weights = [...trialWeights(observations.length), priorWeight];
    const total = weights.reduce((a, b) => a + b, 0);
    this.mixture = Float64Array.from(weights, (w) => w / total);
    this.count = observations.length;
    this.sizes = sizes;
    const P = sizes.length;
    this.observed = new Int32Array(this.count * P);
    observations.forEach((observation, k) => names.forEach((name, p) => (this.observed[k * P + p] = observation.params[name] as number)));
    const w = priorWeight / (this.count + 1);
    this.base = Float64Array.from(sizes, (n) => w / (n * w + 1));
    this.peak = Float64Array.from(sizes, (n) => (w + 1) / (n * w + 1));
  }

  logPdf(choice: Int32Array): number {
    const P = this.sizes.length;
    let total = 0;
    for (let k = 0; k < this.count; k++) {
      let p = this.mixture[k] as number;
      for (let j = 0; j < P; j++) p *= choice[j] === this.observed[k * P + j] ? (this.peak[j] as number) : (this.base[j] as number);
      total += p;
    }
    let prior = this.mixture[this.count] as number;
    for (const n of this.sizes) prior /= n;
    return Math.log(total + prior);
  }

  sample(rng: PythonRandom): Int32Array {
    const P = this.sizes.length;
    const k = pickWeighted(rng, this.mixture);
    const out = new Int32Array(P);
    for (let j = 0; j < P; j++) {
      const n = this.sizes[j] as number;
      const observed = k === this.count ? -1 : (this.observed[k * P + j] as number);
      const base = k === this.count ? 1 / n : (this.base[j] as number);
      const peak = k === this.count ? 1 / n : (this.peak[j] as number);
      // `pickWeighted` over the kernel's row, without building it.
      let u = rng.random();
      let pick = n - 1;
      for (let c = 0; c < n; c++) {
        u -= c === observed ? peak : base;
        if (u < 0) {
          pick = c;
          break;
        }
      }
      out[j] = pick;
    }
    return out;
  }
}

/** An index drawn with the given probabilities (summing to 1). */
function pickWeighted(rng: PythonRandom, probabilities: ArrayLike<number>): number {
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
    const names = Object.keys(this.space);
    const sizes = names.map((name) => this.space[name] as number);
    const good = new CategoricalParzen(sizes, names, below, this.priorWeight);
    const bad = new CategoricalParzen(sizes, names, above, this.priorWeight);
    let best: Int32Array | null = null;
    let bestScore = -Infinity;
    for (let i = 0; i < this.nEiCandidates; i++) {
      const candidate = good.sample(this.#rng);
      const score = good.logPdf(candidate) - bad.logPdf(candidate);
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    return Object.fromEntries(names.map((name, j) => [name, (best as Int32Array)[j] as number]));
  }

  /** The RNG's state (for checkpoints). */
  getstate(): PythonRandomState {
    return this.#rng.getstate();
  }
}
