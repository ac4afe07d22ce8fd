import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { getSettings, withSettings, type Settings } from "../../context/settings.js";
import { MetricError } from "../../errors/metric-error.js";
import { ValueError } from "../../errors/value-error.js";
import { Evaluate } from "../../evaluate/evaluate.js";
import type { Metric } from "../../evaluate/metric.js";
import type { LMLike } from "../../lm/lm-like.js";
import type { Example } from "../../primitives/example.js";
import type { Module, SignalOption } from "../../primitives/module.js";
import { pyFloatRepr, pyStr } from "../../python/pyfmt.js";
import { PythonRandom } from "../../python/python-random.js";
import { GroundedProposer } from "../propose/grounded-proposer.js";
import { evaluateWithinBudget } from "../run/evaluate-within-budget.js";
import { findBudgetError } from "../run/find-budget-error.js";
import { OptimizerRun } from "../run/optimizer-run.js";
import { resolveOptimizerLogger } from "../run/progress-logger.js";
import { optimizerLines, optimizerProgress } from "../run/optimizer-output.js";
import { attachRunReport, type RunReport } from "../run/run-report.js";
import { resolveRunOptions, type ResolvedRunOptions, type RunOptions } from "../run/run-options.js";
import { createNFewshotDemoSets } from "../shared/create-n-fewshot-demo-sets.js";
import { demoPredictors } from "../shared/demo-predictor.js";
import type { OptimizerOutput } from "../shared/print-line.js";
import { Teleprompter } from "../teleprompter.js";
import { announcePlan } from "./announce-plan.js";
import { checkSearchSize } from "./check-search-size.js";
import {
  AUTO_RUN_SETTINGS,
  BOOTSTRAPPED_FEWSHOT_EXAMPLES_IN_CONTEXT,
  LABELED_FEWSHOT_EXAMPLES_IN_CONTEXT,
  numTrialsFromCandidates,
  runModeSettings,
  splitDatasets,
  type AutoMode,
} from "./mipro-settings.js";
import { searchPromptParameters, type PromptSearchOptions, type PromptSearchState, type ScoredProgram } from "./search-prompt-parameters.js";
import { rethrowIfCancelled } from "../../context/with-signal.js";

export interface MIPROv2Options extends RunOptions {
  metric: Metric<any>;
  /** The model that proposes instructions (default: settings' LM at construction). */
  promptModel?: LMLike | null;
  /** The model that runs the program (default: settings' LM at construction). */
  taskModel?: LMLike | null;
  teacherSettings?: Partial<Settings>;
  maxBootstrappedDemos?: number;
  maxLabeledDemos?: number;
  /** A preset of candidates, trials and validation size (default `light`); `null` for `numCandidates` + `numTrials`. */
  auto?: AutoMode | null;
  numCandidates?: number | null;
  numThreads?: number | null;
  maxErrors?: number | null;
  /** Seed of every random choice (default 9, DSPy's). */
  seed?: number;
  /** Temperature of the instruction proposals (default 1.0). */
  initTemperature?: number;
  /** Log every candidate program's instructions. */
  verbose?: boolean;
  /** Attach trial logs and candidate programs to the result, and every trial to `runReport.trials` (default true). */
  trackStats?: boolean;
  /** Save every evaluated program to `logDir/evaluated_programs/` (DSPy's state files). */
  logDir?: string | null;
  metricThreshold?: number | null;
  /** Where DSPy's printed lines and progress bars go instead of the logger. */
  output?: OptimizerOutput;
  /** Show Evaluate's progress bar per evaluation (default true; drawn on `output`, else the logger's progress stream). */
  displayProgress?: boolean;
  /** What the program-aware proposer shows as `program_code` (default: the program's structure; see docs/compat.md). */
  programCode?: string;
}

