import { withSettings } from "../../context/settings.js";
import { ValueError } from "../../errors/value-error.js";
import { Evaluate, type EvaluateOptions } from "../../evaluate/evaluate.js";
import type { Metric } from "../../evaluate/metric.js";
import type { LMLike } from "../../lm/lm-like.js";
import type { Example } from "../../primitives/example.js";
import type { Module } from "../../primitives/module.js";
import { Predict } from "../../predict/predict.js";
import { pyFloatRepr } from "../../python/pyfmt.js";
import type { Signature } from "../../signatures/signature.js";
import { evaluateWithinBudget } from "../run/evaluate-within-budget.js";
import { OptimizerRun } from "../run/optimizer-run.js";
import { attachRunReport, type RunReport } from "../run/run-report.js";
import { resolveRunOptions, type ResolvedRunOptions, type RunOptions } from "../run/run-options.js";
import { Teleprompter } from "../teleprompter.js";
import { BasicGenerateInstruction, GenerateInstructionGivenAttempts } from "./copro-signatures.js";
import { predictorStats, type PredictorStats } from "./predictor-stats.js";

export interface COPROOptions extends RunOptions {
  /** The model that proposes instructions (default: settings' LM). */
  promptModel?: LMLike | null;
  metric?: Metric<any> | null;
  /** New prompts per iteration (default 10; must be more than 1). */
  breadth?: number;
  /** Iterations (default 3). */
  depth?: number;
  /** Temperature of the proposals (default 1.4). */
  initTemperature?: number;
  /** Keep min/max/average/std of the scores per depth in `resultsBest` / `resultsLatest`, and trials in the report. */
  trackStats?: boolean;
}

/** `Evaluate`'s options COPRO passes on (DSPy's `eval_kwargs`). */
export type COPROEvalKwargs = Partial<Omit<EvaluateOptions, "devset" | "metric">>;

export interface COPROCompileOptions {
  trainset: Example[];
  evalKwargs?: COPROEvalKwargs | null;
  /** Score prompts on these examples instead of the trainset (tsdspy; DSPy scores on the trainset). */
  valset?: Example[] | null;
}

/** One evaluated prompt of one predictor. */
export interface COPROCandidate<M extends Module = Module> {
  score: number;
  program: M;
  instruction: string;
  prefix: string;
  depth: number;
}

/** COPRO's result: the best program, every evaluated prompt (best first, duplicates dropped), the report. */
export type COPROResult<M extends Module> = M & {
  candidatePrograms: Array<COPROCandidate<M>>;
  totalCalls: number;
  resultsBest?: PredictorStats[];
  resultsLatest?: PredictorStats[];
  runReport: RunReport;
};

interface Proposal {
  instruction: string;
  prefix: string;
}

interface PredictorLike {
  signature: Signature;
}

function lastField(signature: Signature) {
  const fields = Object.values(signature.fields);
  return fields[fields.length - 1] as Signature["fields"][string];
}

function proposalsOf(prediction: { completions: { get(field: string): unknown[] | undefined } | null }): Proposal[] {
  const instructions = prediction.completions?.get("proposed_instruction") ?? [];
  const prefixes = prediction.completions?.get("proposed_prefix_for_output_field") ?? [];
  return instructions.map((instruction, i) => ({ instruction: String(instruction), prefix: String(prefixes[i]) }));
}

/** Python's `text.strip('"').strip()`. */
function clean(text: string): string {
  return text.replace(/^"+|"+$/g, "").trim();
}

/**
 * COPRO (DSPy's `dspy.COPRO`): coordinate ascent over each predictor's instruction and output prefix. The prompt
 * model proposes `breadth - 1` variants of the current instruction; each is scored on the trainset; for `depth`
 * rounds the scored attempts (worst to best) are shown back to the prompt model for `breadth` new proposals. The
 * best-scoring program wins. Prompts and bookkeeping are DSPy's, on tsdspy's run machinery.
 *
 * @example
 * const copro = new COPRO({ metric, breadth: 6, depth: 2, promptModel: strongLm });
 * const tuned = await copro.compile(program, { trainset, evalKwargs: { numThreads: 8 } });
 */
