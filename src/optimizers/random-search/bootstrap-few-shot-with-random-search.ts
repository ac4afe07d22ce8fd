import type { Logger } from "../../context/logger.js";
import { getSettings, type Settings } from "../../context/settings.js";
import { ValueError } from "../../errors/value-error.js";
import { Evaluate } from "../../evaluate/evaluate.js";
import type { Metric, MetricScore } from "../../evaluate/metric.js";
import type { Example } from "../../primitives/example.js";
import type { Module } from "../../primitives/module.js";
import { requireInputKeys } from "../../primitives/require-input-keys.js";
import { pyFloatRepr } from "../../python/pyfmt.js";
import { PythonRandom } from "../../python/python-random.js";
import { BootstrapFewShot } from "../bootstrap-few-shot/bootstrap-few-shot.js";
import { LabeledFewShot } from "../labeled-few-shot/labeled-few-shot.js";
import { evaluateWithinBudget } from "../run/evaluate-within-budget.js";
import { OptimizerRun } from "../run/optimizer-run.js";
import { attachRunReport, type RunReport } from "../run/run-report.js";
import { resolveRunOptions, type ResolvedRunOptions, type RunOptions } from "../run/run-options.js";
import { optimizerLines, optimizerProgress } from "../run/optimizer-output.js";
import { resolveOptimizerLogger } from "../run/progress-logger.js";
import { demoPredictors } from "../shared/demo-predictor.js";
import { printLine, type OptimizerOutput } from "../shared/print-line.js";
import { programDemos, withProgramDemos } from "../shared/program-demos.js";
import { Teleprompter, type CompileOptions } from "../teleprompter.js";

export interface BootstrapFewShotWithRandomSearchOptions extends RunOptions {
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
  /**
   * Seed of the candidates' shuffles and samples. The default 0 gives DSPy's candidates (`Random(i)` for candidate
   * `i`); another seed `s` uses `Random(s * 1000003 + i)`, and `s` for the labeled sample and `BootstrapFewShot`.
   */
  seed?: number;
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

/** The best program, with every candidate by decreasing score and the run's report. */
export type RandomSearchResult<M extends Module> = M & { candidatePrograms: Array<CandidateProgram<M>>; runReport: RunReport };

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
  readonly seed: number;
  /** Budget, run directory, trial log and logger of the runs (see docs/optimizer-runs.md). */
  readonly runOptions: ResolvedRunOptions;
  readonly #output: OptimizerOutput | undefined;
  readonly #displayProgress: boolean;

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
    this.seed = options.seed ?? 0;
    this.runOptions = resolveRunOptions(options, { trackStats: false });
    this.#output = options.output;
    this.#displayProgress = options.displayProgress ?? true;
    const lines = optimizerLines(this.#output, resolveOptimizerLogger(this.runOptions.logger));
    printLine(lines, `Going to sample between ${this.minNumSamples} and ${this.maxNumSamples} traces per predictor.`);
    printLine(lines, `Will attempt to bootstrap ${this.numCandidateSets} candidate sets.`);
  }

  override compile<M extends Module>(student: M, options: RandomSearchCompileOptions): Promise<RandomSearchResult<M>> {
    return super.compile(student, options) as Promise<RandomSearchResult<M>>;
  }

