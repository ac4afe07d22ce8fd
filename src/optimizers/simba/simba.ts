import type { Logger } from "../../context/logger.js";
import { getSettings, withSettings, type Settings } from "../../context/settings.js";
import { withTrace } from "../../context/with-trace.js";
import { ValueError } from "../../errors/value-error.js";
import type { LMLike } from "../../lm/lm-like.js";
import { Predict } from "../../predict/predict.js";
import type { Example } from "../../primitives/example.js";
import type { Module } from "../../primitives/module.js";
import { NumpyGenerator, percentile } from "../../python/numpy-random.js";
import { pyRound } from "../../python/py-round.js";
import { pyFloatRepr } from "../../python/pyfmt.js";
import { PythonRandom } from "../../python/python-random.js";
import { findBudgetError } from "../run/find-budget-error.js";
import { resolveRunOptions, type RunOptions } from "../run/run-options.js";
import { OptimizerRun } from "../run/optimizer-run.js";
import { attachRunReport, type WithRunReport } from "../run/run-report.js";
import { Teleprompter } from "../teleprompter.js";
import { OfferFeedback } from "./offer-feedback.js";
import { appendADemo, applyAdvice, offerFeedbackInputs, type StrategyContext } from "./simba-strategies.js";
import { runTrajectories, type SimbaMetric, type TrajectoryTask } from "./simba-trajectory.js";

export interface SIMBAOptions extends RunOptions {
  /** `(example, prediction)` to a number, or a Prediction with `score` (its other fields reach the rule prompt). */
  metric: SimbaMetric;
  /** Mini-batch size (default 32). */
  bsize?: number;
  /** New candidates per step, and trajectories per example (default 6). */
  numCandidates?: number;
  /** Optimization steps (default 8). */
  maxSteps?: number;
  /** Demos a predictor may hold before some are dropped; 0 disables the demo strategy (default 4). */
  maxDemos?: number;
  /** The LM that writes rules (default: the LM configured when SIMBA is created). */
  promptModel?: LMLike | null;
  /** With an `lm`, that LM runs the first of each example's trajectories. */
  teacherSettings?: Partial<Settings> | null;
  /** Characters kept of each input of a new demo (default 100 000). */
  demoInputFieldMaxlen?: number;
  numThreads?: number | null;
  temperatureForSampling?: number;
  temperatureForCandidates?: number;
  /**
   * The program's source shown to the rule writer (DSPy shows Python's `inspect.getsource` of the program's class;
   * default here: the class's JavaScript source).
   */
  programSource?: string | ((program: Module) => string);
}

export interface SIMBACompileOptions {
  trainset: Example[];
  /** Seeds Python's `random.Random` and NumPy's `default_rng` (default 0). */
  seed?: number;
}

/** A candidate program with its score on the whole trainset. */
export interface SimbaCandidate<M extends Module> {
  score: number;
  program: M;
}

/** SIMBA's result: the best program, with every final candidate by decreasing score and the per-step logs. */
export type SIMBAProgram<M extends Module> = WithRunReport<M> & {
  candidatePrograms: Array<SimbaCandidate<M>>;
  trialLogs: Record<number, Record<string, number>>;
};

interface Scored {
  program: Module;
  scores: number[];
}

/**
 * Stochastic Introspective Mini-Batch Ascent (DSPy's `dspy.SIMBA`): on each mini-batch, runs programs sampled from
 * the pool (softmax over their scores) several times at temperature 1, finds the examples whose outcomes vary most,
 * and builds new candidates by appending a demo from the best run or a rule the prompt model writes by contrasting
 * the best and worst runs; candidates are scored on the same mini-batch, and the step winners on the whole trainset.
 * Random choices follow DSPy's `random.Random(seed)` and `np.random.default_rng(seed)` exactly.
 *
 * @example
 * const optimized = await new SIMBA({ metric, bsize: 16, maxSteps: 6 }).compile(program, { trainset });
 */
