import type { PythonRandom } from "../../python/python-random.js";
import type { GEPAState } from "./gepa-state.js";
import { idxmax, selectProgramCandidateFromParetoFront } from "./pareto-front.js";

/** Picks the parent of the next reflective mutation (gepa's `CandidateSelector`). */
export interface CandidateSelector {
  selectCandidateIdx(state: GEPAState): number;
}

/** Samples a Pareto-front program, weighted by the number of fronts (validation examples) it is best on. */
export class ParetoCandidateSelector implements CandidateSelector {
  constructor(private readonly rng: PythonRandom) {}

  selectCandidateIdx(state: GEPAState): number {
    return selectProgramCandidateFromParetoFront(state.paretoFrontMapping(), state.perProgramTrackedScores, this.rng);
  }
}

/** Always the program with the best mean validation score (the first on ties). */
export class CurrentBestCandidateSelector implements CandidateSelector {
  selectCandidateIdx(state: GEPAState): number {
    return idxmax(state.programFullScoresValSet);
  }
}
