import { getSettings, type Settings } from "../../context/settings.js";
import { BudgetExceededError } from "../../errors/budget-exceeded-error.js";
import { ValueError } from "../../errors/value-error.js";
import { Evaluate } from "../../evaluate/evaluate.js";
import type { Metric, MetricScore } from "../../evaluate/metric.js";
import type { Example } from "../../primitives/example.js";
import type { Module } from "../../primitives/module.js";
import { requireInputKeys } from "../../primitives/require-input-keys.js";
import type { Clock } from "../../utils/clock.js";
import { pyFloatRepr } from "../../python/pyfmt.js";
import { PythonRandom } from "../../python/python-random.js";
import { BootstrapFewShot } from "../bootstrap-few-shot/bootstrap-few-shot.js";
import { LabeledFewShot } from "../labeled-few-shot/labeled-few-shot.js";
import { printLine, type OptimizerOutput } from "../shared/print-line.js";
import { Teleprompter, type CompileOptions } from "../teleprompter.js";

export interface BootstrapFewShotWithRandomSearchOptions {
  metric: Metric<any>;
  teacherSettings?: Partial<Settings>;
  /** The most augmented demos per predictor; each candidate draws its own count from 1 to this (default 4). */
  maxBootstrappedDemos?: number;
  maxLabeledDemos?: number;
  maxRounds?: number;
  /** Shuffled candidates after the three fixed ones (default 16). */
  numCandidatePrograms?: number;
  /** Examples evaluated at once (default `settings.numThreads`). */
  numThreads?: number;
  maxErrors?: number | null;
  /** Stop as soon as a candidate scores at least this. */
  stopAtScore?: number | null;
  metricThreshold?: number | null;
  /** Where progress lines and progress bars go instead of the settings' logger (standard error by default). */
  output?: OptimizerOutput;
  /** Show Evaluate's progress bar for each candidate (default true, as DSPy). */
  displayProgress?: boolean;
  clock?: Clock;
}

export interface RandomSearchCompileOptions extends CompileOptions {
  /** Evaluate only these candidate seeds (-3 zero-shot, -2 labeled only, -1 unshuffled, 0… shuffled). */
  restrict?: Iterable<number> | null;
  /** Sample the labels-only candidate's demos at random (default true). */
  labeledSample?: boolean;
}

/** One evaluated candidate. */
export interface CandidateProgram<M extends Module = Module> {
  score: number;
  subscores: MetricScore[];
  seed: number;
  program: M;
}

/** The best program, with every candidate by decreasing score. */
export type RandomSearchResult<M extends Module> = M & { candidatePrograms: Array<CandidateProgram<M>> };

/**
 * Bootstraps several candidate demo sets and keeps the program that scores best on the validation set (DSPy's
 * `BootstrapFewShotWithRandomSearch`, alias `BootstrapRS`). Candidates: seed -3 zero-shot, -2 labeled demos only,
 * -1 `BootstrapFewShot` on the trainset as given, then seeds 0… on a trainset shuffled with `Random(seed)` and
 * `randint(1, maxBootstrappedDemos)` augmented demos.
 *
 * @example
 * const optimizer = new BootstrapFewShotWithRandomSearch({ metric, numCandidatePrograms: 8, numThreads: 4 });
 * const best = await optimizer.compile(program, { trainset, valset });
 * best.candidatePrograms[0].score
 */
export class BootstrapFewShotWithRandomSearch extends Teleprompter<RandomSearchCompileOptions> {
  readonly metric: Metric<any>;
  readonly teacherSettings: Partial<Settings>;
  readonly maxRounds: number;
  readonly numThreads: number | undefined;
  readonly stopAtScore: number | null;
  readonly metricThreshold: number | null;
  readonly minNumSamples = 1;
  readonly maxNumSamples: number;
  readonly maxErrors: number | null;
  readonly numCandidateSets: number;
  readonly maxLabeledDemos: number;
  readonly #output: OptimizerOutput | undefined;
  readonly #displayProgress: boolean;
  readonly #clock: Clock | undefined;

