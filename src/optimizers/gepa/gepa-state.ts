import { ValueError } from "../../errors/value-error.js";
import { PyIntSet, type PyIntSetLayout } from "../../python/py-int-set.js";
import type { Candidate, ObjectiveScores } from "./gepa-adapter.js";

/** How Pareto fronts are kept: per validation example, per objective, both, or per (example, objective). */
export type FrontierType = "instance" | "objective" | "hybrid" | "cartesian";

/** A candidate's evaluation on (part of) the validation set, keyed by validation id. */
export interface ValsetEvaluation<Output = unknown> {
  outputsByValId: Map<number, Output>;
  scoresByValId: Map<number, number>;
  objectiveScoresByValId: Map<number, ObjectiveScores> | null;
}

/** The state's plain fields, saved as they are. */
type PlainStateFields =
  | "frontierType"
  | "programCandidates"
  | "parentProgramForCandidate"
  | "listOfNamedPredictors"
  | "namedPredictorIdToUpdateNextForProgramCandidate"
  | "i"
  | "numFullDsEvals"
  | "totalNumEvals"
  | "numMetricCallsByDiscovery"
  | "fullProgramTrace"
  | "adapterState";

/** `GEPAState.toJSON()`: plain JSON, maps as entry lists and sets as table layouts (so their iteration order survives). */
export type GEPAStateJSON = Pick<GEPAState, PlainStateFields> & {
  schemaVersion: 1;
  progCandidateValSubscores: Array<Array<[number, number]>>;
  progCandidateObjectiveScores: Array<Array<[string, number]>>;
  paretoFrontValset: Array<[number, number]>;
  programAtParetoFrontValset: Array<[number, PyIntSetLayout]>;
  objectiveParetoFront: Array<[string, number]>;
  programAtParetoFrontObjectives: Array<[string, PyIntSetLayout]>;
  paretoFrontCartesian: Array<[number, string, number]>;
  programAtParetoFrontCartesian: Array<[number, string, PyIntSetLayout]>;
  bestOutputsValset: Array<[number, Array<[number, unknown]>]> | null;
};

/** The cartesian frontier's key: a validation id and an objective. */
const cartesianKey = (valId: number, objective: string) => JSON.stringify([valId, objective]);

/**
 * Everything a GEPA run knows (gepa's `GEPAState`): the candidates and their lineage, each candidate's per-example
 * validation scores, the Pareto fronts (best score and the programs reaching it, per example / objective), the
 * round-robin position of each candidate, the iteration, the metric calls spent and the per-iteration trace.
 * Front membership is kept in `PyIntSet`s so that iterating them matches Python's set order.
 */
export class GEPAState<Output = unknown> {
  frontierType: FrontierType;
  programCandidates: Candidate[];
  parentProgramForCandidate: Array<Array<number | null>>;
  progCandidateValSubscores: Array<Map<number, number>>;
  progCandidateObjectiveScores: Array<Map<string, number>>;
  paretoFrontValset: Map<number, number>;
  programAtParetoFrontValset: Map<number, PyIntSet>;
  objectiveParetoFront: Map<string, number>;
  programAtParetoFrontObjectives: Map<string, PyIntSet>;
  paretoFrontCartesian: Map<string, number>;
  programAtParetoFrontCartesian: Map<string, PyIntSet>;
  listOfNamedPredictors: string[];
  namedPredictorIdToUpdateNextForProgramCandidate: number[];
  /** The iteration: -1 before the first, then 0, 1, … */
  i: number;
  numFullDsEvals: number;
  totalNumEvals: number;
  numMetricCallsByDiscovery: number[];
  /** One record per iteration: the parent, minibatch, scores before and after, merges, the new program's index. */
  fullProgramTrace: Array<Record<string, unknown>>;
  bestOutputsValset: Map<number, Array<[number, Output]>> | null;
  adapterState: Record<string, unknown>;
  readonly #budgetHooks: Array<(total: number, delta: number) => void> = [];

