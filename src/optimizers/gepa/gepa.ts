import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { ValueError } from "../../errors/value-error.js";
import type { LMLike } from "../../lm/lm-like.js";
import type { Example } from "../../primitives/example.js";
import type { Module, SignalOption } from "../../primitives/module.js";
import { pyFormatFixed, pyRound } from "../../python/py-round.js";
import { PythonRandom } from "../../python/python-random.js";
import type { Metric } from "../../evaluate/metric.js";
import { Prediction, PredictionImpl } from "../../primitives/prediction.js";
import { OptimizerRun } from "../run/optimizer-run.js";
import { resolveRunOptions, type RunOptions } from "../run/run-options.js";
import { writeFileAtomic } from "../run/run-checkpoint.js";
import { attachRunReport, type WithRunReport } from "../run/run-report.js";
import { Teleprompter, type CompileOptions } from "../teleprompter.js";
import { AUTO_RUN_SETTINGS, autoBudget, type AutoLevel } from "./auto-budget.js";
import { EpochShuffledBatchSampler } from "./batch-sampler.js";
import { CurrentBestCandidateSelector, ParetoCandidateSelector, type CandidateSelector } from "./candidate-selectors.js";
import { allComponentSelector, roundRobinComponentSelector, type ComponentSelector } from "./component-selectors.js";
import { DspyAdapter } from "./dspy-adapter.js";
import { DspyGEPAResult } from "./dspy-gepa-result.js";
import { checkFeedbackMetric, predictorFeedback, type GEPAFeedbackMetric } from "./feedback-metric.js";
import type { Candidate, ProposalFn } from "./gepa-adapter.js";
import { GEPAEngine, type GEPAIterationRecord, type Stopper } from "./gepa-engine.js";
import type { FrontierType, GEPAState } from "./gepa-state.js";
import { MergeProposer } from "./merge-proposer.js";
import type { PredictorFeedbackFn } from "./reflective-dataset.js";
import { ReflectiveMutationProposer } from "./reflective-mutation.js";
import { FailedPrediction } from "./trace-capture.js";

export interface GEPAOptions extends RunOptions {
  /** The five-argument feedback metric `(gold, pred, trace, predName, predTrace)`. */
  metric: GEPAFeedbackMetric;
  /** A preset budget; exactly one of `auto`, `maxFullEvals`, `maxMetricCalls`. */
  auto?: AutoLevel | null;
  /** Budget in full passes over train + val. */
  maxFullEvals?: number | null;
  /** Budget in metric calls (program runs); checked before each iteration, so the last one may go past it. */
  maxMetricCalls?: number | null;
  /** Training examples per reflection (default 3). */
  reflectionMinibatchSize?: number;
  /** How the parent of each mutation is picked (default `"pareto"`). */
  candidateSelectionStrategy?: "pareto" | "current_best" | CandidateSelector;
  /** The LM that reads traces and feedback and rewrites instructions; required unless `instructionProposer` is given. */
  reflectionLm?: LMLike | null;
  /** Skip reflection when the parent is perfect on the whole minibatch (default true). */
  skipPerfectScore?: boolean;
  /** Show parse failures to the reflection LM (default false). */
  addFormatFailureAsFeedback?: boolean;
  /** Your own proposer (a function, or an object with `propose` such as `MultiModalInstructionProposer`), called inside the reflection LM's settings scope. */
  instructionProposer?: ProposalFn | { propose: ProposalFn } | null;
  /** Which predictors each iteration rewrites (default `"round_robin"`). */
  componentSelector?: "round_robin" | "all" | ComponentSelector;
  /** Try merging Pareto candidates that share an ancestor (default true). */
  useMerge?: boolean;
  /** At most this many merges are accepted (default 5; `null` for no limit). */
  maxMergeInvocations?: number | null;
  /** Examples evaluated at once (default `settings.numThreads`). */
  numThreads?: number | null;
  /** The score of an example that failed (default 0). */
  failureScore?: number;
  /** The best score the metric gives (default 1). */
  perfectScore?: number;
  /**
   * DSPy's name for `runDir`: the checkpoint, the trial log, and gepa's `run_log.json` / `candidates.json`; started
   * again with the same arguments, the run resumes where it stopped.
   */
  logDir?: string | null;
  /** Attach `detailedResults` (and every trial in `runReport.trials`) to the compiled program (default false). */
  trackStats?: boolean;
  /** Keep the best outputs per validation example in `detailedResults` (needs `trackStats`). */
  trackBestOutputs?: boolean;
  /** Warn when a predictor-level score differs from the module's (default true). */
  warnOnScoreMismatch?: boolean;
  /** Seeds every random choice (default 0; `null` for a random seed). */
  seed?: number | null;
  /** How Pareto fronts are kept (gepa's `frontier_type`, default `"instance"`). */
  frontierType?: FrontierType;
  /** Extra stop conditions checked before each iteration. */
  stopCallbacks?: Stopper[];
  /** Called with one record per iteration (also written to the trial log). */
  onIteration?: (record: GEPAIterationRecord) => void | Promise<void>;
}

