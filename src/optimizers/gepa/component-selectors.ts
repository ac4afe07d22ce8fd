import type { Candidate } from "./gepa-adapter.js";
import type { GEPAState } from "./gepa-state.js";

/**
 * Chooses which components a reflective mutation rewrites (gepa's `ReflectionComponentSelector`), called as DSPy
 * calls it: `(state, trajectories, subsampleScores, candidateIdx, candidate)`.
 */
export type ComponentSelector = (
  state: GEPAState,
  trajectories: unknown[],
  subsampleScores: number[],
  candidateIdx: number,
  candidate: Candidate,
) => string[] | Promise<string[]>;

/** One component per iteration, cycling through the components separately for each candidate. */
export const roundRobinComponentSelector: ComponentSelector = (state, _trajectories, _scores, candidateIdx) => {
  const position = state.namedPredictorIdToUpdateNextForProgramCandidate[candidateIdx] as number;
  state.namedPredictorIdToUpdateNextForProgramCandidate[candidateIdx] = (position + 1) % state.listOfNamedPredictors.length;
  return [state.listOfNamedPredictors[position] as string];
};

/** Every component, every iteration. */
export const allComponentSelector: ComponentSelector = (_state, _trajectories, _scores, _idx, candidate) => Object.keys(candidate);