export class COPRO extends Teleprompter<COPROCompileOptions> {
  readonly metric: Metric<any> | null;
  readonly breadth: number;
  readonly depth: number;
  readonly initTemperature: number;
  readonly promptModel: LMLike | null;
  readonly trackStats: boolean;
  /** Budget, run directory, trial log and logger of the runs (see docs/optimizer-runs.md). */
  readonly runOptions: ResolvedRunOptions;

  constructor(options: COPROOptions = {}) {
    super();
    const breadth = options.breadth ?? 10;
    if (breadth <= 1) throw new ValueError("Breadth must be greater than 1");
    this.metric = options.metric ?? null;
    this.breadth = breadth;
    this.depth = options.depth ?? 3;
    this.initTemperature = options.initTemperature ?? 1.4;
    this.promptModel = options.promptModel ?? null;
    this.runOptions = resolveRunOptions(options, { trackStats: false });
    this.trackStats = this.runOptions.trackStats;
  }

  override compile<M extends Module>(student: M, options: COPROCompileOptions): Promise<COPROResult<M>> {
    return super.compile(student, options) as Promise<COPROResult<M>>;
  }

  protected async doCompile<M extends Module>(student: M, options: COPROCompileOptions): Promise<M> {
    if (!this.metric) throw new ValueError("COPRO needs a metric: pass `metric` to the constructor.");
    const evalKwargs = options.evalKwargs ?? {};
    const devset = options.valset?.length ? options.valset : options.trainset;
    if (devset.length === 0) {
      throw new ValueError("COPRO needs examples to score instructions on: pass a non-empty `trainset` (or `valset`) to compile.");
    }
    const module = student.deepcopy();
    const run = await OptimizerRun.open({
      optimizer: "COPRO",
      fingerprint: {
        student: module,
        trainset: options.trainset,
        valset: options.valset ?? null,
        evalKwargs,
        metric: this.metric,
        promptModel: this.promptModel,
        breadth: this.breadth,
        depth: this.depth,
        initTemperature: this.initTemperature,
      },
      ...this.runOptions,
    });
    const logger = run.logger;
    const predictors = module.predictors() as unknown as PredictorLike[];
    const p = predictors.length;
    const extra = this.depth > 1 ? (this.depth - 1) * this.breadth : 0;
    const evaluations = p === 1 ? this.breadth + extra : this.depth * p * this.breadth + p * p * ((this.depth * (this.depth - 1)) / 2) * this.breadth;
    const proposals = p * this.depth;
    run.announce({
      lmCalls: proposals + evaluations * devset.length * p,
      lines: [
        `COPRO plans at most about ${proposals + evaluations * devset.length * p} LM calls: ${proposals} proposal calls ` +
          `(${this.breadth - 1} to ${this.breadth} completions each) + ${evaluations} prompt evaluations x ${devset.length} examples x ${p} predictor(s).`,
      ],
    });
    const metric = run.countMetric(this.metric);
    const evaluate = new Evaluate({ devset, metric, ...evalKwargs });

    const resultsBest = predictors.map(() => emptyStats());
    const resultsLatest = predictors.map(() => emptyStats());
    const evaluated = predictors.map(() => new Map<string, COPROCandidate<M>>());
    const allCandidates: Proposal[][] = [];
    let latestCandidates: Proposal[][] = [];
    let totalCalls = 0;
    let depthReached = 0;
    const propose = (signature: Signature, n: number, inputs: Record<string, unknown>) =>
      withSettings(this.promptModel ? { lm: this.promptModel } : {}, async () =>
        proposalsOf(await new Predict(signature, { n, temperature: this.initTemperature }).call(inputs)),
      );

    const stopped = await run.execute(async () => {
      for (const [i, predictor] of predictors.entries()) {
        const basicInstruction = predictor.signature.instructions;
        const basicPrefix = lastField(predictor.signature).prefix;
        const proposed = await run.step(`copro:propose:0:${i}`, () => propose(BasicGenerateInstruction, this.breadth - 1, { basic_instruction: basicInstruction }));
        allCandidates.push([...proposed, { instruction: basicInstruction, prefix: basicPrefix }]);
      }
      latestCandidates = allCandidates.map((list) => [...list]);
      const moduleClone = module.deepcopy();
      const clonePredictors = moduleClone.predictors() as unknown as PredictorLike[];
      for (let d = 0; d < this.depth; d++) {
        depthReached = d;
        logger.info(`Iteration Depth: ${d + 1}/${this.depth}.`);
        const latestScores: number[] = [];
        for (let pi = 0; pi < p; pi++) {
          const pNew = clonePredictors[pi] as PredictorLike;
          const candidates = p > 1 ? (allCandidates[pi] as Proposal[]) : (latestCandidates[pi] as Proposal[]);
          const count = candidates.length;
          for (let ci = 0; ci < count; ci++) {
            const c = candidates[ci] as Proposal;
            const instruction = clean(c.instruction);
            const prefix = clean(c.prefix);
            pNew.signature = pNew.signature.withInstructions(instruction).withUpdatedFields(lastField(pNew.signature).name, { prefix });
            logger.info(`At Depth ${d + 1}/${this.depth}, Evaluating Prompt Candidate #${ci + 1}/${count} for Predictor ${pi + 1} of ${p}.`);
            const score = await run.step(`copro:evaluate:${d}:${pi}:${ci}`, async () =>
              (await evaluateWithinBudget(evaluate, moduleClone, { metric, devset })).score,
            );
            totalCalls++;
            const key = JSON.stringify([instruction, prefix]);
            const existing = evaluated[pi]?.get(key);
            if (!existing || existing.score < score) {
              evaluated[pi]?.set(key, { score, program: moduleClone.deepcopy(), instruction, prefix, depth: d });
            }
            if (count - this.breadth <= ci) latestScores.push(score);
            await run.logTrial({
              kind: "prompt",
              instructions: { [module.namedPredictors()[pi]?.[0] ?? String(pi)]: instruction },
              score,
              evalSize: devset.length,
              bestScore: Math.max(...evaluated.flatMap((m) => [...m.values()].map((v) => v.score))),
              extra: { depth: d, predictor: pi, candidate: ci, prefix },
            });
          }
          if (this.trackStats) pushStats(resultsLatest[pi] as PredictorStats, d, latestScores);
          const best = maxByScore([...(evaluated[pi] as Map<string, COPROCandidate<M>>).values()]) as COPROCandidate<M>;
          pNew.signature = pNew.signature.withInstructions(best.instruction).withUpdatedFields(lastField(pNew.signature).name, { prefix: best.prefix });
        }
        if (d === this.depth - 1) break;
        const newCandidates: Proposal[][] = [];
        for (let pi = 0; pi < p; pi++) {
          const sorted = sortByScore([...(evaluated[pi] as Map<string, COPROCandidate<M>>).values()]);
          const shortest = Math.min(sorted.length, this.breadth);
          if (this.trackStats) pushStats(resultsBest[pi] as PredictorStats, d, sorted.map((x) => x.score).slice(0, 10));
          const attempts: string[] = [];
          for (let i = shortest - 1; i >= 0; i--) {
            const entry = sorted[i] as COPROCandidate<M>;
            attempts.push(`Instruction #${shortest - i}: ${entry.instruction}`);
            attempts.push(`Prefix #${shortest - i}: ${entry.prefix}`);
            attempts.push(`Resulting Score #${shortest - i}: ${pyFloatRepr(entry.score)}`);
          }
          const proposed = await run.step(`copro:propose:${d + 1}:${pi}`, () =>
            propose(GenerateInstructionGivenAttempts, this.breadth, { attempted_instructions: attempts }),
          );
          newCandidates.push(proposed);
          (allCandidates[pi] as Proposal[]).push(...proposed);
        }
        latestCandidates = newCandidates;
      }
    });

    const candidates: Array<COPROCandidate<M>> = [];
    for (let pi = 0; pi < p; pi++) {
      const values = [...(evaluated[pi] as Map<string, COPROCandidate<M>>).values()];
      candidates.push(...values);
      if (this.trackStats && values.length > 0) pushStats(resultsBest[pi] as PredictorStats, depthReached, sortByScore(values).map((x) => x.score).slice(0, 10));
    }
    const kept = dropDuplicates(sortByScore(candidates));
    const top = kept[0];
    const best = (top ? top.program : module) as COPROResult<M>;
    best.candidatePrograms = kept;
    best.totalCalls = totalCalls;
    if (this.trackStats) {
      best.resultsBest = resultsBest;
      best.resultsLatest = resultsLatest;
    }
    return attachRunReport(
      best,
      run.finish(
        stopped
          ? {
              cutShort: `depth ${depthReached + 1} of ${this.depth} was not finished (${totalCalls} prompt evaluations done)`,
              kept: top ? `the best prompt scored so far (score ${pyFloatRepr(top.score)})` : "the unoptimized program (a copy of the student)",
            }
          : {},
      ),
    );
  }
}

