import { IndexError } from "../../errors/index-error.js";
import { ValueError } from "../../errors/value-error.js";
import type { PythonRandom, PythonRandomState } from "../../python/python-random.js";
import type { BatchSamplerState, EpochShuffledBatchSampler } from "./batch-sampler.js";
import type { Candidate, EvaluationBatch, GEPAAdapter } from "./gepa-adapter.js";
import { GEPAState, type FrontierType, type GEPAStateJSON, type ValsetEvaluation } from "./gepa-state.js";
import type { MergeProposer, MergeProposerState } from "./merge-proposer.js";
import type { ReflectiveMutationProposer, ReflectiveProposal } from "./reflective-mutation.js";
import { sum } from "./sum-scores.js";

/** Everything needed to continue a run exactly where it stopped (gepa pickles only the first part). */
export interface GEPACheckpoint {
  state: GEPAStateJSON;
  rng: PythonRandomState;
  batchSampler: BatchSamplerState;
  merge: MergeProposerState | null;
}

/** Where checkpoints go: loaded once before the loop, saved at the start of every iteration and at the end. */
export interface GEPACheckpointStore {
  load(): Promise<GEPACheckpoint | null>;
  save(checkpoint: GEPACheckpoint): Promise<void>;
}

/** One line of the run's trial log: what an iteration did and the Pareto front after it. */
export interface GEPATrialRecord {
  iteration: number;
  kind: "seed" | "reflective" | "merge";
  outcome: "accepted" | "rejected" | "skipped";
  parents: number[];
  candidateIdx: number | null;
  subsampleIds?: number[];
  subsampleScoresBefore?: number[];
  subsampleScoresAfter?: number[];
  /** The new candidate's validation scores by validation id, and their mean. */
  valScores?: Array<[number, number]>;
  valAggregate?: number;
  /** Best score per validation id, and the programs reaching it, after the iteration. */
  paretoFront: Array<[number, number]>;
  paretoPrograms: Array<[number, number[]]>;
  bestIdx: number;
  bestScore: number;
  totalMetricCalls: number;
  /** The rewritten components' texts, for accepted and rejected children alike. */
  texts?: Record<string, string>;
}

/** A stop condition checked before every iteration; `true` ends the run. */
export type Stopper = (state: GEPAState) => boolean;

export interface GEPAEngineOptions<Data> {
  adapter: GEPAAdapter<Data>;
  valset: readonly Data[];
  seedCandidate: Candidate;
  rng: PythonRandom;
  batchSampler: EpochShuffledBatchSampler;
  reflectiveProposer: ReflectiveMutationProposer<Data>;
  mergeProposer: MergeProposer | null;
  stoppers: Stopper[];
  frontierType?: FrontierType;
  trackBestOutputs?: boolean;
  /** Rethrow an exception of an iteration (DSPy passes `true`); otherwise log it and go on. */
  raiseOnException?: boolean;
  checkpoints?: GEPACheckpointStore | null;
  log: (message: string) => void;
  onRecord?: (record: GEPATrialRecord) => void | Promise<void>;
  /** Told how many metric calls were just counted, and the new total. */
  onBudget?: (total: number, delta: number) => void;
}

/**
 * gepa's `GEPAEngine.run` with its default strategies (one reflective mutation per iteration, strict improvement on
 * the minibatch, every accepted candidate scored on the whole validation set): the seed is scored, then each
 * iteration first tries a scheduled merge and otherwise a reflective mutation, until a stopper fires.
 */
export class GEPAEngine<Data> {
  constructor(private readonly options: GEPAEngineOptions<Data>) {}

