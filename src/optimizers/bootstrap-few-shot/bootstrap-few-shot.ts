import type { Settings } from "../../context/settings.js";
import { ValueError } from "../../errors/value-error.js";
import type { Metric } from "../../evaluate/metric.js";
import type { Example } from "../../primitives/example.js";
import type { Module } from "../../primitives/module.js";
import { requireInputKeys } from "../../primitives/require-input-keys.js";
import { LabeledFewShot } from "../labeled-few-shot/labeled-few-shot.js";
import { demoPredictors, type DemoPredictor } from "../shared/demo-predictor.js";
import { printLine, progressStream, type OptimizerOutput } from "../shared/print-line.js";
import { Teleprompter, type CompileOptions } from "../teleprompter.js";
import { bootstrapTraces } from "./bootstrap-traces.js";
import { trainDemos } from "./train-demos.js";
import { systemClock } from "../../utils/clock.js";
import { ProgressBar, type ProgressStream } from "../../utils/progress-bar.js";

export interface BootstrapFewShotOptions {
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
    this.#output = options.output;
    this.#progress = options.progress;
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

    const progress = this.#progress === false ? undefined : (this.#progress ?? progressStream(this.#output));
    const run = await bootstrapTraces({
      trainset,
      teacher,
      teacherPredictors,
      predictorNames,
      names: studentPredictors.map(([name]) => name),
      metric: this.metric,
      metricThreshold: this.metricThreshold,
      teacherSettings: this.teacherSettings,
      maxBootstraps: this.maxBootstrappedDemos,
      maxRounds: this.maxRounds,
      maxErrors: this.maxErrors,
      progress: progress ? new ProgressBar({ total: trainset.length, stream: progress, clock: systemClock }) : null,
    });
    printLine(
      this.#output,
      `Bootstrapped ${run.bootstrapped} full traces after ${run.exampleIndex} examples for up to ${this.maxRounds} ` +
        `rounds, amounting to ${run.attempts} attempts.`,
    );

    const demos = trainDemos(
      studentPredictors.map(([name]) => name),
      run.traces,
      run.validation,
      this.maxBootstrappedDemos,
      this.maxLabeledDemos,
    );
    for (const [name, predictor] of studentPredictors) predictor.demos = demos.get(name) ?? [];
    program.compiled = true;
    return program;
  }

  /** A copy of the teacher; an uncompiled one first gets labeled demos (`LabeledFewShot(k = maxLabeledDemos)`). */
  private async prepareTeacher(source: Module, trainset: Example[]): Promise<Module> {
    const teacher = source.deepcopy();
    if (this.maxLabeledDemos && !teacher.compiled) {
      return new LabeledFewShot({ k: this.maxLabeledDemos }).compile(teacher.resetCopy(), { trainset });
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