export interface GEPACompileOptions extends CompileOptions {
  valset?: Example[] | null;
}

/** A compiled program with its run report; `detailedResults` is set with `trackStats`. */
export type GEPAProgram<M extends Module> = WithRunReport<M> & { detailedResults?: DspyGEPAResult<M> };

/**
 * Reflective prompt evolution (DSPy's `dspy.GEPA`, on a native port of the gepa 0.1.4 engine): runs the program on
 * small training minibatches, shows a reflection LM the traces with your metric's feedback, keeps a rewritten
 * instruction only when the minibatch score improves, scores kept candidates on the validation set, samples parents
 * from the per-example Pareto front, and merges Pareto candidates that share an ancestor.
 *
 * @example
 * const gepa = new GEPA({ metric, reflectionLm: new LM("openai/gpt-4.1"), auto: "light" });
 * const optimized = await gepa.compile(program, { trainset, valset });
 */
export class GEPA extends Teleprompter<GEPACompileOptions> {
  readonly metric: GEPAFeedbackMetric;
  readonly options: GEPAOptions;

  constructor(options: GEPAOptions) {
    super();
    checkFeedbackMetric(options.metric);
    this.metric = options.metric;
    const set = [options.maxMetricCalls, options.maxFullEvals, options.auto].filter((v) => v !== undefined && v !== null).length;
    if (set !== 1) {
      throw new ValueError(
        "Exactly one of maxMetricCalls, maxFullEvals, auto must be set. " +
          `You set maxMetricCalls=${show(options.maxMetricCalls)}, maxFullEvals=${show(options.maxFullEvals)}, auto=${show(options.auto)}.`,
      );
    }
    if (options.auto != null && !(options.auto in AUTO_RUN_SETTINGS)) {
      throw new ValueError(`auto must be "light", "medium" or "heavy", got ${show(options.auto)}.`);
    }
    if (!options.reflectionLm && !options.instructionProposer) {
      throw new ValueError(
        "GEPA requires a reflection language model, or custom instruction proposer to be provided. " +
          "Typically, you can use `new LM(\"openai/gpt-5\", { temperature: 1.0, max_tokens: 32000 })` to get a good reflection model. " +
          "Reflection LM is used by GEPA to reflect on the behavior of the program and propose new instructions, and will benefit from a strong model. ",
      );
    }
    if (options.trackBestOutputs && !options.trackStats) throw new ValueError("trackStats must be true if trackBestOutputs is true.");
    const strategy = options.candidateSelectionStrategy ?? "pareto";
    if (typeof strategy === "string" && strategy !== "pareto" && strategy !== "current_best") {
      throw new ValueError(`Unknown candidate_selector strategy: ${strategy}. Supported strategies: 'pareto', 'current_best'`);
    }
    const selector = options.componentSelector ?? "round_robin";
    if (typeof selector === "string" && selector !== "round_robin" && selector !== "all") {
      throw new ValueError(`Unknown module_selector strategy: ${selector}. Supported strategies: 'round_robin', 'all'`);
    }
    const minibatch = options.reflectionMinibatchSize ?? 3;
    if (!Number.isInteger(minibatch) || minibatch < 1) throw new ValueError(`reflectionMinibatchSize must be a positive integer, got ${String(minibatch)}.`);
    this.options = { ...options };
  }