export interface MIPROv2CompileOptions {
  trainset: Example[];
  teacher?: Module | null;
  valset?: Example[] | null;
  numTrials?: number | null;
  maxBootstrappedDemos?: number | null;
  maxLabeledDemos?: number | null;
  seed?: number | null;
  minibatch?: boolean;
  minibatchSize?: number;
  minibatchFullEvalSteps?: number;
  programAwareProposer?: boolean;
  dataAwareProposer?: boolean;
  viewDataBatchSize?: number;
  tipAwareProposer?: boolean;
  fewshotAwareProposer?: boolean;
  /** Deprecated in DSPy: `false` warns, `true` is refused. */
  requiresPermissionToRun?: boolean | null;
  provideTraceback?: boolean | null;
}

/** MIPROv2's result: the best program, its run report, and with `trackStats` DSPy's trial logs and candidates. */
export type MIPROv2Result<M extends Module> = M & {
  runReport: RunReport;
  trialLogs?: Record<number, Record<string, unknown>>;
  score?: number | null;
  promptModelTotalCalls?: number;
  totalCalls?: number;
  candidatePrograms?: Array<ScoredProgram<M>>;
  mbCandidatePrograms?: Array<ScoredProgram<M>>;
};

/** DSPy's `auto` check message (a Python set's order, as DSPy 3.3.1 printed it when captured). */
const ALLOWED_AUTO = "{'light', 'heavy', None, 'medium'}";

/**
 * MIPROv2 (DSPy's `dspy.MIPROv2`): jointly optimizes instructions and few-shot demos. Step 1 bootstraps candidate demo
 * sets (as BootstrapRS does); step 2 proposes candidate instructions per predictor with a grounded proposer (dataset
 * summary, program description, demos, random tips); step 3 searches (instruction, demo set) per predictor with a
 * seeded TPE over minibatch evaluations, fully evaluating the most promising combinations. Runs on tsdspy's run
 * machinery: `budget`, best-so-far on exhaustion, `runDir` checkpoints, trial logs.
 *
 * @example
 * const optimizer = new MIPROv2({ metric, auto: "light", budget: { lmCalls: 3000 } });
 * const optimized = await optimizer.compile(program, { trainset, valset });
 * optimized.runReport.trials // every trial, with trackStats
 */
export class MIPROv2 extends Teleprompter<MIPROv2CompileOptions> {
  readonly auto: AutoMode | null;
  readonly numCandidates: number | null;
  readonly numFewshotCandidates: number | null;
  readonly numInstructCandidates: number | null;
  readonly metric: Metric<any>;
  readonly initTemperature: number;
  readonly taskModel: LMLike;
  readonly promptModel: LMLike;
  readonly maxBootstrappedDemos: number;
  readonly maxLabeledDemos: number;
  readonly verbose: boolean;
  readonly trackStats: boolean;
  readonly logDir: string | null;
  readonly teacherSettings: Partial<Settings>;
  readonly numThreads: number | null;
  readonly maxErrors: number | null;
  readonly metricThreshold: number | null;
  readonly seed: number;
  /** Budget, run directory, trial log and logger of the runs (see docs/optimizer-runs.md). */
  readonly runOptions: ResolvedRunOptions;
  /** The RNG of the last compile (DSPy's `self.rng`). */
  rng: PythonRandom | null = null;
  promptModelTotalCalls = 0;
  totalCalls = 0;
  readonly #output: OptimizerOutput | undefined;
  readonly #displayProgress: boolean | undefined;
  readonly #programCode: string | undefined;