export class SIMBA extends Teleprompter<SIMBACompileOptions> {
  readonly metric: SimbaMetric;
  readonly bsize: number;
  readonly numCandidates: number;
  readonly maxSteps: number;
  readonly maxDemos: number;
  readonly promptModel: LMLike | null;
  readonly teacherSettings: Partial<Settings> | null;
  readonly demoInputFieldMaxlen: number;
  readonly numThreads: number | null;
  readonly temperatureForSampling: number;
  readonly temperatureForCandidates: number;
  readonly strategies: ReadonlyArray<"append_a_demo" | "append_a_rule">;
  readonly #options: SIMBAOptions;

  constructor(options: SIMBAOptions) {
    super();
    if (typeof options.metric !== "function") throw new ValueError("SIMBA needs a metric function `(example, prediction) => score`.");
    this.metric = options.metric;
    this.bsize = options.bsize ?? 32;
    this.numCandidates = options.numCandidates ?? 6;
    this.maxSteps = options.maxSteps ?? 8;
    this.maxDemos = options.maxDemos ?? 4;
    for (const [name, value] of Object.entries({ bsize: this.bsize, numCandidates: this.numCandidates, maxSteps: this.maxSteps })) {
      if (!Number.isInteger(value) || value < 1) throw new ValueError(`SIMBA: ${name} must be a positive integer, got ${String(value)}.`);
    }
    this.promptModel = options.promptModel ?? getSettings().lm;
    this.teacherSettings = options.teacherSettings ?? null;
    this.demoInputFieldMaxlen = options.demoInputFieldMaxlen ?? 100_000;
    this.numThreads = options.numThreads ?? null;
    this.temperatureForSampling = options.temperatureForSampling ?? 0.2;
    this.temperatureForCandidates = options.temperatureForCandidates ?? 0.2;
    this.strategies = this.maxDemos > 0 ? ["append_a_demo", "append_a_rule"] : ["append_a_rule"];
    this.#options = options;
  }

  override compile<M extends Module>(student: M, options: SIMBACompileOptions): Promise<SIMBAProgram<M>> {
    return super.compile(student, options) as Promise<SIMBAProgram<M>>;
  }