  /** DSPy's `auto_budget` (see `autoBudget`). */
  autoBudget(numPreds: number, numCandidates: number, valsetSize: number, minibatchSize = 35, fullEvalSteps = 5): number {
    return autoBudget({ numPreds, numCandidates, valsetSize, minibatchSize, fullEvalSteps });
  }

  /** The metric-call budget for a run on these sets. */
  metricCallBudget(student: Module, trainsetSize: number, valsetSize: number | null): number {
    const { auto, maxFullEvals, maxMetricCalls } = this.options;
    if (auto != null) {
      return autoBudget({ numPreds: Math.max(student.namedPredictors().length, 1), numCandidates: AUTO_RUN_SETTINGS[auto].n, valsetSize: valsetSize ?? trainsetSize });
    }
    if (maxFullEvals != null) return maxFullEvals * (trainsetSize + (valsetSize ?? 0));
    return maxMetricCalls as number;
  }

  /** Optimizes a copy of `student`; with `trackStats` the result carries `detailedResults`. */
  override compile<M extends Module>(student: M, options: GEPACompileOptions & SignalOption): Promise<GEPAProgram<M>> {
    return super.compile(student, options) as Promise<GEPAProgram<M>>;
  }

  protected async doCompile<M extends Module>(student: M, options: GEPACompileOptions): Promise<GEPAProgram<M>> {
    const { trainset } = options;
    if (!trainset || trainset.length === 0) throw new ValueError("Trainset must be provided and non-empty");
    if (options.teacher) throw new ValueError("Teacher is not supported in GEPA yet.");
    const o = this.options;
    const givenValset = options.valset ?? null;
    const maxMetricCalls = this.metricCallBudget(student, trainset.length, givenValset ? givenValset.length : null);
    const valset = givenValset && givenValset.length > 0 ? givenValset : trainset;
    const seed = o.seed === undefined ? 0 : o.seed;
    const runDir = o.runDir ?? o.logDir ?? null;
    const minibatchSize = o.reflectionMinibatchSize ?? 3;
    const predictors = student.namedPredictors();
    const seedCandidate: Candidate = Object.fromEntries(predictors.map(([name, p]) => [name, (p as unknown as { signature: { instructions: string } }).signature.instructions]));
    if (Object.keys(seedCandidate).length === 0) {
      throw new ValueError("seed_candidate must contain at least one component text. GEPA optimizes the instructions of the program's predictors; this program has none.");
    }
    const runOptions = resolveRunOptions({ ...o, runDir }, { trackStats: false });
    const run = await OptimizerRun.open({
      optimizer: "GEPA",
      fingerprint: { student, trainset, valset, metric: this.metric, options: { ...o, budget: null, logger: null, clock: null, reflectionLm: o.reflectionLm ?? null }, maxMetricCalls, seed },
      ...runOptions,
    });
    const log = (message: string) => run.logger.info(message);
    const perPass = givenValset ? trainset.length + givenValset.length : trainset.length;
    const plannedRuns = maxMetricCalls + 2 * minibatchSize + valset.length;
    const plannedReflections = Math.ceil(maxMetricCalls / (2 * minibatchSize)) * predictors.length;
    run.announce({
      lmCalls: plannedRuns * predictors.length + plannedReflections,
      lines: [
        `Running GEPA for approx ${maxMetricCalls} metric calls of the program. This amounts to ${pyFormatFixed(maxMetricCalls / perPass, 2)} full evals on the ${givenValset ? "train+val" : "train"} set.`,
        `GEPA plans at most about ${plannedRuns * predictors.length + plannedReflections} LM calls: up to ${plannedRuns} program runs (the metric-call budget plus one last iteration) x ${predictors.length} predictor(s), plus up to ${plannedReflections} reflections.`,
      ],
    });
    if (!givenValset) {
      run.logger.warn(
        "No valset provided; Using trainset as valset. This is useful as an inference-time scaling strategy where you want GEPA to find the best solutions for the provided tasks in the trainset, as it makes GEPA overfit prompts to the provided trainset. In order to ensure generalization and perform well on unseen tasks, please provide separate trainset and valset. Provide the smallest valset that is just large enough to match the downstream task distribution, while keeping trainset as large as possible.",
      );
    }
    log(`Using ${valset.length} examples for tracking Pareto scores.`);

    const metric = run.countMetric(this.metric as unknown as Metric<any>) as unknown as GEPAFeedbackMetric;
    const feedbackMap: Record<string, PredictorFeedbackFn> = Object.fromEntries(
      predictors.map(([name, predictor]) => [name, predictorFeedback(metric, name, predictor)]),
    );
    const adapterRng = new PythonRandom(seed);
    const adapter = new DspyAdapter({
      student,
      metric,
      feedbackMap,
      failureScore: o.failureScore ?? 0,
      numThreads: o.numThreads ?? null,
      addFormatFailureAsFeedback: o.addFormatFailureAsFeedback ?? false,
      rng: adapterRng,
      reflectionLm: o.reflectionLm ?? null,
      customInstructionProposer: proposalFn(o.instructionProposer),
      warnOnScoreMismatch: o.warnOnScoreMismatch ?? true,
      reflectionMinibatchSize: minibatchSize,
      logger: run.logger,
    });

    const rng = new PythonRandom(seed);
    run.trackRng("gepa", rng);
    run.trackRng("adapter", adapterRng);
    const strategy = o.candidateSelectionStrategy ?? "pareto";
    const candidateSelector: CandidateSelector =
      strategy === "pareto" ? new ParetoCandidateSelector(rng) : strategy === "current_best" ? new CurrentBestCandidateSelector() : strategy;
    const selector = o.componentSelector ?? "round_robin";
    const componentSelector: ComponentSelector = selector === "round_robin" ? roundRobinComponentSelector : selector === "all" ? allComponentSelector : selector;
    const batchSampler = new EpochShuffledBatchSampler(minibatchSize, rng);
    const reflectiveProposer = new ReflectiveMutationProposer({
      trainset,
      adapter,
      candidateSelector,
      componentSelector,
      batchSampler,
      perfectScore: o.perfectScore ?? 1,
      skipPerfectScore: o.skipPerfectScore ?? true,
      log,
    });
    const mergeProposer =
      (o.useMerge ?? true)
        ? new MergeProposer({
            valsetSize: valset.length,
            evaluate: (ids, candidate) => adapter.evaluate(ids.map((id) => valset[id] as Example), candidate, false),
            maxMergeInvocations: o.maxMergeInvocations === null ? Infinity : (o.maxMergeInvocations ?? 5),
            rng,
            log,
          })
        : null;
    const stoppers: Stopper[] = [...(o.stopCallbacks ?? []), (state) => state.totalNumEvals >= maxMetricCalls];
    if (runDir) stoppers.push(() => existsSync(join(runDir, "gepa.stop")));
    const engine = new GEPAEngine({
      adapter,
      valset,
      seedCandidate,
      batchSampler,
      reflectiveProposer,
      mergeProposer,
      stoppers,
      frontierType: o.frontierType ?? "instance",
      trackBestOutputs: o.trackBestOutputs ?? false,
      raiseOnException: true,
      step: (key, compute) => run.step(key, compute),
      encodeOutput,
      decodeOutput,
      ...(runDir ? { persist: (state: GEPAState) => writeGepaLogs(runDir, state) } : {}),
      log,
      onIteration: async (record) => {
        await run.logTrial({
          kind: record.kind,
          ...(record.candidate ? { instructions: { ...record.candidate } } : {}),
          score: record.valAggregate === undefined ? null : percent(record.valAggregate),
          evalSize: record.valAggregate === undefined ? (record.subsampleIds?.length ?? 0) : valset.length,
          bestScore: percent(record.bestScore),
          extra: iterationExtra(record),
        });
        await o.onIteration?.(record);
      },
    });
    const stopped = await run.execute(async () => {
      await engine.run();
    });
    const state = engine.state;
    if (!state) {
      const program = adapter.buildProgram(seedCandidate) as M;
      return attachRunReport(program, run.finish({ cutShort: "the whole search (the seed was not fully scored)", kept: "the uncompiled student" })) as GEPAProgram<M>;
    }
    const result = DspyGEPAResult.fromState(state, (candidate) => adapter.buildProgram(candidate) as M, { logDir: runDir, seed });
    const bestIdx = result.bestIdx;
    const best = adapter.buildProgram(state.programCandidates[bestIdx] as Candidate) as GEPAProgram<M>;
    if (o.trackStats) best.detailedResults = result;
    const report = run.finish(
      stopped
        ? {
            cutShort: `iteration ${state.i + 1} and the rest of the search (${state.totalNumEvals} of ${maxMetricCalls} metric calls spent)`,
            kept: `the best of the ${state.programCandidates.length} candidate(s) (candidate ${bestIdx}, validation score ${result.valAggregateScores[bestIdx]})`,
          }
        : {},
    );
    return attachRunReport(best, report) as GEPAProgram<M>;
  }
}

