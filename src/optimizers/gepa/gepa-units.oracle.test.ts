import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PyIntSet } from "../../python/py-int-set.js";
import { PythonRandom } from "../../python/python-random.js";
import { EpochShuffledBatchSampler } from "./batch-sampler.js";
import type { Candidate } from "./gepa-adapter.js";
import type { GEPAState } from "./gepa-state.js";
import { extractInstruction, renderReflectionPrompt } from "./instruction-proposal.js";
import { sampleAndAttemptMerge, type MergesPerformed } from "./merge-candidates.js";
import { MergeProposer } from "./merge-proposer.js";
import { findDominatorPrograms, removeDominatedPrograms, selectProgramCandidateFromParetoFront, type ParetoFrontMapping } from "./pareto-front.js";

/** gepa 0.1.4's answers for its pure pieces on seeded random inputs (`__fixtures__/make-gepa-units.py`). */
const units = JSON.parse(readFileSync(new URL("./__fixtures__/gepa-units.json", import.meta.url), "utf8")) as {
  pareto: Array<{ adds: number[][]; scores: number[]; reduced: number[][]; dominators: number[]; picks: number[] }>;
  sampler: Array<{ size: number; minibatch: number; seed: number; batches: number[][] }>;
  merge: Array<{
    parents: Array<Array<number | null>>;
    candidates: Candidate[];
    scores: number[];
    mergeCandidates: number[];
    seed: number;
    results: Array<{ candidate: Candidate; ids: number[] } | null>;
    error: string | null;
    after: number;
  }>;
  subsample: Array<{ s1: Array<[number, number]>; s2: Array<[number, number]>; seed: number; ids: number[] }>;
  prompts: Array<{ instruction: string; records: Array<Record<string, unknown>>; prompt: string }>;
  extract: Array<{ reply: string; instruction: string }>;
};

function mappingOf(adds: number[][]): ParetoFrontMapping {
  return new Map(adds.map((members, id) => [String(id), PyIntSet.from(members)]));
}

describe("GEPA's pure pieces answer as gepa 0.1.4 does", () => {
  it("prunes dominated programs and samples parents from the Pareto front", () => {
    for (const c of units.pareto) {
      const reduced = removeDominatedPrograms(mappingOf(c.adds), c.scores);
      expect([...reduced.values()].map((front) => front.toArray())).toEqual(c.reduced);
      expect(findDominatorPrograms(mappingOf(c.adds), c.scores)).toEqual(c.dominators);
      const picks = [0, 1, 2, 3, 4].map((seed) => selectProgramCandidateFromParetoFront(mappingOf(c.adds), c.scores, new PythonRandom(seed)));
      expect(picks).toEqual(c.picks);
    }
  });

  it("draws the same epoch-shuffled minibatches", () => {
    for (const c of units.sampler) {
      const sampler = new EpochShuffledBatchSampler(c.minibatch, new PythonRandom(c.seed));
      const batches = c.batches.map((_, i) => sampler.nextMinibatchIds(c.size, { i } as GEPAState));
      expect(batches).toEqual(c.batches);
    }
  });

  it("merges the same programs, the same way, with the same random draws (and fails where gepa fails)", () => {
    for (const c of units.merge) {
      const rng = new PythonRandom(c.seed);
      const merges: MergesPerformed = { triplets: [], descriptions: [] };
      const results: Array<{ candidate: Candidate; ids: number[] } | null> = [];
      let error: string | null = null;
      try {
        for (let attempt = 0; attempt < 3; attempt++) {
          const res = sampleAndAttemptMerge({ aggScores: c.scores, rng, mergeCandidates: c.mergeCandidates, merges, candidates: c.candidates, parents: c.parents });
          results.push(res && { candidate: res.candidate, ids: [res.id1, res.id2, res.ancestor] });
          if (res) merges.triplets.push([res.id1, res.id2, res.ancestor]);
        }
      } catch (e) {
        error = `${(e as Error).name}: ${(e as Error).message}`;
      }
      expect(error).toBe(c.error);
      expect(results).toEqual(c.results);
      expect(rng.random()).toBe(c.after);
    }
  });

  it("picks the same validation subsample for a merge", () => {
    for (const c of units.subsample) {
      const proposer = new MergeProposer({ valsetSize: 0, evaluate: async () => ({ outputs: [], scores: [], trajectories: null, objectiveScores: null }), maxMergeInvocations: 5, rng: new PythonRandom(c.seed), log: () => {} });
      expect(proposer.selectEvalSubsample(new Map(c.s1), new Map(c.s2))).toEqual(c.ids);
    }
  });

  it("renders the reflection prompt byte for byte", () => {
    for (const c of units.prompts) expect(renderReflectionPrompt(c.instruction, c.records)).toBe(c.prompt);
  });

  it("extracts the new instruction from a reply as gepa does", () => {
    for (const c of units.extract) expect(extractInstruction(c.reply.trim())).toBe(c.instruction);
  });
});
