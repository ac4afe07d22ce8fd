import { ValueError } from "../../errors/value-error.js";
import type { Example } from "../../primitives/example.js";
import type { PythonRandom } from "../../python/python-random.js";

/** MIPROv2's run modes: candidates `n` and the validation set size they use (DSPy's `AUTO_RUN_SETTINGS`). */
export const AUTO_RUN_SETTINGS = Object.freeze({
  light: Object.freeze({ n: 6, valSize: 100 }),
  medium: Object.freeze({ n: 12, valSize: 300 }),
  heavy: Object.freeze({ n: 18, valSize: 1000 }),
});

export type AutoMode = keyof typeof AUTO_RUN_SETTINGS;

/** Demos the proposer sees, and the demo limits used for instruction proposal when optimizing zero-shot. */
export const BOOTSTRAPPED_FEWSHOT_EXAMPLES_IN_CONTEXT = 3;
export const LABELED_FEWSHOT_EXAMPLES_IN_CONTEXT = 0;
/** A validation set larger than this is evaluated in minibatches in auto mode. */
export const MIN_MINIBATCH_SIZE = 50;

/**
 * DSPy's trial count for `n` candidates: `int(max(2 * M * log2(n), 1.5 * n))`, M the number of variables (one
 * instruction per predictor, plus one demo set per predictor unless zero-shot).
 */
export function numTrialsFromCandidates(numPredictors: number, zeroshot: boolean, numCandidates: number): number {
  const variables = zeroshot ? numPredictors : numPredictors * 2;
  return Math.trunc(Math.max(2 * variables * Math.log2(numCandidates), 1.5 * numCandidates));
}

/** DSPy's `create_minibatch`: `batchSize` examples (at most all) drawn with `rng.sample`. */
export function createMinibatch<T>(examples: readonly T[], batchSize: number, rng: PythonRandom): T[] {
  const size = Math.min(batchSize, examples.length);
  const indices = rng.sample(
    Array.from({ length: examples.length }, (_, i) => i),
    size,
  );
  return indices.map((i) => examples[i] as T);
}

/** What the run mode decides (DSPy's `_set_hyperparams_from_run_mode`). */
export interface RunModeSettings {
  numTrials: number;
  valset: Example[];
  minibatch: boolean;
  numInstructCandidates: number;
  numFewshotCandidates: number;
}

/**
 * With `auto`: a validation subsample of the preset size (drawn with the optimizer's RNG), minibatches when it is
 * larger than 50, half the candidates for instructions when demos are optimized too, and DSPy's trial formula.
 * Without: the given values.
 */
export function runModeSettings(options: {
  auto: AutoMode | null;
  numPredictors: number;
  numTrials: number | null;
  minibatch: boolean;
  zeroshot: boolean;
  valset: Example[];
  numInstructCandidates: number | null;
  numFewshotCandidates: number | null;
  rng: PythonRandom;
}): RunModeSettings {
  if (options.auto === null) {
    if (options.numInstructCandidates === null || options.numFewshotCandidates === null) {
      throw new ValueError("num_candidates must be provided when auto is None.");
    }
    return {
      numTrials: options.numTrials as number,
      valset: options.valset,
      minibatch: options.minibatch,
      numInstructCandidates: options.numInstructCandidates,
      numFewshotCandidates: options.numFewshotCandidates,
    };
  }
  const preset = AUTO_RUN_SETTINGS[options.auto];
  const valset = createMinibatch(options.valset, preset.valSize, options.rng);
  return {
    valset,
    minibatch: valset.length > MIN_MINIBATCH_SIZE,
    numInstructCandidates: options.zeroshot ? preset.n : Math.trunc(preset.n * 0.5),
    numFewshotCandidates: preset.n,
    numTrials: numTrialsFromCandidates(options.numPredictors, options.zeroshot, preset.n),
  };
}

/** DSPy's `_set_and_validate_datasets`: without a valset, the last 80% of the trainset (at most 1000) becomes one. */
export function splitDatasets(trainset: Example[], valset: Example[] | null | undefined): { trainset: Example[]; valset: Example[] } {
  if (trainset.length === 0) throw new ValueError("Trainset cannot be empty. Pass training examples to `compile(student, { trainset })`.");
  if (valset === null || valset === undefined) {
    if (trainset.length < 2) {
      throw new ValueError("Trainset must have at least 2 examples if no valset specified. Pass a `valset` to compile, or more training examples.");
    }
    const size = Math.min(1000, Math.max(1, Math.trunc(trainset.length * 0.8)));
    const cutoff = trainset.length - size;
    return { trainset: trainset.slice(0, cutoff), valset: trainset.slice(cutoff) };
  }
  if (valset.length < 1) throw new ValueError("Validation set must have at least 1 example. Pass a non-empty `valset`, or leave it out to split one off the trainset.");
  return { trainset, valset };
}
