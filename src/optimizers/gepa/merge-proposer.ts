import { ValueError } from "../../errors/value-error.js";
import { PyIntSet } from "../../python/py-int-set.js";
import type { PythonRandom } from "../../python/python-random.js";
import type { Candidate, EvaluationBatch } from "./gepa-adapter.js";
import type { GEPAState } from "./gepa-state.js";
import { sampleAndAttemptMerge, type MergesPerformed } from "./merge-candidates.js";
import { liveStep, type EngineStep } from "./engine-step.js";
import { findDominatorPrograms } from "./pareto-front.js";
import { sum } from "./sum-scores.js";

/** A merged candidate evaluated on a few validation examples, for the engine to accept or reject. */
export interface MergeProposal {
  candidate: Candidate;
  parentProgramIds: [number, number];
  ancestor: number;
  subsampleIds: number[];
  /** The parents' summed scores on the subsample. */
  subsampleScoresBefore: [number, number];
  subsampleScoresAfter: number[];
}

/** The merge proposer's bookkeeping, saved with checkpoints. */
export interface MergeProposerState {
  mergesDue: number;
  totalMergesTested: number;
  mergesPerformed: MergesPerformed;
  lastIterFoundNewProgram: boolean;
}

export interface MergeProposerOptions {
  valsetSize: number;
  /** Runs a candidate on validation examples without traces. */
  evaluate: (valIds: number[], candidate: Candidate) => Promise<EvaluationBatch>;
  maxMergeInvocations: number;
  rng: PythonRandom;
  /** Validation ids both parents must share before a merge is tried (gepa's `merge_val_overlap_floor`). */
  valOverlapFloor?: number;
  log: (message: string) => void;
}

/**
 * gepa's `MergeProposer`: after an iteration that found a new program, and while merges are due, combines two
 * Pareto-front programs that descend from a common ancestor and scores the merge on up to 5 validation examples
 * chosen from where either parent wins or they tie.
 */
export class MergeProposer {
  mergesDue = 0;
  totalMergesTested = 0;
  mergesPerformed: MergesPerformed = { triplets: [], descriptions: [] };
  lastIterFoundNewProgram = false;
  readonly maxMergeInvocations: number;
  private readonly valOverlapFloor: number;

  constructor(private readonly options: MergeProposerOptions) {
    this.maxMergeInvocations = options.maxMergeInvocations;
    this.valOverlapFloor = options.valOverlapFloor ?? 5;
    if (!(this.valOverlapFloor > 0)) throw new ValueError("val_overlap_floor should be a positive integer");
  }

  getState(): MergeProposerState {
    return {
      mergesDue: this.mergesDue,
      totalMergesTested: this.totalMergesTested,
      mergesPerformed: structuredClone(this.mergesPerformed),
      lastIterFoundNewProgram: this.lastIterFoundNewProgram,
    };
  }

  setState(state: MergeProposerState): void {
    this.mergesDue = state.mergesDue;
    this.totalMergesTested = state.totalMergesTested;
    this.mergesPerformed = structuredClone(state.mergesPerformed);
    this.lastIterFoundNewProgram = state.lastIterFoundNewProgram;
  }

  /** Up to 5 shared validation ids: about a third where the first parent wins, a third where the second does, the rest ties. */
  selectEvalSubsample(scores1: Map<number, number>, scores2: Map<number, number>, count = 5): number[] {
    const rng = this.options.rng;
    const common = PyIntSet.from(scores1.keys()).intersection(PyIntSet.from(scores2.keys())).toArray();
    const p1 = common.filter((id) => (scores1.get(id) as number) > (scores2.get(id) as number));
    const p2 = common.filter((id) => (scores2.get(id) as number) > (scores1.get(id) as number));
    const p3 = common.filter((id) => !p1.includes(id) && !p2.includes(id));
    const perBucket = Math.max(1, Math.ceil(count / 3));
    const selected: number[] = [];
    for (const bucket of [p1, p2, p3]) {
      if (selected.length >= count) break;
      const available = bucket.filter((id) => !selected.includes(id));
      const take = Math.min(available.length, perBucket, count - selected.length);
      if (take > 0) selected.push(...rng.sample(available, take));
    }
    const remaining = count - selected.length;
    if (remaining > 0) {
      const unused = common.filter((id) => !selected.includes(id));
      if (unused.length >= remaining) selected.push(...rng.sample(unused, remaining));
      else if (common.length > 0) selected.push(...rng.choices(common, { k: remaining }));
    }
    return selected.slice(0, count);
  }