  async run(): Promise<GEPAState> {
    const { options } = this;
    const { log, mergeProposer } = options;
    const valIds = options.valset.map((_, i) => i);
    const saved = options.checkpoints ? await options.checkpoints.load() : null;
    let state: GEPAState;
    if (saved) {
      log("Loading gepa state from run dir");
      state = GEPAState.fromJSON(saved.state);
      if (state.frontierType !== (options.frontierType ?? "instance")) {
        throw new ValueError(
          `Frontier type mismatch: requested '${options.frontierType ?? "instance"}' but loaded state has '${state.frontierType}'. ` +
            "Use a different runDir or match the frontierType option.",
        );
      }
      options.rng.setstate(saved.rng);
      options.batchSampler.setState(saved.batchSampler);
      if (mergeProposer && saved.merge) mergeProposer.setState(saved.merge);
    } else {
      const seedEval = await options.adapter.evaluate([...options.valset], options.seedCandidate, false);
      state = new GEPAState(options.seedCandidate, toValsetEvaluation(valIds, seedEval), {
        trackBestOutputs: options.trackBestOutputs ?? false,
        frontierType: options.frontierType ?? "instance",
      });
      if (mergeProposer) mergeProposer.lastIterFoundNewProgram = false;
    }
    options.adapter.setAdapterState?.(state.adapterState);
    const [baseAverage, baseCount] = state.programAverageValSubset(0);
    log(`Iteration ${state.i + 1}: Base program full valset score: ${baseAverage} over ${baseCount} / ${options.valset.length} examples`);
    if (!saved) {
      await this.record(state, { iteration: 0, kind: "seed", outcome: "accepted", parents: [], candidateIdx: 0, valScores: [...(state.progCandidateValSubscores[0] ?? [])], valAggregate: baseAverage });
    }
    if (options.onBudget) state.addBudgetHook(options.onBudget);

    while (!options.stoppers.some((stop) => stop(state))) {
      state.assertConsistent();
      await this.checkpoint(state);
      state.i += 1;
      state.fullProgramTrace.push({ i: state.i });
      try {
        if (mergeProposer) {
          if (mergeProposer.mergesDue > 0 && mergeProposer.lastIterFoundNewProgram) {
            const proposal = await mergeProposer.propose(state);
            mergeProposer.lastIterFoundNewProgram = false;
            if (proposal) {
              const newSum = sum(proposal.subsampleScoresAfter);
              const base = { iteration: state.i + 1, kind: "merge" as const, parents: [...proposal.parentProgramIds], subsampleIds: proposal.subsampleIds, subsampleScoresBefore: [...proposal.subsampleScoresBefore], subsampleScoresAfter: proposal.subsampleScoresAfter };
              if (newSum >= Math.max(...proposal.subsampleScoresBefore)) {
                const newIdx = await this.evaluateAndAdd(proposal.candidate, state, [...proposal.parentProgramIds]);
                mergeProposer.mergesDue -= 1;
                mergeProposer.totalMergesTested += 1;
                await this.record(state, { ...base, outcome: "accepted", candidateIdx: newIdx, ...this.valScoresOf(state, newIdx) });
              } else {
                log(`Iteration ${state.i + 1}: New program subsample score ${newSum} is worse than both parents ${pyList(proposal.subsampleScoresBefore)}, skipping merge`);
                await this.record(state, { ...base, outcome: "rejected", candidateIdx: null });
              }
              continue;
            }
          }
          mergeProposer.lastIterFoundNewProgram = false;
        }
        const proposals = await options.reflectiveProposer.propose(state);
        if (proposals.length === 0) {
          log(`Iteration ${state.i + 1}: Reflective mutation did not propose a new candidate`);
          const trace = state.fullProgramTrace[state.fullProgramTrace.length - 1] as Record<string, unknown>;
          await this.record(state, {
            iteration: state.i + 1,
            kind: "reflective",
            outcome: "skipped",
            parents: typeof trace.selected_program_candidate === "number" ? [trace.selected_program_candidate] : [],
            candidateIdx: null,
            ...(Array.isArray(trace.subsample_ids) ? { subsampleIds: trace.subsample_ids as number[] } : {}),
          });
          continue;
        }
        await this.acceptReflective(proposals, state);
      } catch (error) {
        log(`Iteration ${state.i + 1}: Exception during optimization: ${error instanceof Error ? error.message : String(error)}`);
        if (options.raiseOnException ?? true) throw error;
      }
    }
    await this.checkpoint(state);
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
        subsampleIds: proposal.subsampleIds,
        subsampleScoresBefore: proposal.subsampleScoresBefore,
        subsampleScoresAfter: proposal.subsampleScoresAfter,
        texts: changedTexts(state.programCandidates[proposal.parentProgramIds[0]] as Candidate, proposal.candidate),
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
      const newIdx = await this.evaluateAndAdd(proposal.candidate, state, proposal.parentProgramIds);
      await this.record(state, { ...base, outcome: "accepted", candidateIdx: newIdx, ...this.valScoresOf(state, newIdx) });
      if (mergeProposer) {
        mergeProposer.lastIterFoundNewProgram = true;
        if (mergeProposer.totalMergesTested < mergeProposer.maxMergeInvocations) mergeProposer.mergesDue += 1;
      }
    }
  }

  /**
   * Scores a candidate on every validation example and adds it (gepa's `_run_full_eval_and_add`), through the
   * adapter's batch evaluation, which captures traces as DSPy's adapter does.
   */
  private async evaluateAndAdd(candidate: Candidate, state: GEPAState, parents: number[]): Promise<number> {
    const { adapter, valset, log } = this.options;
    const valIds = valset.map((_, i) => i);
    const [evaluation] = adapter.batchEvaluate
      ? ((await adapter.batchEvaluate([[candidate, [...valset]]])) as [EvaluationBatch])
      : [await adapter.evaluate([...valset], candidate, true)];
    const valsetEvaluation = toValsetEvaluation(valIds, evaluation, true);
    const discoveredAt = state.totalNumEvals;
    state.incrementEvals(valIds.length);
    state.numFullDsEvals += 1;
    const newIdx = state.updateStateWithNewProgram(parents, candidate, valsetEvaluation, discoveredAt);
    const trace = state.fullProgramTrace[state.fullProgramTrace.length - 1] as Record<string, unknown>;
    trace.new_program_idx = newIdx;
    trace.new_program_indices = [...((trace.new_program_indices as number[] | undefined) ?? []), newIdx];
    trace.evaluated_val_indices = [...valsetEvaluation.scoresByValId.keys()].sort((a, b) => a - b);
    const [score, coverage] = state.programAverageValSubset(newIdx);
    if (newIdx === bestProgram(state)) log(`Iteration ${state.i + 1}: Found a better program on the valset with score ${score}.`);
    log(`Iteration ${state.i + 1}: Valset score for new program: ${score} (coverage ${coverage} / ${valset.length})`);
    return newIdx;
  }

  private valScoresOf(state: GEPAState, idx: number): Pick<GEPATrialRecord, "valScores" | "valAggregate"> {
    return { valScores: [...(state.progCandidateValSubscores[idx] ?? [])], valAggregate: state.programAverageValSubset(idx)[0] };
  }

  private async record(
    state: GEPAState,
    partial: Omit<GEPATrialRecord, "paretoFront" | "paretoPrograms" | "bestIdx" | "bestScore" | "totalMetricCalls">,
  ): Promise<void> {
    if (!this.options.onRecord) return;
    const best = bestProgram(state);
    await this.options.onRecord({
      ...partial,
      paretoFront: [...state.paretoFrontValset],
      paretoPrograms: [...state.programAtParetoFrontValset].map(([id, front]) => [id, front.toArray()]),
      bestIdx: best,
      bestScore: state.programAverageValSubset(best)[0],
      totalMetricCalls: state.totalNumEvals,
    });
  }

  private async checkpoint(state: GEPAState): Promise<void> {
    const { checkpoints, adapter, rng, batchSampler, mergeProposer } = this.options;
    if (!checkpoints) return;
    if (adapter.getAdapterState) state.adapterState = { ...adapter.getAdapterState() };
    await checkpoints.save({ state: state.toJSON(), rng: rng.getstate(), batchSampler: batchSampler.getState(), merge: mergeProposer?.getState() ?? null });
  }
}

