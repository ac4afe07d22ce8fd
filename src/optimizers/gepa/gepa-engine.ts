import { IndexError } from "../../errors/index-error.js";
import type { EpochShuffledBatchSampler } from "./batch-sampler.js";
import { liveStep, type EngineStep } from "./engine-step.js";
import type { Candidate, EvaluationBatch, GEPAAdapter, ObjectiveScores } from "./gepa-adapter.js";
import { GEPAState, type FrontierType, type ValsetEvaluation } from "./gepa-state.js";
import type { MergeProposer } from "./merge-proposer.js";
import type { ReflectiveMutationProposer, ReflectiveProposal } from "./reflective-mutation.js";
import { sum } from "./sum-scores.js";
import { rethrowIfCancelled } from "../../context/with-signal.js";

/** One iteration as the trial log records it: what was tried, what came of it, and the Pareto front after. */
export interface GEPAIterationRecord {
  /** gepa's 1-based iteration number (0 for the seed's evaluation). */
  iteration: number;
  kind: "seed" | "reflective" | "merge";
  outcome: "accepted" | "rejected" | "skipped";
  parents: number[];
  /** The new candidate's index when accepted. */
  candidateIdx: number | null;
  /** The evaluated candidate's texts (the child or merge), when there was one. */
  candidate: Candidate | null;
  subsampleIds?: number[];
  subsampleScoresBefore?: number[];
  subsampleScoresAfter?: number[];
  /** An accepted candidate's validation scores by validation id, and their mean. */
  valScores?: Array<[number, number]>;
  valAggregate?: number;
  /** Best score per validation id, and the candidates reaching it, after the iteration. */
  paretoFront: Array<[number, number]>;
  paretoPrograms: Array<[number, number[]]>;
  /** Every candidate's mean validation score after the iteration. */
  aggregateScores: number[];
  bestIdx: number;
  bestScore: number;
  /** gepa's metric-call count (program runs) after the iteration. */
  totalMetricCalls: number;
}

/** A stop condition checked before every iteration; `true` ends the run. */
export type Stopper = (state: GEPAState) => boolean;

/** A validation run as a step saves it: scores, objectives and (when tracked) outputs, in valset order. */
interface ValsetRun {
  scores: number[];
  objectiveScores: ObjectiveScores[] | null;
  outputs: unknown[] | null;
}

export interface GEPAEngineOptions<Data> {
  adapter: GEPAAdapter<Data>;
  valset: readonly Data[];
  seedCandidate: Candidate;
  batchSampler: EpochShuffledBatchSampler;
  reflectiveProposer: ReflectiveMutationProposer<Data>;
  mergeProposer: MergeProposer | null;
  stoppers: Stopper[];
  frontierType?: FrontierType;
  trackBestOutputs?: boolean;
  /** Rethrow an exception of an iteration (DSPy passes `true`); otherwise log it and go on. */
  raiseOnException?: boolean;
  /** Runs the paid-for pieces (see `EngineStep`); default: run them. */
  step?: EngineStep;
  /** Called where gepa saves its state: before every iteration and at the end. */
  persist?: (state: GEPAState) => Promise<void>;
  /** Turns outputs into plain data for steps, and back (default: kept as they are). */
  encodeOutput?: (output: unknown) => unknown;
  decodeOutput?: (json: unknown) => unknown;
  log: (message: string) => void;
  onIteration?: (record: GEPAIterationRecord) => void | Promise<void>;
}

/**
 * gepa's `GEPAEngine.run` with its default strategies (one reflective mutation per iteration, strict improvement on
 * the minibatch, every accepted candidate scored on the whole validation set): the seed is scored, then each
 * iteration first tries a scheduled merge and otherwise a reflective mutation, until a stopper fires. `state` holds
 * the run so far, also when an exception (a budget running out) ended it.
 */
export class GEPAEngine<Data> {
  state: GEPAState | null = null;
  private readonly step: EngineStep;

  constructor(private readonly options: GEPAEngineOptions<Data>) {
    this.step = options.step ?? liveStep;
  }