  /** A merge of two Pareto-front programs scored on a validation subsample, or `null` when none can be made. */
  async propose(state: GEPAState, step: EngineStep = liveStep): Promise<MergeProposal | null> {
    const iteration = state.i + 1;
    const trace = state.fullProgramTrace[state.fullProgramTrace.length - 1] as Record<string, unknown>;
    trace.invoked_merge = true;
    if (!(this.lastIterFoundNewProgram && this.mergesDue > 0)) {
      this.options.log(`Iteration ${iteration}: No merge candidates scheduled`);
      return null;
    }
    const scores = state.perProgramTrackedScores;
    const mergeCandidates = findDominatorPrograms(state.paretoFrontMapping(), scores);
    const attempt = sampleAndAttemptMerge({
      aggScores: scores,
      rng: this.options.rng,
      mergeCandidates,
      merges: this.mergesPerformed,
      candidates: state.programCandidates,
      parents: state.parentProgramForCandidate,
      hasValSupportOverlap: (id1, id2) => {
        const a = state.progCandidateValSubscores[id1] as Map<number, number>;
        const b = state.progCandidateValSubscores[id2] as Map<number, number>;
        return [...a.keys()].filter((id) => b.has(id)).length >= this.valOverlapFloor;
      },
    });
    if (attempt === null) {
      this.options.log(`Iteration ${iteration}: No merge candidates found`);
      return null;
    }
    const { candidate, id1, id2, ancestor } = attempt;
    trace.merged = true;
    trace.merged_entities = [id1, id2, ancestor];
    this.mergesPerformed.triplets.push([id1, id2, ancestor]);
    this.options.log(`Iteration ${iteration}: Merged programs ${id1} and ${id2} via ancestor ${ancestor}`);
    const scores1 = state.progCandidateValSubscores[id1] as Map<number, number>;
    const scores2 = state.progCandidateValSubscores[id2] as Map<number, number>;
    const subsampleIds = this.selectEvalSubsample(scores1, scores2);
    if (subsampleIds.length === 0) {
      this.options.log(`Iteration ${iteration}: Skipping merge of ${id1} and ${id2} due to insufficient overlapping val coverage`);
      return null;
    }
    const id1Scores = subsampleIds.map((id) => scores1.get(id) as number);
    const id2Scores = subsampleIds.map((id) => scores2.get(id) as number);
    trace.subsample_ids = subsampleIds;
    const evaluated = await step(`iteration:${state.i}:merge-subsample`, async () => (await this.options.evaluate(subsampleIds, candidate)).scores);
    // gepa keys the scores by id, so a repeated id gets its last score everywhere.
    const byId = new Map(subsampleIds.map((id, i) => [id, evaluated[i] as number]));
    const newScores = subsampleIds.map((id) => byId.get(id) as number);
    trace.id1_subsample_scores = id1Scores;
    trace.id2_subsample_scores = id2Scores;
    trace.new_program_subsample_scores = newScores;
    state.incrementEvals(subsampleIds.length);
    return {
      candidate,
      parentProgramIds: [id1, id2],
      ancestor,
      subsampleIds,
      subsampleScoresBefore: [sum(id1Scores), sum(id2Scores)],
      subsampleScoresAfter: newScores,
    };
  }
}