  /** The state after the seed candidate's validation: it alone is on every front. */
  constructor(
    seedCandidate: Candidate,
    base: ValsetEvaluation<Output>,
    options: { trackBestOutputs?: boolean; frontierType?: FrontierType } = {},
  ) {
    const frontierType = options.frontierType ?? "instance";
    this.frontierType = frontierType;
    this.programCandidates = [{ ...seedCandidate }];
    this.progCandidateValSubscores = [new Map(base.scoresByValId)];
    const objectives = aggregateObjectiveScores(base.objectiveScoresByValId);
    this.progCandidateObjectiveScores = [objectives];
    this.parentProgramForCandidate = [[null]];
    this.paretoFrontValset = new Map(base.scoresByValId);
    this.programAtParetoFrontValset = new Map([...base.scoresByValId.keys()].map((id) => [id, PyIntSet.of(0)]));
    this.objectiveParetoFront = new Map(objectives);
    this.programAtParetoFrontObjectives = new Map([...objectives.keys()].map((name) => [name, PyIntSet.of(0)]));
    if (frontierType !== "instance" && (!base.objectiveScoresByValId || base.objectiveScoresByValId.size === 0)) {
      throw new ValueError(
        `GEPA's frontierType: "${frontierType}" requires objective_scores to be provided by the evaluator, but none were found. ` +
          'Use a metric that returns objective scores (a Prediction or object with `objective_scores`) or frontierType: "instance".',
      );
    }
    this.paretoFrontCartesian = new Map();
    this.programAtParetoFrontCartesian = new Map();
    if (frontierType === "cartesian") {
      for (const [valId, scores] of base.objectiveScoresByValId ?? []) {
        for (const [objective, score] of Object.entries(scores)) {
          this.paretoFrontCartesian.set(cartesianKey(valId, objective), score);
          this.programAtParetoFrontCartesian.set(cartesianKey(valId, objective), PyIntSet.of(0));
        }
      }
    }
    this.listOfNamedPredictors = Object.keys(seedCandidate);
    this.namedPredictorIdToUpdateNextForProgramCandidate = [0];
    this.i = -1;
    this.numMetricCallsByDiscovery = [0];
    this.bestOutputsValset = options.trackBestOutputs
      ? new Map([...base.outputsByValId].map(([id, output]) => [id, [[0, output] as [number, Output]]]))
      : null;
    this.fullProgramTrace = [];
    this.adapterState = {};
    this.numFullDsEvals = 1;
    this.totalNumEvals = base.scoresByValId.size;
  }

  /** Calls `hook(newTotal, delta)` whenever metric calls are counted. */
  addBudgetHook(hook: (total: number, delta: number) => void): void {
    this.#budgetHooks.push(hook);
  }