  protected async doCompile<M extends Module>(student: M, options: SIMBACompileOptions): Promise<SIMBAProgram<M>> {
    const { trainset } = options;
    const seed = options.seed ?? 0;
    if (!(trainset.length >= this.bsize)) {
      throw new ValueError(
        `Trainset too small: ${trainset.length} < ${this.bsize}. SIMBA samples mini-batches of \`bsize\` training examples: ` +
          `pass at least ${this.bsize} examples, or a smaller batch (\`new SIMBA({ metric, bsize: ${Math.max(1, trainset.length)} })\`).`,
      );
    }
    const o = this.#options;
    const run = await OptimizerRun.open({
      optimizer: "SIMBA",
      fingerprint: { student, trainset, seed, metric: this.metric, options: { ...o, budget: null, logger: null, clock: null, promptModel: this.promptModel } },
      ...resolveRunOptions(o, { trackStats: false }),
    });
    const logger = run.logger;
    const rng = new PythonRandom(seed);
    const rngNp = new NumpyGenerator(seed);
    run.trackRng("random", rng);
    run.trackRng("numpy", rngNp);
    const numThreads = this.numThreads ?? getSettings().numThreads;
    const perStep = this.bsize * this.numCandidates * 2 + this.numCandidates + 1;
    run.announce({
      lmCalls: null,
      lines: [`SIMBA plans ${this.maxSteps} steps of about ${perStep} program runs each (${this.bsize} examples x ${this.numCandidates} samples, then up to ${this.numCandidates + 1} candidates), then the step winners on the ${trainset.length} training examples.`],
    });
    const metric = run.countMetric(this.metric as never) as unknown as SimbaMetric;
    const programSource = (program: Module) =>
      typeof o.programSource === "function" ? o.programSource(program) : (o.programSource ?? program.constructor.toString());

    const pool: Scored[] = [{ program: student.deepcopy(), scores: [] }];
    const winners: Module[] = [pool[0]!.program];
    const average = (idx: number) => {
      const scores = pool[idx]?.scores ?? [];
      return scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 0.0;
    };
    const topKPlusBaseline = (k: number) => {
      const order = pool.map((_, idx) => idx).sort((a, b) => average(b) - average(a));
      const top = order.slice(0, k);
      if (!top.includes(0) && top.length > 0) top[top.length - 1] = 0;
      return [...new Set(top)];
    };
    const softmaxSample = (idxs: number[], temperature: number) => {
      if (idxs.length === 0) throw new ValueError("No programs available for softmax sampling.");
      const exps = idxs.map((idx) => Math.exp(average(idx) / temperature));
      const total = exps.reduce((a, b) => a + b, 0);
      if (total <= 0) return rng.choice(idxs);
      return rng.choices(idxs, { weights: exps.map((e) => e / total), k: 1 })[0] as number;
    };

    const dataIndices = Array.from({ length: trainset.length }, (_, i) => i);
    rng.shuffle(dataIndices);
    let instanceIdx = 0;
    const trialLogs: Record<number, Record<string, number>> = {};
    let step = 0;
    const stopped = await run.execute(async () => {
      for (step = 0; step < this.maxSteps; step++) {
        trialLogs[step] = {};
        logger.info(`Starting batch ${step + 1} of ${this.maxSteps}.`);
        if (instanceIdx + this.bsize > trainset.length) {
          rng.shuffle(dataIndices);
          instanceIdx = 0;
        }
        const batchIndices = dataIndices.slice(instanceIdx, instanceIdx + this.bsize);
        instanceIdx += this.bsize;

        const models = this.modelsForResampling(pool[0]!.program);
        const topPrograms = topKPlusBaseline(this.numCandidates);
        const tasks: TrajectoryTask[] = [];
        for (const model of models) {
          for (const exampleIndex of batchIndices) {
            const chosen = softmaxSample(topPrograms, this.temperatureForSampling);
            const system = pool[chosen]!.program.deepcopy();
            system.setLm(model);
            tasks.push({ program: system, exampleIndex, names: new Map(system.namedPredictors().map(([name, p]) => [p, name])) });
          }
        }
        logger.info(`Sampling program trajectories on ${this.bsize} examples x ${this.numCandidates} samples.`);
        const outputs = await run.step(`step:${step}:trajectories`, () => runTrajectories(tasks, trainset, metric, { numThreads, logger }));

        const allScores = outputs.map((out) => Number(out.score));
        const batch10p = percentile(allScores, 10);
        const batch90p = percentile(allScores, 90);
        const buckets = batchIndices.map((_, idx) => {
          const bucket = outputs.filter((__, i) => i % this.bsize === idx).sort((a, b) => Number(b.score) - Number(a.score));
          const max = Number(bucket[0]!.score);
          const min = Number(bucket[bucket.length - 1]!.score);
          const avg = bucket.reduce((sum, x) => sum + Number(x.score), 0) / bucket.length;
          return { bucket, stats: [max - min, max, max - avg] as [number, number, number] };
        });
        buckets.sort((a, b) => compareTuples(b.stats, a.stats));
        logger.info(`Batch ${step + 1}: Baseline mini-batch score: ${pyFloatRepr(allScores.reduce((a, b) => a + b, 0) / allScores.length)}\n`);

        const candidates: Module[] = [];
        for (const [bucketIdx, { bucket, stats }] of buckets.entries()) {
          logger.info(
            `Batch ${step + 1}: Processing bucket #${bucketIdx + 1}, with max score ${stats[1]}, max-to-min gap ${stats[0]}, and max-to-avg gap ${stats[2]}.`,
          );
          const source = softmaxSample(topKPlusBaseline(this.numCandidates), this.temperatureForCandidates);
          const system = pool[source]!.program.deepcopy();
          const name2predictor = new Map(system.namedPredictors().map(([name, p]) => [name, p as unknown as { demos: unknown[]; signature: never }]));
          const demoCounts = [...name2predictor.values()].map((p) => p.demos.length);
          const numDemos = demoCounts.length ? Math.max(...demoCounts) : 0;
          const maxDemosTmp = this.maxDemos > 0 ? this.maxDemos : 3;
          let toDrop = Math.max(rngNp.poisson(numDemos / maxDemosTmp), Number(numDemos >= maxDemosTmp));
          toDrop = Math.min(toDrop, numDemos);
          const dropped = new Set(Array.from({ length: toDrop }, () => rng.randrange(numDemos)));
          for (const predictor of name2predictor.values()) predictor.demos = predictor.demos.filter((_, i) => !dropped.has(i));
          const strategy = rng.choice(this.strategies);
          logger.info(`Batch ${step + 1}: Invoking strategy: ${strategy}${toDrop ? `, having dropped ${toDrop} demos per predictor` : ""}`);
          const context: StrategyContext = { name2predictor, batch10p, batch90p, examples: trainset, logger };
          try {
            if (strategy === "append_a_demo") appendADemo(bucket, context, this.demoInputFieldMaxlen);
            else {
              const inputs = offerFeedbackInputs(bucket, system, context, programSource(system));
              if (inputs) {
                const advice = await run.step(`step:${step}:rule:${bucketIdx}`, () => this.adviceFor(inputs, logger));
                if ("error" in advice) throw new ValueError(advice.error);
                applyAdvice(system, advice.advice, logger);
              }
            }
          } catch (error) {
            if (findBudgetError(error)) throw error;
            logger.error(`Strategy failed with error: ${error instanceof Error ? error.message : String(error)}`);
            continue;
          }
          candidates.push(system);
          if (candidates.length >= this.numCandidates + 1) break;
        }

        logger.info(`Batch ${step + 1}: Evaluating ${candidates.length} programs on ${this.bsize} examples.`);
        const evalTasks = candidates.flatMap((program) => batchIndices.map((exampleIndex) => ({ program, exampleIndex, names: new Map<object, string>() })));
        const scores = await run.step(`step:${step}:candidates`, async () =>
          (await runTrajectories(evalTasks, trainset, metric, { numThreads, logger })).map((out) => Number(out.score)),
        );
        const candidateScores = candidates.map((_, c) => mean(scores.slice(c * this.bsize, (c + 1) * this.bsize)));
        logger.info(`Scores after ${step + 1} batches: [${candidateScores.map(pyFloatRepr).join(", ")}], Best: ${candidateScores.length ? pyFloatRepr(Math.max(...candidateScores)) : "N/A"}\n`);
        if (candidateScores.length) winners.push(candidates[candidateScores.indexOf(Math.max(...candidateScores))]!.deepcopy());
        candidates.forEach((program, c) => pool.push({ program, scores: scores.slice(c * this.bsize, (c + 1) * this.bsize) }));
        await run.logTrial({
          kind: "minibatch",
          score: candidateScores.length ? percent(Math.max(...candidateScores)) : null,
          evalSize: this.bsize,
          bestScore: null,
          extra: { step: step + 1, candidateScores, baseline: mean(allScores), batch10p, batch90p },
        });
      }
    });

    const m = winners.length - 1;
    const n = this.numCandidates + 1;
    const positions = [...new Set(m < 1 ? Array.from({ length: n }, () => 0) : Array.from({ length: n }, (_, i) => pyRound((i * m) / (n - 1))))];
    const finalists = positions.map((i) => winners[i]!.deepcopy() as M);
    let trainScores: number[] | null = null;
    let finalStop = stopped;
    if (!stopped) {
      logger.info(`VALIDATION: Evaluating ${finalists.length} programs on the full trainset.`);
      finalStop = await run.execute(async () => {
        const finalTasks = finalists.flatMap((program) => trainset.map((_, exampleIndex) => ({ program, exampleIndex, names: new Map<object, string>() })));
        const scores = await run.step("final", async () => (await runTrajectories(finalTasks, trainset, metric, { numThreads, logger })).map((out) => Number(out.score)));
        trainScores = finalists.map((_, p) => mean(scores.slice(p * trainset.length, (p + 1) * trainset.length)));
      });
    }
    let best: M;
    let candidatePrograms: Array<SimbaCandidate<M>>;
    if (trainScores) {
      const finalScores = trainScores as number[];
      finalScores.forEach((score, p) => {
        if (p !== 0) trialLogs[p - 1]!.train_score = score;
      });
      for (const [p, score] of finalScores.entries()) await run.logTrial({ kind: "full", score: percent(score), evalSize: trainset.length, bestScore: percent(Math.max(...finalScores.slice(0, p + 1))), extra: { winner: positions[p] } });
      candidatePrograms = finalists.map((program, p) => ({ score: finalScores[p] as number, program })).map((c, i) => [c, i] as const).sort((a, b) => b[0].score - a[0].score || a[1] - b[1]).map(([c]) => c);
      const bestIdx = finalScores.indexOf(Math.max(...finalScores));
      logger.info(`Final trainset scores: [${finalScores.map(pyFloatRepr).join(", ")}], Best: ${pyFloatRepr(Math.max(...finalScores))} (at index ${bestIdx})\n\n\n`);
      best = finalists[bestIdx]!.deepcopy();
    } else {
      // Out of budget before the final evaluation: the pool program with the best mini-batch average.
      const ranked = topKPlusBaseline(pool.length);
      best = (pool[ranked[0] ?? 0]?.program ?? student).deepcopy() as M;
      candidatePrograms = [];
    }
    const result = best as SIMBAProgram<M>;
    result.candidatePrograms = candidatePrograms;
    result.trialLogs = trialLogs;
    const report = run.finish(
      finalStop
        ? {
            cutShort: stopped ? `steps ${step + 1}-${this.maxSteps} and the final evaluation on the trainset` : "the final evaluation on the trainset",
            kept: "the pool's program with the best mini-batch average",
          }
        : {},
    );
    return attachRunReport(result, report) as SIMBAProgram<M>;
  }