  async run(): Promise<GEPAState> {
    const { options } = this;
    const { log, mergeProposer } = options;
    const valIds = options.valset.map((_, i) => i);
    const seedRun = await this.step("seed:valset", () => this.evaluateValset(options.seedCandidate, false));
    const state = new GEPAState(options.seedCandidate, this.valsetEvaluation(valIds, seedRun), {
      trackBestOutputs: options.trackBestOutputs ?? false,
      frontierType: options.frontierType ?? "instance",
    });
    this.state = state;
    if (mergeProposer) mergeProposer.lastIterFoundNewProgram = false;
    const [baseAverage, baseCount] = state.programAverageValSubset(0);
    log(`Iteration ${state.i + 1}: Base program full valset score: ${baseAverage} over ${baseCount} / ${options.valset.length} examples`);
    await this.record(state, { iteration: 0, kind: "seed", outcome: "accepted", parents: [], candidateIdx: 0, candidate: options.seedCandidate, ...this.valScoresOf(state, 0) });

    while (!options.stoppers.some((stop) => stop(state))) {
      state.assertConsistent();
      if (options.adapter.getAdapterState) state.adapterState = { ...options.adapter.getAdapterState() };
      await options.persist?.(state);
      state.i += 1;
      state.fullProgramTrace.push({ i: state.i });
      try {
        if (mergeProposer) {
          if (mergeProposer.mergesDue > 0 && mergeProposer.lastIterFoundNewProgram) {
            const proposal = await mergeProposer.propose(state, this.step);
            mergeProposer.lastIterFoundNewProgram = false;
            if (proposal) {
              const newSum = sum(proposal.subsampleScoresAfter);
              const base = {
                iteration: state.i + 1,
                kind: "merge" as const,
                parents: [...proposal.parentProgramIds],
                candidate: proposal.candidate,
                subsampleIds: proposal.subsampleIds,
                subsampleScoresBefore: [...proposal.subsampleScoresBefore],
                subsampleScoresAfter: proposal.subsampleScoresAfter,
              };
              if (newSum >= Math.max(...proposal.subsampleScoresBefore)) {
                const newIdx = await this.evaluateAndAdd(proposal.candidate, state, [...proposal.parentProgramIds], "merge-valset");
                mergeProposer.mergesDue -= 1;
                mergeProposer.totalMergesTested += 1;
                await this.record(state, { ...base, outcome: "accepted", candidateIdx: newIdx, ...this.valScoresOf(state, newIdx) });
              } else {
                log(`Iteration ${state.i + 1}: New program subsample score ${newSum} is worse than both parents [${proposal.subsampleScoresBefore.join(", ")}], skipping merge`);
                await this.record(state, { ...base, outcome: "rejected", candidateIdx: null });
              }
              continue;
            }
          }
          mergeProposer.lastIterFoundNewProgram = false;
        }
        const proposals = await options.reflectiveProposer.propose(state, this.step);
        if (proposals.length === 0) {
          log(`Iteration ${state.i + 1}: Reflective mutation did not propose a new candidate`);
          const trace = state.fullProgramTrace[state.fullProgramTrace.length - 1] as Record<string, unknown>;
          await this.record(state, {
            iteration: state.i + 1,
            kind: "reflective",
            outcome: "skipped",
            parents: typeof trace.selected_program_candidate === "number" ? [trace.selected_program_candidate] : [],
            candidateIdx: null,
            candidate: null,
            ...(Array.isArray(trace.subsample_ids) ? { subsampleIds: trace.subsample_ids as number[] } : {}),
          });
          continue;
        }
        await this.acceptReflective(proposals, state);
      } catch (error) {
        log(`Iteration ${state.i + 1}: Exception during optimization: ${error instanceof Error ? error.message : String(error)}`);
        rethrowIfCancelled(error);
        if (options.raiseOnException ?? true) throw error;
      }
    }
    if (options.adapter.getAdapterState) state.adapterState = { ...options.adapter.getAdapterState() };
    await options.persist?.(state);
    return state;
  }

