import { PyIntSet } from "../../python/py-int-set.js";
import type { PythonRandom } from "../../python/python-random.js";
import type { Candidate } from "./gepa-adapter.js";

/** Merges already tried: `(id1, id2, ancestor)` triplets and `(id1, id2, sources)` descriptions (by value). */
export interface MergesPerformed {
  triplets: Array<[number, number, number]>;
  descriptions: Array<[number, number, number[]]>;
}

/** A merged candidate and where it came from. */
export interface MergeAttempt {
  candidate: Candidate;
  id1: number;
  id2: number;
  ancestor: number;
}

const sameTriplet = (a: readonly number[], b: readonly number[]) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
const sameDescription = (a: [number, number, number[]], b: [number, number, number[]]) =>
  a[0] === b[0] && a[1] === b[1] && a[2].length === b[2].length && a[2].every((v, i) => v === b[2][i]);

/** Whether some component is unchanged from the ancestor in one descendant and changed in the other. */
export function hasDesirablePredictors(candidates: readonly Candidate[], ancestor: number, id1: number, id2: number): boolean {
  const a = candidates[ancestor] as Candidate;
  const c1 = candidates[id1] as Candidate;
  const c2 = candidates[id2] as Candidate;
  return Object.keys(a).some((name) => (a[name] === c1[name] || a[name] === c2[name]) && c1[name] !== c2[name]);
}

/** Every ancestor of `node` (gepa's recursive `get_ancestors`), in Python's set order. */
function ancestorsOf(parents: ReadonlyArray<ReadonlyArray<number | null>>, node: number): number[] {
  const found = PyIntSet.empty();
  const visit = (n: number) => {
    for (const parent of parents[n] ?? []) {
      if (parent !== null && !found.has(parent)) {
        found.add(parent);
        visit(parent);
      }
    }
  };
  visit(node);
  return found.toArray();
}

/**
 * gepa's `find_common_ancestor_pair`: up to `maxAttempts` times, samples two merge candidates, rejects pairs where
 * one descends from the other, and keeps common ancestors not merged before for this pair, scoring no better than
 * either, and with a component worth merging; picks one weighted by its aggregate score.
 */
export function findCommonAncestorPair(
  rng: PythonRandom,
  parents: ReadonlyArray<ReadonlyArray<number | null>>,
  programIndexes: readonly number[],
  merges: MergesPerformed,
  aggScores: readonly number[],
  candidates: readonly Candidate[],
  maxAttempts = 10,
): [number, number, number] | null {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    if (programIndexes.length < 2) return null;
    let [i, j] = rng.sample(programIndexes, 2) as [number, number];
    if (i === j) continue;
    if (j < i) [i, j] = [j, i];
    const ancestorsI = ancestorsOf(parents, i);
    const ancestorsJ = ancestorsOf(parents, j);
    if (ancestorsI.includes(j) || ancestorsJ.includes(i)) continue;
    const common = PyIntSet.from(ancestorsI).intersection(PyIntSet.from(ancestorsJ));
    const eligible = [...common].filter(
      (ancestor) =>
        !merges.triplets.some((t) => sameTriplet(t, [i, j, ancestor])) &&
        !((aggScores[ancestor] as number) > (aggScores[i] as number) || (aggScores[ancestor] as number) > (aggScores[j] as number)) &&
        hasDesirablePredictors(candidates, ancestor, i, j),
    );
    if (eligible.length > 0) {
      const [ancestor] = rng.choices(eligible, { k: 1, weights: eligible.map((a) => aggScores[a] as number) });
      return [i, j, ancestor as number];
    }
  }
  return null;
}

/**
 * gepa's `sample_and_attempt_merge_programs_by_common_predictors`: finds a pair and ancestor, then builds the merge
 * component by component — a component one descendant kept from the ancestor takes the other's text; one both
 * changed takes the better-scoring descendant's (a random one on a tie); one both share is kept. Skips merges whose
 * description was tried already or whose parents share too few validation scores.
 *
 * gepa walks the components as a Python set of names (hash order, which varies between Python processes); tsdspy
 * walks them in the candidate's order (docs/compat.md).
 */
export function sampleAndAttemptMerge(options: {
  aggScores: readonly number[];
  rng: PythonRandom;
  mergeCandidates: readonly number[];
  merges: MergesPerformed;
  candidates: readonly Candidate[];
  parents: ReadonlyArray<ReadonlyArray<number | null>>;
  hasValSupportOverlap?: (id1: number, id2: number) => boolean;
  maxAttempts?: number;
}): MergeAttempt | null {
  const { aggScores, rng, mergeCandidates, merges, candidates, parents } = options;
  const maxAttempts = options.maxAttempts ?? 10;
  if (mergeCandidates.length < 2 || parents.length < 3) return null;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const found = findCommonAncestorPair(rng, parents, mergeCandidates, merges, aggScores, candidates, maxAttempts);
    if (found === null) continue;
    const [id1, id2, ancestor] = found;
    if (merges.triplets.some((t) => sameTriplet(t, found))) continue;
    const base = candidates[ancestor] as Candidate;
    const c1 = candidates[id1] as Candidate;
    const c2 = candidates[id2] as Candidate;
    const merged: Candidate = { ...base };
    const sources: number[] = [];
    for (const name of Object.keys(base)) {
      const [a, t1, t2] = [base[name], c1[name], c2[name]];
      let source: number;
      if ((a === t1 || a === t2) && t1 !== t2) source = a === t1 ? id2 : id1;
      else if (a !== t1 && a !== t2) {
        const s1 = aggScores[id1] as number;
        const s2 = aggScores[id2] as number;
        source = s1 > s2 ? id1 : s2 > s1 ? id2 : rng.choice([id1, id2]);
      } else source = id1;
      merged[name] = (candidates[source] as Candidate)[name] as string;
      sources.push(source);
    }
    const description: [number, number, number[]] = [id1, id2, sources];
    if (merges.descriptions.some((d) => sameDescription(d, description))) continue;
    if (options.hasValSupportOverlap && !options.hasValSupportOverlap(id1, id2)) continue;
    merges.descriptions.push(description);
    return { candidate: merged, id1, id2, ancestor };
  }
  return null;
}
