import { Module } from "../../primitives/module.js";
import { Prediction } from "../../primitives/prediction.js";
import { canonicalJson } from "../../utils/canonical-json.js";
import { sha256Hex } from "../../utils/hash.js";
import { PythonRandom } from "../../python/python-random.js";
import { ValueError } from "../../errors/value-error.js";

type Fields = Record<string, any>;

/** Combines the programs' outputs into one prediction, e.g. `majority`. */
export type ReduceFn = (outputs: Prediction[]) => Prediction | Promise<Prediction>;

export interface EnsembleOptions {
  /** Combines the outputs; without one the result holds every output as a completion (see `EnsembledProgram`). */
  reduceFn?: ReduceFn | null;
  /** Run a random subset of this many programs per call instead of all of them. */
  size?: number | null;
  /** Choose the subset from the inputs (same inputs, same programs) instead of from a running RNG. */
  deterministic?: boolean;
  /** Seed of the RNG that picks subsets when not deterministic (default 0). */
  seed?: number;
}

/**
 * The program `Ensemble.compile` returns: runs its programs (or `size` of them) on the same inputs, one after the
 * other, and reduces the outputs. `callAll` returns the outputs themselves (DSPy's result without `reduce_fn`).
 */
export class EnsembledProgram<I extends Fields = Fields> extends Module<I, Prediction> {
  programs: Module[];
  reduceFn: ReduceFn | null;
  size: number | null;
  deterministic: boolean;
  /** Picks the subsets when not deterministic (shared by copies of this program). */
  readonly rng: PythonRandom;

  constructor(programs: Module[], options: EnsembleOptions) {
    super();
    this.programs = programs;
    this.reduceFn = options.reduceFn ?? null;
    this.size = options.size ?? null;
    this.deterministic = options.deterministic ?? false;
    this.rng = new PythonRandom(options.seed ?? 0);
  }

  /** The programs run for these inputs. */
  chosen(inputs: I): Module[] {
    if (!this.size) return this.programs;
    const rng = this.deterministic ? new PythonRandom(sha256Hex(canonicalJson(inputs))) : this.rng;
    return rng.sample(this.programs, this.size);
  }

  /** Every chosen program's output, in order. */
  async callAll(inputs: I): Promise<Prediction[]> {
    const outputs: Prediction[] = [];
    for (const program of this.chosen(inputs)) outputs.push((await program.call(inputs)) as Prediction);
    return outputs;
  }

  /** The reduced output; without `reduceFn`, a Prediction whose completions are the outputs (first one on top). */
  async forward(inputs: I): Promise<Prediction<Fields>> {
    const outputs = await this.callAll(inputs);
    if (this.reduceFn) return this.reduceFn(outputs);
    return Prediction.fromCompletions(outputs.map((output) => Object.fromEntries(output.items())));
  }
}

/**
 * Combines several programs into one (DSPy's `Ensemble`): the result runs all of them, or a random `size` of them,
 * and reduces their outputs with `reduceFn` (commonly `majority`).
 *
 * @example
 * const ensemble = new Ensemble({ reduceFn: majority, size: 3 }).compile(candidates);
 * const { answer } = await ensemble.call({ question });
 */
export class Ensemble {
  readonly reduceFn: ReduceFn | null;
  readonly size: number | null;
  readonly deterministic: boolean;
  readonly seed: number;

  constructor(options: EnsembleOptions = {}) {
    this.reduceFn = options.reduceFn ?? null;
    this.size = options.size ?? null;
    this.deterministic = options.deterministic ?? false;
    this.seed = options.seed ?? 0;
    if (this.size !== null && (!Number.isInteger(this.size) || this.size < 0)) {
      throw new ValueError(`Ensemble size must be a whole number >= 0, got ${this.size}.`);
    }
  }

  /** The ensembled program over `programs` (they are shared, not copied, as in DSPy). */
  compile<I extends Fields = Fields>(programs: Module[]): EnsembledProgram<I> {
    if (this.size && this.size > programs.length) {
      throw new ValueError(`Ensemble size ${this.size} is larger than the ${programs.length} programs given.`);
    }
    return new EnsembledProgram<I>(programs, {
      reduceFn: this.reduceFn,
      size: this.size,
      deterministic: this.deterministic,
      seed: this.seed,
    });
  }
}