  /** Accepts every child whose minibatch sum strictly beats its parent's, scores it on the valset and adds it. */
  private async acceptReflective(proposals: ReflectiveProposal[], state: GEPAState): Promise<void> {
    const { log, mergeProposer } = this.options;
    const iteration = state.i + 1;
    const seen = new Set<string>();
    for (const proposal of proposals) {
      const oldSum = sum(proposal.subsampleScoresBefore);
      const newSum = sum(proposal.subsampleScoresAfter);
      const key = JSON.stringify(Object.entries(proposal.candidate).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      const base = {
        iteration,
        kind: "reflective" as const,
        parents: [...proposal.parentProgramIds],
        candidate: proposal.candidate,
        subsampleIds: proposal.subsampleIds,
        subsampleScoresBefore: proposal.subsampleScoresBefore,
        subsampleScoresAfter: proposal.subsampleScoresAfter,
      };
      if (!(newSum > oldSum) || seen.has(key)) {
        log(
          seen.has(key)
            ? `Iteration ${iteration}: Duplicate of another candidate selected this iteration, skipping`
            : `Iteration ${iteration}: New subsample score ${newSum} is not better than old score ${oldSum}, skipping`,
        );
        await this.record(state, { ...base, outcome: "rejected", candidateIdx: null });
        continue;
      }
      seen.add(key);
      log(`Iteration ${iteration}: Accepted candidate (subsample score ${oldSum} -> ${newSum}); running full eval.`);
      const newIdx = await this.evaluateAndAdd(proposal.candidate, state, proposal.parentProgramIds, "valset");
      await this.record(state, { ...base, outcome: "accepted", candidateIdx: newIdx, ...this.valScoresOf(state, newIdx) });
      if (mergeProposer) {
        mergeProposer.lastIterFoundNewProgram = true;
        if (mergeProposer.totalMergesTested < mergeProposer.maxMergeInvocations) mergeProposer.mergesDue += 1;
      }
    }
  }

  /** Runs a candidate on the whole validation set: the seed without traces, later candidates through batch evaluation. */
  private async evaluateValset(candidate: Candidate, batched: boolean): Promise<ValsetRun> {
    const { adapter, valset } = this.options;
    let evaluation: EvaluationBatch;
    if (!batched) evaluation = await adapter.evaluate([...valset], candidate, false);
    else if (adapter.batchEvaluate) [evaluation] = (await adapter.batchEvaluate([[candidate, [...valset]]])) as [EvaluationBatch];
    else evaluation = await adapter.evaluate([...valset], candidate, true);
    const encode = this.options.encodeOutput ?? ((output: unknown) => output);
    return {
      scores: [...evaluation.scores],
      objectiveScores: evaluation.objectiveScores ? evaluation.objectiveScores.map((o) => ({ ...o })) : null,
      outputs: this.options.trackBestOutputs ? evaluation.outputs.map(encode) : null,
    };
  }

  /** Scores a candidate on every validation example and adds it (gepa's `_run_full_eval_and_add`). */
  private async evaluateAndAdd(candidate: Candidate, state: GEPAState, parents: number[], stepName: string): Promise<number> {
    const { valset, log } = this.options;
    const valIds = valset.map((_, i) => i);
    const run = await this.step(`iteration:${state.i}:${stepName}`, () => this.evaluateValset(candidate, true));
    if (run.scores.length < valIds.length) {
      throw new IndexError(
        `list index out of range: the validation run returned ${run.scores.length} results for ${valIds.length} examples ` +
          "(an example whose program raised is dropped from a traced run, as in DSPy).",
      );
    }
    const evaluation = this.valsetEvaluation(valIds, run);
    const discoveredAt = state.totalNumEvals;
    state.incrementEvals(valIds.length);
    state.numFullDsEvals += 1;
    const newIdx = state.updateStateWithNewProgram(parents, candidate, evaluation, discoveredAt);
    const trace = state.fullProgramTrace[state.fullProgramTrace.length - 1] as Record<string, unknown>;
    trace.new_program_idx = newIdx;
    trace.new_program_indices = [...((trace.new_program_indices as number[] | undefined) ?? []), newIdx];
    trace.evaluated_val_indices = [...evaluation.scoresByValId.keys()].sort((a, b) => a - b);
    const [score, coverage] = state.programAverageValSubset(newIdx);
    if (newIdx === bestProgram(state)) log(`Iteration ${state.i + 1}: Found a better program on the valset with score ${score}.`);
    log(`Iteration ${state.i + 1}: Valset score for new program: ${score} (coverage ${coverage} / ${valset.length})`);
    return newIdx;
  }

  /** A validation run keyed by validation id (gepa zips ids with results, so a short run covers fewer ids). */
  private valsetEvaluation(valIds: number[], run: ValsetRun): ValsetEvaluation {
    const decode = this.options.decodeOutput ?? ((json: unknown) => json);
    const n = Math.min(valIds.length, run.scores.length);
    const ids = valIds.slice(0, n);
    return {
      outputsByValId: new Map(run.outputs ? ids.map((id, j) => [id, decode(run.outputs?.[j])]) : []),
      scoresByValId: new Map(ids.map((id, j) => [id, run.scores[j] as number])),
      objectiveScoresByValId: run.objectiveScores ? new Map(ids.map((id, j) => [id, run.objectiveScores?.[j] ?? {}])) : null,
    };
  }

  private valScoresOf(state: GEPAState, idx: number): Pick<GEPAIterationRecord, "valScores" | "valAggregate"> {
    return { valScores: [...(state.progCandidateValSubscores[idx] ?? [])], valAggregate: state.programAverageValSubset(idx)[0] };
  }

  private async record(
    state: GEPAState,
    partial: Omit<GEPAIterationRecord, "paretoFront" | "paretoPrograms" | "aggregateScores" | "bestIdx" | "bestScore" | "totalMetricCalls">,
  ): Promise<void> {
    if (!this.options.onIteration) return;
    const best = bestProgram(state);
    await this.options.onIteration({
      ...partial,
      paretoFront: [...state.paretoFrontValset],
      paretoPrograms: [...state.programAtParetoFrontValset].map(([id, front]) => [id, front.toArray()]),
      aggregateScores: state.programFullScoresValSet,
      bestIdx: best,
      bestScore: state.programAverageValSubset(best)[0],
      totalMetricCalls: state.totalNumEvals,
    });
  }
}

/** The program with the best mean validation score, more coverage winning ties (gepa's `FullEvaluationPolicy`). */
export function bestProgram(state: GEPAState): number {
  let bestIdx = -1;
  let bestScore = -Infinity;
  let bestCoverage = -1;
  state.progCandidateValSubscores.forEach((scores, idx) => {
    const coverage = scores.size;
    const average = coverage ? sum([...scores.values()]) / coverage : -Infinity;
    if (average > bestScore || (average === bestScore && coverage > bestCoverage)) {
      bestScore = average;
      bestIdx = idx;
      bestCoverage = coverage;
    }
  });
  return bestIdx;
}
