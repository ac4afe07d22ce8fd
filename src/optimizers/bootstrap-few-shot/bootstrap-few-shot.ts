import type { Settings } from "../../context/settings.js";
import { ValueError } from "../../errors/value-error.js";
import type { Metric } from "../../evaluate/metric.js";
import type { Example } from "../../primitives/example.js";
import type { Module, SignalOption } from "../../primitives/module.js";
import { requireInputKeys } from "../../primitives/require-input-keys.js";
import { LabeledFewShot } from "../labeled-few-shot/labeled-few-shot.js";
import { demoPredictors, type DemoPredictor } from "../shared/demo-predictor.js";
import { printLine, type OptimizerOutput } from "../shared/print-line.js";
import { optimizerLines, optimizerProgress } from "../run/optimizer-output.js";
import { Teleprompter, type CompileOptions } from "../teleprompter.js";
import { bootstrapTraces } from "./bootstrap-traces.js";
import { trainDemos } from "./train-demos.js";
import { OptimizerRun } from "../run/optimizer-run.js";
import { attachRunReport, type WithRunReport } from "../run/run-report.js";
import { resolveRunOptions, type ResolvedRunOptions, type RunOptions } from "../run/run-options.js";
import { systemClock } from "../../utils/clock.js";
import { ProgressBar, type ProgressStream } from "../../utils/progress-bar.js";

export interface BootstrapFewShotOptions extends RunOptions {
  /** Judges a teacher run: `(example, prediction, trace) => score`; without one every run that completes counts. */
  metric?: Metric<any> | null;
  /** A run counts when the metric is at least this; without it, when the metric is truthy. */
  metricThreshold?: number | null;
  /** Settings for the teacher's runs (e.g. `{ lm: strongerLm }`). */
  teacherSettings?: Partial<Settings>;
  /** Augmented demos per predictor (default 4). */
  maxBootstrappedDemos?: number;
  /** Total demos per predictor, labeled ones filling up after the augmented ones (default 16). */
  maxLabeledDemos?: number;
  /** Attempts per training example; rounds after the first use a fresh rollout at temperature 1.0 (default 1). */
  maxRounds?: number;
  /** Failed runs that stop compiling by rethrowing the last error (default `settings.maxErrors`). */
  maxErrors?: number | null;
  /** Where the summary line and the progress bar go instead of the settings' logger (standard error by default). */
  output?: OptimizerOutput;
  /**
   * Where the progress bar over the trainset is drawn, as DSPy's tqdm does; `false` for none. Default: `output`, else
   * the logger's `progress` stream (live on a terminal, quiet otherwise).
   */
  progress?: ProgressStream | false;
  /** Seed of the shuffle and the sample of labeled demos (DSPy's `Random(0)`: default 0). */
  seed?: number;
  /**
   * What a budget running out (this one or an enclosing `withBudget`) does: `stop` (default) keeps the demos
   * bootstrapped so far and warns; `throw` lets the `BudgetExceededError` through — for optimizers that run
   * `BootstrapFewShot` as one step of their own search (their run announces, budgets and checkpoints).
   */
  budgetExhaustion?: "stop" | "throw";
}

/** Asserts one of DSPy's structural conditions on student and teacher. */
function check(condition: boolean, message: string): void {
  if (!condition) throw new ValueError(message);
}

/**
 * Bootstraps demos by running a teacher on training examples and keeping the traces that pass the metric
 * (DSPy's `BootstrapFewShot`). Each predictor gets up to `maxBootstrappedDemos` augmented demos (its inputs and
 * outputs from a successful run), then labeled training examples up to `maxLabeledDemos`.
 *
 * @example
 * const optimizer = new BootstrapFewShot({ metric: answerExactMatch, maxBootstrappedDemos: 4, maxLabeledDemos: 16 });
 * const compiled = await optimizer.compile(program, { trainset });
 */