/**
 * gepa's files in the run directory: the state (as JSON, where gepa pickles `gepa_state.bin`; for reading — resuming
 * uses `checkpoint.json`), the per-iteration trace and the candidates.
 */
async function writeGepaLogs(runDir: string, state: GEPAState): Promise<void> {
  await mkdir(runDir, { recursive: true });
  await writeFileAtomic(join(runDir, "gepa_state.json"), JSON.stringify(state.toJSON()));
  if (state.fullProgramTrace.length) await writeFileAtomic(join(runDir, "run_log.json"), JSON.stringify(state.fullProgramTrace, null, 2));
  if (state.programCandidates.length) await writeFileAtomic(join(runDir, "candidates.json"), JSON.stringify(state.programCandidates, null, 2));
}

/** A mean score on Evaluate's scale (a percentage to two decimals), as every trial log records scores. */
function percent(mean: number): number {
  return pyRound(100 * mean, 2);
}

/** A GEPA iteration's details for the trial log (what a report needs to draw the Pareto front over iterations). */
function iterationExtra(record: GEPAIterationRecord): Record<string, unknown> {
  const { kind: _kind, candidate: _candidate, valAggregate: _aggregate, bestScore: _best, ...rest } = record;
  return rest;
}

/** Outputs as checkpoint data: Predictions as themselves, parse failures tagged. */
function encodeOutput(output: unknown): unknown {
  if (output instanceof FailedPrediction) return { failed_prediction: { completion_text: output.completionText, format_reward: output.formatReward } };
  return output;
}

function decodeOutput(json: unknown): unknown {
  if (json instanceof PredictionImpl) return json;
  const failed = (json as { failed_prediction?: { completion_text: string; format_reward: number | null } } | null)?.failed_prediction;
  return failed ? new FailedPrediction(failed.completion_text, failed.format_reward) : json instanceof Object ? new Prediction(json as Record<string, unknown>) : json;
}

/** The proposer as a function (an object's `propose`, bound). */
function proposalFn(proposer: GEPAOptions["instructionProposer"]): ProposalFn | null {
  if (!proposer) return null;
  if (typeof proposer === "function") return proposer;
  return (args) => proposer.propose(args);
}

/** A value as DSPy's message shows it (`None` for unset). */
function show(value: unknown): string {
  return value === undefined || value === null ? "None" : String(value);
}
