import { ValueError } from "../../errors/value-error.js";
import { PyIntSet } from "../../python/py-int-set.js";
import type { PythonRandom } from "../../python/python-random.js";

/** Frontier key → programs on that front, in Python's dict order (see `GEPAState.paretoFrontMapping`). */
export type ParetoFrontMapping = Map<string, PyIntSet>;

/** The index of the first maximum (Python's `lst.index(max(lst))`). */
export function idxmax(values: readonly number[]): number {
  if (values.length === 0) throw new ValueError("idxmax() arg is an empty sequence");
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

/** Whether every front holding `program` also holds one of `others` (so `program` adds nothing). */
function isDominated(program: number, others: ReadonlySet<number>, mapping: ParetoFrontMapping): boolean {
  for (const front of mapping.values()) {
    if (!front.has(program)) continue;
    let dominated = false;
    for (const other of front) {
      if (others.has(other)) {
        dominated = true;
        break;
      }
    }
    if (!dominated) return false;
  }
  return true;
}

/**
 * Drops programs whose every front is also reached by a surviving program, weakest first (gepa's
 * `remove_dominated_programs`): programs are visited in ascending score (stable, first-seen order on ties) and the
 * scan restarts after each removal. Returns the fronts restricted to the dominators, as new sets.
 */
export function removeDominatedPrograms(mapping: ParetoFrontMapping, scores: readonly number[] | null = null): ParetoFrontMapping {
  const firstSeen: number[] = [];
  const seen = new Set<number>();
  for (const front of mapping.values()) {
    for (const program of front) {
      if (!seen.has(program)) {
        seen.add(program);
        firstSeen.push(program);
      }
    }
  }
  const scoreOf = (p: number) => (scores ? (scores[p] as number) : 1);
  const programs = [...firstSeen].sort((a, b) => (scoreOf(a) < scoreOf(b) ? -1 : scoreOf(a) > scoreOf(b) ? 1 : 0));
  const dominated = new Set<number>();
  let removed = true;
  while (removed) {
    removed = false;
    for (const program of programs) {
      if (dominated.has(program)) continue;
      const others = new Set(programs.filter((p) => p !== program && !dominated.has(p)));
      if (isDominated(program, others, mapping)) {
        dominated.add(program);
        removed = true;
        break;
      }
    }
  }
  const dominators = new Set(programs.filter((p) => !dominated.has(p)));
  return new Map([...mapping].map(([key, front]) => [key, PyIntSet.from([...front].filter((p) => dominators.has(p)))]));
}

/** The programs left on some front once dominated ones are removed, in Python's set order (gepa's `find_dominator_programs`). */
export function findDominatorPrograms(mapping: ParetoFrontMapping, scores: readonly number[]): number[] {
  const reduced = removeDominatedPrograms(mapping, scores);
  const unique: number[] = [];
  for (const front of reduced.values()) unique.push(...front);
  return PyIntSet.from(unique).toArray();
}

/**
 * Samples a parent from the Pareto front: each non-dominated program weighted by the number of fronts it is on
 * (gepa's `select_program_candidate_from_pareto_front`, one `rng.choice` over the repeated list).
 */
export function selectProgramCandidateFromParetoFront(mapping: ParetoFrontMapping, scores: readonly number[], rng: PythonRandom): number {
  const reduced = removeDominatedPrograms(mapping, scores);
  const frequency = new Map<number, number>();
  for (const front of reduced.values()) for (const program of front) frequency.set(program, (frequency.get(program) ?? 0) + 1);
  const samplingList: number[] = [];
  for (const [program, count] of frequency) for (let i = 0; i < count; i++) samplingList.push(program);
  if (samplingList.length === 0) throw new ValueError("The Pareto front is empty: no program to select.");
  return rng.choice(samplingList);
}