export class BootstrapFewShot extends Teleprompter<CompileOptions> {
  readonly metric: Metric<any> | null;
  readonly metricThreshold: number | null;
  readonly teacherSettings: Partial<Settings>;
  readonly maxBootstrappedDemos: number;
  readonly maxLabeledDemos: number;
  readonly maxRounds: number;
  readonly maxErrors: number | null;
  readonly seed: number;
  readonly budgetExhaustion: "stop" | "throw";
  /** Budget, run directory, trial log and logger of the runs (see docs/optimizer-runs.md). */
  readonly runOptions: ResolvedRunOptions;
  readonly #output: OptimizerOutput | undefined;
  readonly #progress: ProgressStream | false | undefined;

  constructor(options: BootstrapFewShotOptions = {}) {
    super();
    this.metric = options.metric ?? null;
    this.metricThreshold = options.metricThreshold ?? null;
    this.teacherSettings = { ...options.teacherSettings };
    this.maxBootstrappedDemos = options.maxBootstrappedDemos ?? 4;
    this.maxLabeledDemos = options.maxLabeledDemos ?? 16;
    this.maxRounds = options.maxRounds ?? 1;
    this.maxErrors = options.maxErrors ?? null;
    this.seed = options.seed ?? 0;
    this.budgetExhaustion = options.budgetExhaustion ?? "stop";
    this.runOptions = resolveRunOptions(options, { trackStats: false });
    this.#output = options.output;
    this.#progress = options.progress;
  }

  override compile<M extends Module>(student: M, options: CompileOptions & SignalOption): Promise<WithRunReport<M>> {
    return super.compile(student, options) as Promise<WithRunReport<M>>;
  }

