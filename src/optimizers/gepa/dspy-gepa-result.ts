import type { Module } from "../../primitives/module.js";
import { PyIntSet } from "../../python/py-int-set.js";
import type { Signature } from "../../signatures/signature.js";
import type { Candidate } from "./gepa-adapter.js";
import type { GEPAState } from "./gepa-state.js";

/**
 * What a GEPA run found (DSPy's `DspyGEPAResult`, on `compiled.detailedResults` with `trackStats`): every accepted
 * candidate as a program, its parents, mean and per-example validation scores, the Pareto front (per validation
 * id, the candidates with the best score, in Python's set order), the metric calls spent when each was found, and
 * with `trackBestOutputs` the best outputs per validation example.
 */
export class DspyGEPAResult<M extends Module = Module, Output = unknown> {
  readonly candidates: M[];
  readonly parents: Array<Array<number | null>>;
  readonly valAggregateScores: number[];
  readonly valSubscores: Array<Record<number, number>>;
  readonly perValInstanceBestCandidates: Record<number, number[]>;
  readonly discoveryEvalCounts: number[];
  readonly bestOutputsValset: Record<number, Array<[number, Output]>> | null;
  readonly totalMetricCalls: number | null;
  readonly numFullValEvals: number | null;
  readonly logDir: string | null;
  readonly seed: number | null;
  readonly valAggregateSubscores: Array<Record<string, number>> | null;
  readonly perObjectiveBestCandidates: Record<string, number[]> | null;
  readonly objectiveParetoFront: Record<string, number> | null;

  constructor(fields: Omit<DspyGEPAResult<M, Output>, "bestIdx" | "bestCandidate" | "highestScoreAchievedPerValTask" | "toDict">) {
    this.candidates = fields.candidates;
    this.parents = fields.parents;
    this.valAggregateScores = fields.valAggregateScores;
    this.valSubscores = fields.valSubscores;
    this.perValInstanceBestCandidates = fields.perValInstanceBestCandidates;
    this.discoveryEvalCounts = fields.discoveryEvalCounts;
    this.bestOutputsValset = fields.bestOutputsValset;
    this.totalMetricCalls = fields.totalMetricCalls;
    this.numFullValEvals = fields.numFullValEvals;
    this.logDir = fields.logDir;
    this.seed = fields.seed;
    this.valAggregateSubscores = fields.valAggregateSubscores;
    this.perObjectiveBestCandidates = fields.perObjectiveBestCandidates;
    this.objectiveParetoFront = fields.objectiveParetoFront;
  }

  /** From a finished run's state; `build` turns a candidate into a program. */
  static fromState<M extends Module, Output>(
    state: GEPAState<Output>,
    build: (candidate: Candidate) => M,
    meta: { logDir: string | null; seed: number | null },
  ): DspyGEPAResult<M, Output> {
    const objectiveScores = state.progCandidateObjectiveScores.map((m) => Object.fromEntries(m));
    // GEPAResult copies every front with set(front), which can reorder sets of five or more.
    const perObjective = Object.fromEntries([...state.programAtParetoFrontObjectives].map(([k, v]) => [k, PyIntSet.copyOf(v).toArray()]));
    return new DspyGEPAResult<M, Output>({
      candidates: state.programCandidates.map(build),
      parents: state.parentProgramForCandidate.map((p) => [...p]),
      valAggregateScores: state.programFullScoresValSet,
      valSubscores: state.progCandidateValSubscores.map((m) => Object.fromEntries(m)),
      perValInstanceBestCandidates: Object.fromEntries([...state.programAtParetoFrontValset].map(([id, front]) => [id, PyIntSet.copyOf(front).toArray()])),
      discoveryEvalCounts: [...state.numMetricCallsByDiscovery],
      bestOutputsValset: state.bestOutputsValset ? Object.fromEntries([...state.bestOutputsValset].map(([id, v]) => [id, v.map(([p, o]) => [p, o] as [number, Output])])) : null,
      totalMetricCalls: state.totalNumEvals,
      numFullValEvals: state.numFullDsEvals,
      logDir: meta.logDir,
      seed: meta.seed,
      valAggregateSubscores: objectiveScores.some((o) => Object.keys(o).length > 0) ? objectiveScores : null,
      perObjectiveBestCandidates: Object.keys(perObjective).length ? perObjective : null,
      objectiveParetoFront: state.objectiveParetoFront.size ? Object.fromEntries(state.objectiveParetoFront) : null,
    });
  }

  /** The candidate with the best mean validation score (the first on ties). */
  get bestIdx(): number {
    let best = 0;
    this.valAggregateScores.forEach((score, i) => {
      if (score > (this.valAggregateScores[best] as number)) best = i;
    });
    return best;
  }

  get bestCandidate(): M {
    return this.candidates[this.bestIdx] as M;
  }

  /** Per validation id, the best score any candidate reached. */
  get highestScoreAchievedPerValTask(): Record<number, number> {
    return Object.fromEntries(
      Object.entries(this.perValInstanceBestCandidates).map(([id, front]) => [id, (this.valSubscores[front[0] as number] as Record<number, number>)[Number(id)] as number]),
    );
  }

  /** DSPy's `to_dict()` (snake_case keys, candidates as their instructions), JSON-ready. */
  toDict(): Record<string, unknown> {
    return {
      candidates: this.candidates.map((program) =>
        Object.fromEntries(program.namedPredictors().map(([name, p]) => [name, (p as unknown as { signature: Signature }).signature.instructions])),
      ),
      parents: this.parents,
      val_aggregate_scores: this.valAggregateScores,
      best_outputs_valset: this.bestOutputsValset,
      val_subscores: this.valSubscores,
      per_val_instance_best_candidates: this.perValInstanceBestCandidates,
      val_aggregate_subscores: this.valAggregateSubscores,
      per_objective_best_candidates: this.perObjectiveBestCandidates,
      objective_pareto_front: this.objectiveParetoFront,
      discovery_eval_counts: this.discoveryEvalCounts,
      total_metric_calls: this.totalMetricCalls,
      num_full_val_evals: this.numFullValEvals,
      log_dir: this.logDir,
      seed: this.seed,
      best_idx: this.bestIdx,
    };
  }
}