  /** Counts metric calls (gepa's `increment_evals`). */
  incrementEvals(count: number): void {
    this.totalNumEvals += count;
    for (const hook of this.#budgetHooks) hook(this.totalNumEvals, count);
  }

  /** The mean of a program's validation scores and how many it has (`-Infinity, 0` for none). */
  programAverageValSubset(programIdx: number): [average: number, count: number] {
    const scores = this.progCandidateValSubscores[programIdx];
    if (!scores || scores.size === 0) return [-Infinity, 0];
    let sum = 0;
    for (const score of scores.values()) sum += score;
    return [sum / scores.size, scores.size];
  }

  /** Every program's mean validation score (gepa's `program_full_scores_val_set`). */
  get programFullScoresValSet(): number[] {
    return this.progCandidateValSubscores.map((_, idx) => this.programAverageValSubset(idx)[0]);
  }

  /** The scores candidate selection and merges rank programs by (the same means). */
  get perProgramTrackedScores(): number[] {
    return this.programFullScoresValSet;
  }

  /** Adds an evaluated program and updates every front; returns its index. */
  updateStateWithNewProgram(
    parentProgramIdx: number[],
    newProgram: Candidate,
    evaluation: ValsetEvaluation<Output>,
    numMetricCallsByDiscoveryOfNewProgram: number,
  ): number {
    const newIdx = this.programCandidates.length;
    this.programCandidates.push({ ...newProgram });
    this.numMetricCallsByDiscovery.push(numMetricCallsByDiscoveryOfNewProgram);
    const nextIds = parentProgramIdx.map((p) => this.namedPredictorIdToUpdateNextForProgramCandidate[p] as number);
    this.namedPredictorIdToUpdateNextForProgramCandidate.push(nextIds.length ? Math.max(...nextIds) : 0);
    this.parentProgramForCandidate.push([...parentProgramIdx]);
    const scores = new Map(evaluation.scoresByValId);
    this.progCandidateValSubscores.push(scores);
    const objectives = aggregateObjectiveScores(evaluation.objectiveScoresByValId);
    this.progCandidateObjectiveScores.push(objectives);
    for (const [valId, score] of scores) {
      const output = evaluation.outputsByValId.has(valId) ? (evaluation.outputsByValId.get(valId) as Output) : undefined;
      this.updateFrontForValId(valId, score, newIdx, output);
    }
    for (const [objective, score] of objectives) {
      const previous = this.objectiveParetoFront.get(objective) ?? -Infinity;
      if (score > previous) {
        this.objectiveParetoFront.set(objective, score);
        this.programAtParetoFrontObjectives.set(objective, PyIntSet.of(newIdx));
      } else if (score === previous) {
        this.frontSet(this.programAtParetoFrontObjectives, objective).add(newIdx);
      }
    }
    if (this.frontierType !== "instance" && (!evaluation.objectiveScoresByValId || evaluation.objectiveScoresByValId.size === 0)) {
      throw new ValueError(
        `GEPA's frontierType: "${this.frontierType}" requires objective_scores to be provided by the evaluator, but none were found in the evaluation result.`,
      );
    }
    if (this.frontierType === "cartesian") {
      for (const [valId, objectiveScores] of evaluation.objectiveScoresByValId ?? []) {
        for (const [objective, score] of Object.entries(objectiveScores)) {
          const key = cartesianKey(valId, objective);
          const previous = this.paretoFrontCartesian.get(key) ?? -Infinity;
          if (score > previous) {
            this.paretoFrontCartesian.set(key, score);
            this.programAtParetoFrontCartesian.set(key, PyIntSet.of(newIdx));
          } else if (score === previous) {
            this.frontSet(this.programAtParetoFrontCartesian, key).add(newIdx);
          }
        }
      }
    }
    return newIdx;
  }

  /** Frontier key → the programs on that front (copies, as `set(front)`), in Python's dict order. */
  paretoFrontMapping(): Map<string, PyIntSet> {
    const copy = (entries: Iterable<[string, PyIntSet]>) => new Map([...entries].map(([k, v]) => [k, PyIntSet.copyOf(v)] as [string, PyIntSet]));
    const byValId = () => [...this.programAtParetoFrontValset].map(([id, front]) => [`val_id:${id}`, front] as [string, PyIntSet]);
    const byObjective = () => [...this.programAtParetoFrontObjectives].map(([name, front]) => [`objective:${name}`, front] as [string, PyIntSet]);
    switch (this.frontierType) {
      case "instance":
        return copy(byValId());
      case "objective":
        return copy(byObjective());
      case "hybrid":
        return copy([...byValId(), ...byObjective()]);
      case "cartesian":
        return copy([...this.programAtParetoFrontCartesian].map(([key, front]) => [`cartesian:${key}`, front] as [string, PyIntSet]));
    }
  }

  /** Checks the parallel arrays and fronts agree (gepa's `is_consistent`). */
  assertConsistent(): void {
    const n = this.programCandidates.length;
    const lengths = [
      this.parentProgramForCandidate.length,
      this.namedPredictorIdToUpdateNextForProgramCandidate.length,
      this.progCandidateValSubscores.length,
      this.progCandidateObjectiveScores.length,
      this.numMetricCallsByDiscovery.length,
    ];
    if (lengths.some((length) => length !== n)) throw new ValueError("GEPA state is inconsistent: per-candidate lists differ in length.");
    for (const front of this.programAtParetoFrontValset.values()) {
      for (const idx of front) if (idx >= n) throw new ValueError("GEPA state is inconsistent: a front names a program that does not exist.");
    }
  }

  toJSON(): GEPAStateJSON {
    const layouts = <K>(map: Map<K, PyIntSet>) => [...map].map(([k, v]) => [k, v.toLayout()] as [K, PyIntSetLayout]);
    return {
      schemaVersion: 1,
      frontierType: this.frontierType,
      programCandidates: this.programCandidates.map((c) => ({ ...c })),
      parentProgramForCandidate: this.parentProgramForCandidate.map((p) => [...p]),
      progCandidateValSubscores: this.progCandidateValSubscores.map((m) => [...m]),
      progCandidateObjectiveScores: this.progCandidateObjectiveScores.map((m) => [...m]),
      paretoFrontValset: [...this.paretoFrontValset],
      programAtParetoFrontValset: layouts(this.programAtParetoFrontValset),
      objectiveParetoFront: [...this.objectiveParetoFront],
      programAtParetoFrontObjectives: layouts(this.programAtParetoFrontObjectives),
      paretoFrontCartesian: [...this.paretoFrontCartesian].map(([k, v]) => [...(JSON.parse(k) as [number, string]), v] as [number, string, number]),
      programAtParetoFrontCartesian: [...this.programAtParetoFrontCartesian].map(
        ([k, v]) => [...(JSON.parse(k) as [number, string]), v.toLayout()] as [number, string, PyIntSetLayout],
      ),
      listOfNamedPredictors: [...this.listOfNamedPredictors],
      namedPredictorIdToUpdateNextForProgramCandidate: [...this.namedPredictorIdToUpdateNextForProgramCandidate],
      i: this.i,
      numFullDsEvals: this.numFullDsEvals,
      totalNumEvals: this.totalNumEvals,
      numMetricCallsByDiscovery: [...this.numMetricCallsByDiscovery],
      fullProgramTrace: this.fullProgramTrace,
      bestOutputsValset: this.bestOutputsValset ? [...this.bestOutputsValset].map(([k, v]) => [k, v.map(([p, o]) => [p, o] as [number, unknown])]) : null,
      adapterState: this.adapterState,
    };
  }

  /** Restores a state saved with `toJSON()`. */
  static fromJSON<Output = unknown>(json: GEPAStateJSON): GEPAState<Output> {
    if (!json || json.schemaVersion !== 1) throw new ValueError("Not a tsdspy GEPA checkpoint (expected schemaVersion 1).");
    const state = Object.create(GEPAState.prototype) as GEPAState<Output>;
    const sets = <K>(entries: Array<[K, PyIntSetLayout]>) => new Map(entries.map(([k, v]) => [k, PyIntSet.fromLayout(v)]));
    Object.assign(state, {
      frontierType: json.frontierType,
      programCandidates: json.programCandidates.map((c) => ({ ...c })),
      parentProgramForCandidate: json.parentProgramForCandidate.map((p) => [...p]),
      progCandidateValSubscores: json.progCandidateValSubscores.map((entries) => new Map(entries)),
      progCandidateObjectiveScores: json.progCandidateObjectiveScores.map((entries) => new Map(entries)),
      paretoFrontValset: new Map(json.paretoFrontValset),
      programAtParetoFrontValset: sets(json.programAtParetoFrontValset),
      objectiveParetoFront: new Map(json.objectiveParetoFront),
      programAtParetoFrontObjectives: sets(json.programAtParetoFrontObjectives),
      paretoFrontCartesian: new Map(json.paretoFrontCartesian.map(([id, obj, v]) => [cartesianKey(id, obj), v])),
      programAtParetoFrontCartesian: new Map(json.programAtParetoFrontCartesian.map(([id, obj, v]) => [cartesianKey(id, obj), PyIntSet.fromLayout(v)])),
      listOfNamedPredictors: [...json.listOfNamedPredictors],
      namedPredictorIdToUpdateNextForProgramCandidate: [...json.namedPredictorIdToUpdateNextForProgramCandidate],
      i: json.i,
      numFullDsEvals: json.numFullDsEvals,
      totalNumEvals: json.totalNumEvals,
      numMetricCallsByDiscovery: [...json.numMetricCallsByDiscovery],
      fullProgramTrace: json.fullProgramTrace,
      bestOutputsValset: json.bestOutputsValset ? new Map(json.bestOutputsValset.map(([k, v]) => [k, v as Array<[number, Output]>])) : null,
      adapterState: json.adapterState ?? {},
    });
    state.assertConsistent();
    return state;
  }

  private updateFrontForValId(valId: number, score: number, programIdx: number, output: Output | undefined): void {
    const previous = this.paretoFrontValset.get(valId) ?? -Infinity;
    if (score > previous) {
      this.paretoFrontValset.set(valId, score);
      this.programAtParetoFrontValset.set(valId, PyIntSet.of(programIdx));
      if (this.bestOutputsValset && output !== undefined) this.bestOutputsValset.set(valId, [[programIdx, output]]);
    } else if (score === previous) {
      this.frontSet(this.programAtParetoFrontValset, valId).add(programIdx);
      if (this.bestOutputsValset && output !== undefined) this.bestOutputsValset.get(valId)?.push([programIdx, output]);
    }
  }

  private frontSet<K>(map: Map<K, PyIntSet>, key: K): PyIntSet {
    let front = map.get(key);
    if (!front) {
      front = PyIntSet.empty();
      map.set(key, front);
    }
    return front;
  }
}

/** The mean of each objective over the examples that report it, in first-seen order (gepa's aggregation). */
export function aggregateObjectiveScores(byValId: Map<number, ObjectiveScores> | null): Map<string, number> {
  const totals = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const scores of byValId?.values() ?? []) {
    for (const [objective, score] of Object.entries(scores)) {
      totals.set(objective, (totals.get(objective) ?? 0) + score);
      counts.set(objective, (counts.get(objective) ?? 0) + 1);
    }
  }
  return new Map([...totals].map(([objective, total]) => [objective, total / (counts.get(objective) as number)]));
}