  constructor(options: MIPROv2Options) {
    super();
    const auto = options.auto === undefined ? "light" : options.auto;
    if (auto !== null && !(auto in AUTO_RUN_SETTINGS)) {
      throw new ValueError(`Invalid value for auto: ${pyStr(auto)}. Must be one of ${ALLOWED_AUTO}. In tsdspy: auto is "light", "medium", "heavy" or null.`);
    }
    this.auto = auto;
    this.numCandidates = options.numCandidates ?? null;
    this.numFewshotCandidates = this.numCandidates;
    this.numInstructCandidates = this.numCandidates;
    this.metric = options.metric;
    this.initTemperature = options.initTemperature ?? 1.0;
    const settingsLm = getSettings().lm;
    const taskModel = options.taskModel ?? settingsLm;
    const promptModel = options.promptModel ?? settingsLm;
    if (!promptModel || !taskModel) {
      throw new ValueError(
        "Either provide both prompt_model and task_model or set a default LM through dspy.configure(lm=...) " +
          "(in tsdspy: `new MIPROv2({ metric, promptModel, taskModel })`, or `configure({ lm })` first).",
      );
    }
    this.taskModel = taskModel;
    this.promptModel = promptModel;
    this.maxBootstrappedDemos = options.maxBootstrappedDemos ?? 4;
    this.maxLabeledDemos = options.maxLabeledDemos ?? 4;
    this.verbose = options.verbose ?? false;
    this.runOptions = resolveRunOptions(options, { trackStats: true });
    this.trackStats = this.runOptions.trackStats;
    this.logDir = options.logDir ?? null;
    this.teacherSettings = { ...options.teacherSettings };
    this.numThreads = options.numThreads ?? null;
    this.maxErrors = options.maxErrors ?? null;
    this.metricThreshold = options.metricThreshold ?? null;
    this.seed = options.seed ?? 9;
    this.#output = options.output;
    this.#displayProgress = options.displayProgress;
    this.#programCode = options.programCode;
  }

  override compile<M extends Module>(student: M, options: MIPROv2CompileOptions & SignalOption): Promise<MIPROv2Result<M>> {
    return super.compile(student, options) as Promise<MIPROv2Result<M>>;
  }

  /** DSPy's recommended trials for `numCandidates`. */
  numTrialsFromCandidates(program: Module, zeroshot: boolean, numCandidates: number): number {
    return numTrialsFromCandidates(program.predictors().length, zeroshot, numCandidates);
  }