  protected async doCompile<M extends Module>(student: M, options: RandomSearchCompileOptions): Promise<M> {
    const { trainset, teacher } = options;
    if (trainset.length === 0) throw new ValueError("BootstrapFewShotWithRandomSearch needs at least one training example; the trainset is empty.");
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
    const candidateSeeds = restrict ? seeds.filter((seed) => restrict.has(seed)) : seeds;
    const labeledSample = options.labeledSample ?? true;
    const maxErrors = this.maxErrors ?? getSettings().maxErrors;
    const run = await OptimizerRun.open({
      optimizer: "BootstrapFewShotWithRandomSearch",
      fingerprint: {
        student,
        teacher: teacher ?? null,
        trainset,
        valset,
        candidateSeeds,
        labeledSample,
        metric: this.metric,
        metricThreshold: this.metricThreshold,
        teacherSettings: this.teacherSettings,
        maxBootstrappedDemos: this.maxNumSamples,
        maxLabeledDemos: this.maxLabeledDemos,
        maxRounds: this.maxRounds,
        seed: this.seed,
      },
      ...this.runOptions,
    });
    this.announce(run, student, candidateSeeds, trainset.length, valset.length);
    const metric = run.countMetric(this.metric);
    const lines = optimizerLines(this.#output, run.logger);

    const scores: number[] = [];
    const candidates: Array<CandidateProgram<M>> = [];
    let best: M | null = null;
    let current = candidateSeeds[0] as number;
    const stopped = await run.execute(async () => {
      for (const seed of candidateSeeds) {
        current = seed;
        const demos = await run.step(`candidate:${seed}:program`, async () =>
          programDemos(await this.candidate(seed, student, { trainset, teacher: teacher ?? null }, labeledSample, maxErrors, metric, run.logger)),
        );
        const program = withProgramDemos(student, demos);
        const { score, subscores } = await run.step(`candidate:${seed}:evaluate`, async () => {
          const result = await this.evaluate(program, valset, maxErrors, metric, run.logger);
          return { score: result.score, subscores: result.results.map(([, , subscore]) => subscore) };
        });
        if (scores.length === 0 || score > Math.max(...scores)) {
          printLine(lines, `New best score: ${pyFloatRepr(score)} for seed ${seed}`);
          best = program;
        }
        scores.push(score);
        printLine(lines, `Scores so far: [${scores.map(pyFloatRepr).join(", ")}]`);
        printLine(lines, `Best score so far: ${pyFloatRepr(Math.max(...scores))}`);
        candidates.push({ score, subscores, seed, program });
        await run.logTrial({ kind: "candidate", score, evalSize: valset.length, bestScore: Math.max(...scores), extra: { seed } });
        if (this.stopAtScore !== null && score >= this.stopAtScore) {
          printLine(lines, `Stopping early because score ${pyFloatRepr(score)} is >= stop_at_score ${pyFloatRepr(this.stopAtScore)}`);
          break;
        }
      }
    });
    const result = (best ?? student.resetCopy()) as RandomSearchResult<M>;
    // A stable sort by decreasing score, as Python's sorted(..., reverse=True).
    result.candidatePrograms = candidates.map((c, i) => [c, i] as const).sort((a, b) => b[0].score - a[0].score || a[1] - b[1]).map(([c]) => c);
    printLine(lines, `${result.candidatePrograms.length} candidate programs found.`);
    const left = candidateSeeds.slice(candidateSeeds.indexOf(current));
    const top = result.candidatePrograms[0];
    return attachRunReport(
      result,
      run.finish(
        stopped
          ? {
              cutShort: `${left.length} of ${candidateSeeds.length} candidates (${seedList(left)}; the unfinished work on seed ${current} is dropped)`,
              kept: top
                ? `the best of the ${candidates.length} scored candidate(s) (seed ${top.seed}, score ${pyFloatRepr(top.score)})`
                : "the uncompiled student (no candidate was scored)",
            }
          : {},
      ),
    );
  }

  /** Logs what the search plans to spend: evaluations of every candidate, plus bootstrapping at most. */
  private announce(run: OptimizerRun, student: Module, candidateSeeds: number[], trainSize: number, valSize: number): void {
    const predictors = demoPredictors(student).length;
    const bootstrapped = candidateSeeds.filter((seed) => seed >= -1).length;
    const evaluation = candidateSeeds.length * valSize * predictors;
    const bootstrapping = bootstrapped * trainSize * this.maxRounds * predictors;
    run.announce({
      lmCalls: evaluation + bootstrapping,
      lines: [
        `BootstrapFewShotWithRandomSearch plans at most about ${evaluation + bootstrapping} LM calls: ${candidateSeeds.length} ` +
          `candidates x ${valSize} validation examples x ${predictors} predictor(s) = ${evaluation} to evaluate, plus up to ` +
          `${bootstrapping} to bootstrap (${bootstrapped} candidates x ${trainSize} training examples x ${this.maxRounds} ` +
          `round(s) x ${predictors} predictor(s)).`,
      ],
    });
  }

  /** The RNG seed of candidate `seed`: DSPy's own with the default seed 0. */
  private rngSeed(seed: number): number {
    return this.seed === 0 ? seed : this.seed * 1_000_003 + seed;
  }

  /** The candidate program of one seed. */
  private async candidate<M extends Module>(
    seed: number,
    student: M,
    options: { trainset: Example[]; teacher: Module | null },
    labeledSample: boolean,
    maxErrors: number,
    metric: Metric<any>,
    logger: Logger,
  ): Promise<M> {
    const trainset = [...options.trainset];
    if (seed === -3) return student.resetCopy();
    if (seed === -2) {
      return new LabeledFewShot({ k: this.maxLabeledDemos, seed: this.seed }).compile(student, { trainset, sample: labeledSample });
    }
    let size = this.maxNumSamples;
    if (seed >= 0) {
      new PythonRandom(this.rngSeed(seed)).shuffle(trainset);
      size = new PythonRandom(this.rngSeed(seed)).randint(this.minNumSamples, this.maxNumSamples) as number;
    }
    const optimizer = new BootstrapFewShot({
      metric,
      metricThreshold: this.metricThreshold,
      maxBootstrappedDemos: size,
      maxLabeledDemos: this.maxLabeledDemos,
      teacherSettings: this.teacherSettings,
      maxRounds: this.maxRounds,
      maxErrors,
      seed: this.seed,
      budgetExhaustion: "throw",
      logger,
      output: optimizerLines(this.#output, logger),
      progress: optimizerProgress(this.#output, logger) ?? false,
    });
    return optimizer.compile(student, { trainset, teacher: options.teacher });
  }

  /** Evaluates on the validation set; a budget running out stops the search with the `BudgetExceededError` itself. */
  private evaluate(program: Module, valset: Example[], maxErrors: number, metric: Metric<any>, logger: Logger) {
    const progress = optimizerProgress(this.#output, logger);
    const evaluate = new Evaluate({
      devset: valset,
      metric,
      ...(this.numThreads !== undefined ? { numThreads: this.numThreads } : {}),
      maxErrors,
      displayTable: false,
      displayProgress: this.#displayProgress && progress !== undefined,
      ...(progress ? { output: progress } : {}),
      ...(this.runOptions.clock ? { clock: this.runOptions.clock } : {}),
    });
    return evaluateWithinBudget(evaluate, program, { metric });
  }
}

/** `seeds -1 to 15`, or the seeds themselves when they are few or not consecutive. */
function seedList(seeds: readonly number[]): string {
  const consecutive = seeds.every((seed, i) => i === 0 || seed === (seeds[i - 1] as number) + 1);
  if (seeds.length === 1) return `seed ${seeds[0]}`;
  return consecutive && seeds.length > 3 ? `seeds ${seeds[0]} to ${seeds.at(-1)}` : `seeds ${seeds.join(", ")}`;
}

/** DSPy's short name for `BootstrapFewShotWithRandomSearch`. */
export const BootstrapRS = BootstrapFewShotWithRandomSearch;
export type BootstrapRS = BootstrapFewShotWithRandomSearch;