  /** DSPy's `prepare_models_for_resampling`: the teacher LM (if any) first, then temperature-1 copies with rollout ids. */
  private modelsForResampling(program: Module): LMLike[] {
    const lm = program.getLm() ?? getSettings().lm;
    if (!lm) throw new ValueError("SIMBA needs an LM: configure one or set the program's LM.");
    const start = typeof lm.kwargs.rollout_id === "number" ? lm.kwargs.rollout_id : 0;
    const rolloutIds = Array.from({ length: this.numCandidates }, (_, i) => start + i);
    const models: LMLike[] = [];
    let next = 0;
    if (this.teacherSettings && Object.keys(this.teacherSettings).length > 0) {
      const teacher = (this.teacherSettings.lm as LMLike | null | undefined) ?? lm;
      models.push(teacher.copy({ rollout_id: rolloutIds[next] }));
      next++;
    }
    for (const rolloutId of rolloutIds.slice(next)) models.push(lm.copy({ rollout_id: rolloutId, temperature: 1.0 }));
    return models;
  }

  /** One `OfferFeedback` call on the prompt model (a failure is kept as data, so a resumed run skips it the same way). */
  private async adviceFor(inputs: Record<string, string>, logger: Logger): Promise<{ advice: Record<string, unknown> } | { error: string }> {
    try {
      const lm = this.promptModel ?? getSettings().lm;
      // DSPy runs it under a fresh trace (dspy.context(trace=[])); its calls stay out of any enclosing one.
      const { result: prediction } = await withTrace(() => withSettings({ lm, logger }, () => new Predict(OfferFeedback).call(inputs as never)));
      const advice = prediction.module_advice;
      return { advice: typeof advice === "object" && advice !== null ? (advice as Record<string, unknown>) : {} };
    } catch (error) {
      if (findBudgetError(error)) throw error;
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }
}

/** A mean score on Evaluate's scale (a percentage to two decimals), as every trial log records scores. */
function percent(value: number): number {
  return pyRound(100 * value, 2);
}

function mean(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0.0;
}

/** Python's tuple comparison. */
function compareTuples(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if ((a[i] as number) < (b[i] as number)) return -1;
    if ((a[i] as number) > (b[i] as number)) return 1;
  }
  return a.length - b.length;
}