  protected async doCompile<M extends Module>(student: M, options: MIPROv2CompileOptions): Promise<M> {
    const logger = resolveOptimizerLogger(this.runOptions.logger);
    if (options.requiresPermissionToRun === false) {
      logger.warn("'requires_permission_to_run' is deprecated and will be removed in a future version.");
    } else if (options.requiresPermissionToRun === true) {
      throw new ValueError("User confirmation is removed from MIPROv2. Please remove the 'requires_permission_to_run' argument.");
    }
    const maxErrors = this.maxErrors ?? getSettings().maxErrors;
    const maxBootstrappedDemos = options.maxBootstrappedDemos ?? this.maxBootstrappedDemos;
    const maxLabeledDemos = options.maxLabeledDemos ?? this.maxLabeledDemos;
    const zeroshot = maxBootstrappedDemos === 0 && maxLabeledDemos === 0;
    const numTrialsGiven = options.numTrials ?? null;
    checkSearchSize({
      auto: this.auto,
      numCandidates: this.numCandidates,
      numTrials: numTrialsGiven,
      recommendedTrials: (numCandidates) => this.numTrialsFromCandidates(student, zeroshot, numCandidates),
    });
    // As DSPy: `seed or self.seed` (a compile seed of 0 falls back to the optimizer's).
    const seed = options.seed || this.seed;
    const rng = new PythonRandom(seed);
    this.rng = rng;
    const split = splitDatasets(options.trainset, options.valset);
    const trainset = split.trainset;
    const mode = runModeSettings({
      auto: this.auto,
      numPredictors: student.predictors().length,
      numTrials: numTrialsGiven,
      minibatch: options.minibatch ?? true,
      zeroshot,
      valset: split.valset,
      numInstructCandidates: this.numInstructCandidates,
      numFewshotCandidates: this.numFewshotCandidates,
      rng,
    });
    const { numTrials, valset, minibatch, numInstructCandidates, numFewshotCandidates } = mode;
    if (this.auto) {
      logger.info(
        `\nRUNNING WITH THE FOLLOWING ${this.auto.toUpperCase()} AUTO RUN SETTINGS:\nnum_trials: ${numTrials}\nminibatch: ${minibatch ? "True" : "False"}\nnum_fewshot_candidates: ${numFewshotCandidates}\nnum_instruct_candidates: ${numInstructCandidates}\nvalset size: ${valset.length}\n`,
      );
    }
    const minibatchSize = options.minibatchSize ?? 35;
    if (minibatch && minibatchSize > valset.length) {
      throw new ValueError(
        `Minibatch size cannot exceed the size of the valset. Valset size: ${valset.length}. ` +
          `Pass \`minibatchSize: ${valset.length}\` or less to compile (default 35), or \`minibatch: false\`.`,
      );
    }
    const minibatchFullEvalSteps = options.minibatchFullEvalSteps ?? 5;
    const programAware = options.programAwareProposer ?? true;

    const program = student.deepcopy();
    const run = await OptimizerRun.open({
      optimizer: "MIPROv2",
      fingerprint: {
        student: program,
        teacher: options.teacher ?? null,
        trainset: options.trainset,
        valset: options.valset ?? null,
        metric: this.metric,
        models: { prompt: this.promptModel, task: this.taskModel },
        settings: [this.auto, this.numCandidates, this.initTemperature, this.metricThreshold, this.teacherSettings, this.programCodeKey()],
        compile: { ...options, trainset: undefined, valset: undefined, teacher: undefined, seed },
        maxBootstrappedDemos,
        maxLabeledDemos,
      },
      ...this.runOptions,
    });
    run.trackRng("mipro", rng);
    announcePlan(run, program, { numTrials, minibatch, minibatchSize, minibatchFullEvalSteps, valset, programAware, numInstructCandidates, numFewshotCandidates, trainset, maxBootstrappedDemos, zeroshot });
    const metric = run.countMetric(this.metric);
    const progress = optimizerProgress(this.#output, run.logger);
    const evaluator = new Evaluate({
      devset: valset,
      metric,
      ...(this.numThreads !== null ? { numThreads: this.numThreads } : {}),
      maxErrors,
      displayTable: false,
      displayProgress: (this.#displayProgress ?? true) && progress !== undefined,
      ...(options.provideTraceback != null ? { provideTraceback: options.provideTraceback } : {}),
      ...(progress ? { output: progress } : {}),
      ...(this.runOptions.clock ? { clock: this.runOptions.clock } : {}),
    });
    const evaluate = async (candidate: Module, devset: Example[]): Promise<number> => {
      try {
        const result = await withSettings({ lm: this.taskModel }, () => evaluateWithinBudget(evaluator, candidate, { metric, devset }));
        if (Number.isNaN(result.score)) {
          // NaN compares false with everything: a NaN default score would never be beaten (DSPy keeps it).
          run.logger.warn("MIPROv2: the metric returned NaN for some example, so the evaluation's score is NaN; it counts as 0.0.");
          return 0.0;
        }
        return result.score;
      } catch (error) {
        rethrowIfCancelled(error);
        // A budget running out stops the run; a metric that returns no score is a bug to fix, not a 0 score.
        if (findBudgetError(error) || error instanceof MetricError) throw error;
        run.logger.error(`An exception occurred during evaluation: ${error instanceof Error ? error.message : String(error)}`);
        return 0.0;
      }
    };

    const state: PromptSearchState<M> = {
      bestScore: null,
      bestProgram: null,
      bestTrial: null,
      trialLogs: {},
      scoreData: [],
      trialsDone: 0,
      adjustedNumTrials: numTrials,
    };
    let stage = "bootstrapping demo candidates (step 1)";
    const stopped = await run.execute(async () => {
      const demoCandidates = await withSettings({ lm: this.taskModel }, () =>
        this.bootstrapFewshotExamples(program, trainset, seed, options.teacher ?? null, {
          numFewshotCandidates,
          maxBootstrappedDemos,
          maxLabeledDemos,
          maxErrors,
          metric,
          rng,
          run,
        }),
      );
      stage = "proposing instructions (step 2)";
      const instructionCandidates = await this.proposeInstructions(program, trainset, demoCandidates, {
        viewDataBatchSize: options.viewDataBatchSize ?? 10,
        programAware,
        dataAware: options.dataAwareProposer ?? true,
        tipAware: options.tipAwareProposer ?? true,
        fewshotAware: options.fewshotAwareProposer ?? true,
        numInstructCandidates,
        rng,
        run,
      });
      stage = "searching (step 3)";
      await withSettings({ lm: this.taskModel }, () =>
        this.optimizePromptParameters(
          {
            run,
            program,
            instructionCandidates,
            demoCandidates: zeroshot ? null : demoCandidates,
            valset,
            numTrials,
            minibatch,
            minibatchSize,
            minibatchFullEvalSteps,
            seed,
            rng,
            logger: run.logger,
            verbose: this.verbose,
            evaluate,
            saveProgram: (candidate, trialNum, note) => this.saveCandidateProgram(candidate, trialNum, note),
          },
          state,
        ),
      );
    });

    const best = (state.bestProgram ?? program.deepcopy()) as MIPROv2Result<M>;
    if (this.trackStats) {
      const sorted = state.scoreData.map((entry, i) => [entry, i] as const).sort((a, b) => b[0].score - a[0].score || a[1] - b[1]).map(([entry]) => entry);
      best.trialLogs = state.trialLogs;
      best.score = state.bestScore;
      best.promptModelTotalCalls = this.promptModelTotalCalls;
      best.totalCalls = this.totalCalls;
      best.mbCandidatePrograms = sorted.filter((entry) => !entry.fullEval);
      best.candidatePrograms = sorted.filter((entry) => entry.fullEval);
    }
    const cutShort = stopped
      ? stage === "searching (step 3)"
        ? `${state.bestScore === null ? "the default program's evaluation and " : ""}trials ${state.trialsDone + 1}-${numTrials} of ${numTrials}` +
          (minibatch ? " and the remaining full evaluations" : "")
        : `${stage}; no program was evaluated`
      : undefined;
    const kept =
      state.bestScore === null
        ? "the unoptimized program (a copy of the student)"
        : `the best fully evaluated program so far (score ${pyFloatRepr(state.bestScore)}, trial ${state.bestTrial})`;
    return attachRunReport(best, run.finish(stopped ? { cutShort: cutShort as string, kept } : {}));
  }

  /** Step 3; a subclass may observe what steps 1-2 produced (DSPy's `_optimize_prompt_parameters`). */
  protected optimizePromptParameters<M extends Module>(options: PromptSearchOptions<M>, state: PromptSearchState<M>): Promise<void> {
    return searchPromptParameters(options, state);
  }

  private programCodeKey(): string | null {
    return this.#programCode ?? null;
  }

  /** Step 1 (DSPy's `_bootstrap_fewshot_examples`). */
  private async bootstrapFewshotExamples(
    program: Module,
    trainset: Example[],
    seed: number,
    teacher: Module | null,
    options: {
      numFewshotCandidates: number;
      maxBootstrappedDemos: number;
      maxLabeledDemos: number;
      maxErrors: number;
      metric: Metric<any>;
      rng: PythonRandom;
      run: OptimizerRun;
    },
  ): Promise<unknown[][][]> {
    const logger = options.run.logger;
    logger.info("\n==> STEP 1: BOOTSTRAP FEWSHOT EXAMPLES <==");
    logger.info(
      options.maxBootstrappedDemos > 0
        ? "These will be used as few-shot example candidates for our program and for creating instructions.\n"
        : "These will be used for informing instruction proposal.\n",
    );
    logger.info(`Bootstrapping N=${options.numFewshotCandidates} sets of demonstrations...`);
    const zeroshot = options.maxBootstrappedDemos === 0 && options.maxLabeledDemos === 0;
    return createNFewshotDemoSets({
      student: program,
      numCandidateSets: options.numFewshotCandidates,
      trainset,
      maxLabeledDemos: zeroshot ? LABELED_FEWSHOT_EXAMPLES_IN_CONTEXT : options.maxLabeledDemos,
      maxBootstrappedDemos: zeroshot ? BOOTSTRAPPED_FEWSHOT_EXAMPLES_IN_CONTEXT : options.maxBootstrappedDemos,
      metric: options.metric,
      maxErrors: options.maxErrors,
      teacher,
      teacherSettings: this.teacherSettings,
      seed,
      metricThreshold: this.metricThreshold,
      rng: options.rng,
      output: optimizerLines(this.#output, logger),
      progress: optimizerProgress(this.#output, logger) ?? false,
      logger,
      step: (key, compute) => options.run.step(key, compute),
    });
  }

  /** Step 2 (DSPy's `_propose_instructions`): candidate 0 of every predictor is its current instruction. */
  private async proposeInstructions(
    program: Module,
    trainset: Example[],
    demoCandidates: unknown[][][],
    options: {
      viewDataBatchSize: number;
      programAware: boolean;
      dataAware: boolean;
      tipAware: boolean;
      fewshotAware: boolean;
      numInstructCandidates: number;
      rng: PythonRandom;
      run: OptimizerRun;
    },
  ): Promise<string[][]> {
    const logger = options.run.logger;
    logger.info("\n==> STEP 2: PROPOSE INSTRUCTION CANDIDATES <==");
    logger.info(
      "We will use the few-shot examples from the previous step, a generated dataset summary, a summary of the program code, and a randomly selected prompting tip to propose instructions.",
    );
    const proposer = await GroundedProposer.create({
      program,
      trainset,
      promptModel: this.promptModel,
      viewDataBatchSize: options.viewDataBatchSize,
      programAware: options.programAware,
      useDatasetSummary: options.dataAware,
      useTaskDemos: options.fewshotAware,
      numDemosInContext: BOOTSTRAPPED_FEWSHOT_EXAMPLES_IN_CONTEXT,
      useTip: options.tipAware,
      setTipRandomly: options.tipAware,
      useInstructHistory: false,
      setHistoryRandomly: false,
      rng: options.rng,
      initTemperature: this.initTemperature,
      ...(this.#programCode !== undefined ? { programCode: this.#programCode } : {}),
      logger,
      step: (key, compute) => options.run.step(key, compute),
    });
    logger.info(`\nProposing N=${options.numInstructCandidates} instructions...\n`);
    const candidates = await proposer.proposeInstructionsForProgram({ program, demoCandidates, n: options.numInstructCandidates });
    for (const [i, [, predictor]] of demoPredictors(program).entries()) {
      logger.info(`Proposed Instructions for Predictor ${i}:\n`);
      const list = candidates[i] ?? [];
      list[0] = (predictor as unknown as { signature: { instructions: string } }).signature.instructions;
      list.forEach((instruction, j) => logger.info(`${j}: ${instruction}\n`));
      logger.info("\n");
    }
    return candidates;
  }

  /** DSPy's `save_candidate_program`: `logDir/evaluated_programs/program_<n>[_<note>].json`. */
  private async saveCandidateProgram(program: Module, trialNum: number, note?: string): Promise<string | null> {
    if (this.logDir === null) return null;
    const dir = join(this.logDir, "evaluated_programs");
    await mkdir(dir, { recursive: true });
    const path = join(dir, note ? `program_${trialNum}_${note}.json` : `program_${trialNum}.json`);
    await program.save(path);
    return path;
  }
}