  constructor(options: BootstrapFewShotWithRandomSearchOptions) {
    super();
    this.metric = options.metric;
    this.teacherSettings = { ...options.teacherSettings };
    this.maxRounds = options.maxRounds ?? 1;
    this.numThreads = options.numThreads;
    this.stopAtScore = options.stopAtScore ?? null;
    this.metricThreshold = options.metricThreshold ?? null;
    this.maxNumSamples = options.maxBootstrappedDemos ?? 4;
    this.maxErrors = options.maxErrors ?? null;
    this.numCandidateSets = options.numCandidatePrograms ?? 16;
    this.maxLabeledDemos = options.maxLabeledDemos ?? 16;
    this.#output = options.output;
    this.#displayProgress = options.displayProgress ?? true;
    this.#clock = options.clock;
    printLine(this.#output, `Going to sample between ${this.minNumSamples} and ${this.maxNumSamples} traces per predictor.`);
    printLine(this.#output, `Will attempt to bootstrap ${this.numCandidateSets} candidate sets.`);
  }

  override compile<M extends Module>(student: M, options: RandomSearchCompileOptions): Promise<RandomSearchResult<M>> {
    return super.compile(student, options) as Promise<RandomSearchResult<M>>;
  }

  protected async doCompile<M extends Module>(student: M, options: RandomSearchCompileOptions): Promise<M> {
    const { trainset, teacher } = options;
    requireInputKeys(trainset, "BootstrapFewShotWithRandomSearch.compile()", "trainset");
    if (options.valset?.length) requireInputKeys(options.valset, "BootstrapFewShotWithRandomSearch.compile()", "valset");
    const valset = options.valset?.length ? options.valset : trainset;
    const seeds = Array.from({ length: this.numCandidateSets + 3 }, (_, i) => i - 3);
    const restrict = options.restrict == null ? null : new Set(options.restrict);
    if (restrict && !seeds.some((seed) => restrict.has(seed))) {
      throw new ValueError(
        `\`restrict\` {${[...restrict].join(", ")}} does not match any candidate seed in range(-3, ${this.numCandidateSets}); ` +
          "no candidate programs would be evaluated.",
      );
    }
    const maxErrors = this.maxErrors ?? getSettings().maxErrors;
    const scores: number[] = [];
    const candidates: Array<CandidateProgram<M>> = [];
    let best: M | null = null;
    for (const seed of seeds) {
      if (restrict && !restrict.has(seed)) continue;
      const program = await this.candidate(seed, student, { trainset, teacher: teacher ?? null }, options.labeledSample ?? true, maxErrors);
      const result = await this.evaluate(program, valset, maxErrors);
      const score = result.score;
      const subscores = result.results.map(([, , subscore]) => subscore);
      if (scores.length === 0 || score > Math.max(...scores)) {
        printLine(this.#output, `New best score: ${pyFloatRepr(score)} for seed ${seed}`);
        best = program;
      }
      scores.push(score);
      printLine(this.#output, `Scores so far: [${scores.map(pyFloatRepr).join(", ")}]`);
      printLine(this.#output, `Best score so far: ${pyFloatRepr(Math.max(...scores))}`);
      candidates.push({ score, subscores, seed, program });
      if (this.stopAtScore !== null && score >= this.stopAtScore) {
        printLine(this.#output, `Stopping early because score ${pyFloatRepr(score)} is >= stop_at_score ${pyFloatRepr(this.stopAtScore)}`);
        break;
      }
    }
    const result = best as RandomSearchResult<M>;
    // A stable sort by decreasing score, as Python's sorted(..., reverse=True).
    result.candidatePrograms = candidates.map((c, i) => [c, i] as const).sort((a, b) => b[0].score - a[0].score || a[1] - b[1]).map(([c]) => c);
    printLine(this.#output, `${result.candidatePrograms.length} candidate programs found.`);
    return result;
  }

  /** The candidate program of one seed. */
  private async candidate<M extends Module>(
    seed: number,
    student: M,
    options: { trainset: Example[]; teacher: Module | null },
    labeledSample: boolean,
    maxErrors: number,
  ): Promise<M> {
    const trainset = [...options.trainset];
    if (seed === -3) return student.resetCopy();
    if (seed === -2) {
      return new LabeledFewShot({ k: this.maxLabeledDemos }).compile(student, { trainset, sample: labeledSample });
    }
    let size = this.maxNumSamples;
    if (seed >= 0) {
      new PythonRandom(seed).shuffle(trainset);
      size = new PythonRandom(seed).randint(this.minNumSamples, this.maxNumSamples);
    }
    const optimizer = new BootstrapFewShot({
      metric: this.metric,
      metricThreshold: this.metricThreshold,
      maxBootstrappedDemos: size,
      maxLabeledDemos: this.maxLabeledDemos,
      teacherSettings: this.teacherSettings,
      maxRounds: this.maxRounds,
      maxErrors,
      ...(this.#output ? { output: this.#output } : {}),
    });
    return optimizer.compile(student, { trainset, teacher: options.teacher });
  }

  /** Evaluate on the validation set; a budget running out stops the search with the `BudgetExceededError` itself. */
  private async evaluate(program: Module, valset: Example[], maxErrors: number) {
    const evaluate = new Evaluate({
      devset: valset,
      metric: this.metric,
      ...(this.numThreads !== undefined ? { numThreads: this.numThreads } : {}),
      maxErrors,
      displayTable: false,
      displayProgress: this.#displayProgress,
      ...(this.#output ? { output: this.#output } : {}),
      ...(this.#clock ? { clock: this.#clock } : {}),
    });
    const controller = new AbortController();
    let budgetError: BudgetExceededError | null = null;
    const guarded = {
      call: async (inputs: Record<string, unknown>) => {
        try {
          return await program.call(inputs);
        } catch (error) {
          if (error instanceof BudgetExceededError) {
            budgetError ??= error;
            controller.abort();
          }
          throw error;
        }
      },
    };
    try {
      const result = await evaluate.call(guarded, { signal: controller.signal });
      if (budgetError) throw budgetError;
      return result;
    } catch (error) {
      throw budgetError ?? error;
    }
  }
}

/** DSPy's short name for `BootstrapFewShotWithRandomSearch`. */
export const BootstrapRS = BootstrapFewShotWithRandomSearch;
export type BootstrapRS = BootstrapFewShotWithRandomSearch;