  protected async doCompile<M extends Module>(student: M, options: CompileOptions): Promise<M> {
    const { trainset } = options;
    if (trainset.length === 0) {
      throw new ValueError("BootstrapFewShot needs at least one training example; the trainset is empty.");
    }
    requireInputKeys(trainset, "BootstrapFewShot.compile()", "trainset");
    const program = student.resetCopy();
    check(
      !program.compiled,
      "Student must be uncompiled. Pass the program as it was before optimization, not one returned by compile().",
    );
    const teacher = await this.prepareTeacher(options.teacher ?? student, trainset);
    const studentPredictors = demoPredictors(program);
    const teacherPredictors = demoPredictors(teacher);
    const predictorNames = mapPredictorNames(studentPredictors, teacherPredictors);
    const stop = this.budgetExhaustion === "stop";
    const optimizerRun = await OptimizerRun.open({
      optimizer: "BootstrapFewShot",
      fingerprint: {
        student: program,
        teacher,
        trainset,
        metric: this.metric,
        metricThreshold: this.metricThreshold,
        teacherSettings: this.teacherSettings,
        maxBootstrappedDemos: this.maxBootstrappedDemos,
        maxLabeledDemos: this.maxLabeledDemos,
        maxRounds: this.maxRounds,
        seed: this.seed,
      },
      ...this.runOptions,
    });
    if (stop) {
      const runs = trainset.length * this.maxRounds;
      optimizerRun.announce({
        lmCalls: runs * teacherPredictors.length,
        lines: [
          `BootstrapFewShot plans at most about ${runs * teacherPredictors.length} LM calls: up to ${trainset.length} training ` +
            `examples x ${this.maxRounds} round(s) x ${teacherPredictors.length} predictor(s), stopping once ` +
            `${this.maxBootstrappedDemos} traces are bootstrapped.`,
        ],
      });
    }
    const metric = this.metric ? optimizerRun.countMetric(this.metric) : null;
    const progress = this.#progress === false ? undefined : (this.#progress ?? optimizerProgress(this.#output, optimizerRun.logger));
    let run!: Awaited<ReturnType<typeof bootstrapTraces>>;
    await optimizerRun.within(async () => {
      run = await bootstrapTraces({
      trainset,
      teacher,
      teacherPredictors,
      predictorNames,
      names: studentPredictors.map(([name]) => name),
      metric,
      metricThreshold: this.metricThreshold,
      teacherSettings: this.teacherSettings,
      maxBootstraps: this.maxBootstrappedDemos,
      maxRounds: this.maxRounds,
      maxErrors: this.maxErrors,
      progress: progress ? new ProgressBar({ total: trainset.length, stream: progress, clock: systemClock }) : null,
      seed: this.seed,
      step: (key, compute) => optimizerRun.step(key, compute),
      stopOnBudget: stop,
      onExample: async (index, outcome) => {
        await optimizerRun.logTrial({
          kind: "bootstrap",
          score: outcome.success ? 1 : 0,
          evalSize: 1,
          bestScore: null,
          extra: { example: index, attempts: outcome.attempts, failures: outcome.failures },
        });
      },
    });
    });
    printLine(
      optimizerLines(this.#output, optimizerRun.logger),
      `Bootstrapped ${run.bootstrapped} full traces after ${run.exampleIndex} examples for up to ${this.maxRounds} ` +
        `rounds, amounting to ${run.attempts} attempts.`,
    );

    const demos = trainDemos(
      studentPredictors.map(([name]) => name),
      run.traces,
      run.validation,
      this.maxBootstrappedDemos,
      this.maxLabeledDemos,
      this.seed,
    );
    for (const [name, predictor] of studentPredictors) predictor.demos = demos.get(name) ?? [];
    program.compiled = true;
    if (run.exhausted) optimizerRun.noteExhaustion(run.exhausted);
    const visited = run.exhausted ? run.exampleIndex : trainset.length;
    return attachRunReport(
      program,
      optimizerRun.finish({
        cutShort: `bootstrapping stopped at training example ${visited + 1} of ${trainset.length} with ${run.bootstrapped} of ${this.maxBootstrappedDemos} traces`,
        kept: `the ${run.bootstrapped} traces bootstrapped so far, filled up with labeled demos`,
      }),
    );
  }

  /** A copy of the teacher; an uncompiled one first gets labeled demos (`LabeledFewShot(k = maxLabeledDemos)`). */
  private async prepareTeacher(source: Module, trainset: Example[]): Promise<Module> {
    const teacher = source.deepcopy();
    if (this.maxLabeledDemos && !teacher.compiled) {
      return new LabeledFewShot({ k: this.maxLabeledDemos, seed: this.seed }).compile(teacher.resetCopy(), { trainset });
    }
    return teacher;
  }
}

/** DSPy's predictor mapping: same names, equal signatures, distinct objects; both sides map to the shared name. */
function mapPredictorNames(
  student: ReadonlyArray<[string, DemoPredictor]>,
  teacher: ReadonlyArray<[string, DemoPredictor]>,
): Map<object, string> {
  check(
    student.length === teacher.length,
    `Student and teacher must have the same number of predictors. The student has ${student.length}, the teacher ` +
      `${teacher.length}; pass a teacher built like the student.`,
  );
  const names = new Map<object, string>();
  student.forEach(([name, studentPredictor], i) => {
    const [teacherName, teacherPredictor] = teacher[i] as [string, DemoPredictor];
    check(
      name === teacherName,
      `Student and teacher must have the same program structure. Predictor ${i + 1} is \`${name}\` in the student ` +
        `and \`${teacherName}\` in the teacher.`,
    );
    check(
      studentPredictor.signature.equals(teacherPredictor.signature),
      `Student and teacher must have the same signatures. \`${name}\`: ${studentPredictor.signature.toString()} != ` +
        `${teacherPredictor.signature.toString()}.`,
    );
    check(
      studentPredictor !== teacherPredictor,
      "Student and teacher must be different objects. Pass a separate teacher instance, or none to use a copy of the student.",
    );
    names.set(studentPredictor, name);
    names.set(teacherPredictor, teacherName);
  });
  return names;
}