function emptyStats(): PredictorStats {
  return { depth: [], max: [], average: [], min: [], std: [] };
}

function pushStats(stats: PredictorStats, depth: number, scores: readonly number[]): void {
  const computed = predictorStats(scores);
  stats.depth.push(depth);
  stats.max.push(computed.max);
  stats.average.push(computed.average);
  stats.min.push(computed.min);
  stats.std.push(computed.std);
}

/** Python's `max(values, key=score)`: the first of the highest. */
function maxByScore<T extends { score: number }>(values: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const value of values) if (best === undefined || value.score > best.score) best = value;
  return best;
}

/** A stable sort by decreasing score (Python's `sort(key=score, reverse=True)`). */
function sortByScore<T extends { score: number }>(values: readonly T[]): T[] {
  return values.map((value, i) => [value, i] as const).sort((a, b) => b[0].score - a[0].score || a[1] - b[1]).map(([value]) => value);
}

/**
 * DSPy's `_check_candidates_equal`: the same instructions and the same last field in every predictor. DSPy compares
 * pydantic `FieldInfo`s, which are equal only when they are the same object (a field made by another
 * `with_updated_fields` call never is); tsdspy's fields behave alike, so they are compared by identity too.
 */
function sameProgram(a: Module, b: Module): boolean {
  const pa = a.predictors() as unknown as PredictorLike[];
  const pb = b.predictors() as unknown as PredictorLike[];
  return pa.every((p, i) => {
    const q = pb[i];
    if (!q) return true;
    if (p.signature.instructions !== q.signature.instructions) return false;
    return lastField(p.signature) === lastField(q.signature);
  });
}

/** DSPy's `_drop_duplicates`: among consecutive candidates of equal score, keeps the first of each distinct program. */
function dropDuplicates<T extends { score: number; program: Module }>(candidates: readonly T[]): T[] {
  const kept: T[] = [];
  let batch: T[] = [];
  let batchScore = -1;
  for (const candidate of candidates) {
    let repeat = false;
    if (candidate.score === batchScore) {
      repeat = batch.some((other) => sameProgram(candidate.program, other.program));
      if (!repeat) batch.push(candidate);
    } else {
      batch = [candidate];
      batchScore = candidate.score;
    }
    if (!repeat) kept.push(candidate);
  }
  return kept;
}