/**
 * The program with the best mean validation score, more coverage winning ties (gepa's `FullEvaluationPolicy`).
 */
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

/** An evaluation keyed by validation id; `strict` fails as gepa does when an example's result is missing. */
function toValsetEvaluation(valIds: number[], evaluation: EvaluationBatch, strict = false): ValsetEvaluation {
  if (strict && evaluation.scores.length < valIds.length) {
    throw new IndexError(
      `list index out of range: the validation run returned ${evaluation.scores.length} results for ${valIds.length} examples ` +
        "(an example whose program raised is dropped from a traced run, as in DSPy).",
    );
  }
  const n = Math.min(valIds.length, evaluation.scores.length);
  const ids = valIds.slice(0, n);
  return {
    outputsByValId: new Map(ids.map((id, j) => [id, evaluation.outputs[j]])),
    scoresByValId: new Map(ids.map((id, j) => [id, evaluation.scores[j] as number])),
    objectiveScoresByValId: evaluation.objectiveScores ? new Map(ids.map((id, j) => [id, evaluation.objectiveScores?.[j] ?? {}])) : null,
  };
}

/** The components a child changed. */
function changedTexts(parent: Candidate, child: Candidate): Record<string, string> {
  return Object.fromEntries(Object.entries(child).filter(([name, text]) => parent[name] !== text));
}

const pyList = (values: readonly number[]) => `[${values.join(", ")}]`;
