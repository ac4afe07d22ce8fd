import { describe, expect, it } from "vitest";
import { GEPAState, type ValsetEvaluation } from "./gepa-state.js";

const evaluation = (scores: number[], objectives?: Array<Record<string, number>>): ValsetEvaluation => ({
  outputsByValId: new Map(scores.map((_, i) => [i, `out${i}`])),
  scoresByValId: new Map(scores.map((s, i) => [i, s])),
  objectiveScoresByValId: objectives ? new Map(objectives.map((o, i) => [i, o])) : null,
});

describe("GEPAState Pareto bookkeeping", () => {
  it("replaces a front on improvement, joins it on a tie, and keeps the best outputs", () => {
    const state = new GEPAState({ a: "seed" }, evaluation([0.5, 0, 1]), { trackBestOutputs: true });
    expect(state.totalNumEvals).toBe(3);
    state.i = 0;
    const idx = state.updateStateWithNewProgram([0], { a: "child" }, evaluation([0.5, 1, 0]), 3);
    expect(idx).toBe(1);
    expect([...state.paretoFrontValset]).toEqual([[0, 0.5], [1, 1], [2, 1]]);
    expect([...state.programAtParetoFrontValset].map(([id, f]) => [id, f.toArray()])).toEqual([[0, [0, 1]], [1, [1]], [2, [0]]]);
    expect(state.bestOutputsValset?.get(0)).toEqual([[0, "out0"], [1, "out0"]]);
    expect(state.parentProgramForCandidate).toEqual([[null], [0]]);
    expect(state.numMetricCallsByDiscovery).toEqual([0, 3]);
    expect(state.programFullScoresValSet).toEqual([0.5, 0.5]);
    expect([...state.paretoFrontMapping().keys()]).toEqual(["val_id:0", "val_id:1", "val_id:2"]);
  });

  it("aggregates objectives and keeps per-objective fronts", () => {
    const state = new GEPAState({ a: "s" }, evaluation([1, 0], [{ x: 1, y: 0 }, { x: 0 }]), { frontierType: "hybrid" });
    expect(Object.fromEntries(state.progCandidateObjectiveScores[0]!)).toEqual({ x: 0.5, y: 0 });
    state.updateStateWithNewProgram([0], { a: "t" }, evaluation([0, 1], [{ x: 0, y: 1 }, { x: 1 }]), 2);
    expect([...state.programAtParetoFrontObjectives].map(([k, f]) => [k, f.toArray()])).toEqual([["x", [0, 1]], ["y", [1]]]);
    expect([...state.paretoFrontMapping().keys()]).toEqual(["val_id:0", "val_id:1", "objective:x", "objective:y"]);
    expect(() => new GEPAState({ a: "s" }, evaluation([1]), { frontierType: "objective" })).toThrow(/requires objective_scores/);
  });

  it("round-trips through JSON with the fronts' set order intact", () => {
    const state = new GEPAState({ a: "s", b: "t" }, evaluation([0, 0, 0]));
    for (let i = 1; i <= 12; i++) state.updateStateWithNewProgram([i - 1], { a: `s${i}`, b: "t" }, evaluation([0, i % 3 === 0 ? 1 : 0, 0]), i * 3);
    const restored = GEPAState.fromJSON(JSON.parse(JSON.stringify(state.toJSON())));
    expect([...restored.programAtParetoFrontValset].map(([id, f]) => [id, f.toArray()])).toEqual(
      [...state.programAtParetoFrontValset].map(([id, f]) => [id, f.toArray()]),
    );
    expect(restored.programFullScoresValSet).toEqual(state.programFullScoresValSet);
    expect(restored.toJSON()).toEqual(state.toJSON());
    expect(() => GEPAState.fromJSON({ schemaVersion: 2 } as never)).toThrow(/Not a tsdspy GEPA checkpoint/);
  });
});
