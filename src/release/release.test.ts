import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EvaluationResult } from "../evaluate/evaluation-result.js";
import { Predict } from "../predict/predict.js";
import { Example } from "../primitives/example.js";
import { Prediction } from "../primitives/prediction.js";
import { ArtifactError, loadArtifact, writeArtifact } from "./artifact.js";
import { assertDisjointSplits } from "./assert-disjoint-splits.js";
import { releaseDecision } from "./release-gates.js";
import { sliceScores } from "./slice-scores.js";
import { splitHash } from "./split-hash.js";

describe("release discipline", () => {
  it("rejects leaked ids with the article's message", () => {
    expect(() => assertDisjointSplits(new Set(["a", "b"]), new Set(["c"]), new Set(["b", "a"]))).toThrow("leaked examples: ['a', 'b']");
  });

  it("blocks promotion on a failed slice or no improvement", () => {
    const baseline = { late: 84, refund: 91 };
    expect(releaseDecision({ baseline, candidate: { late: 95, refund: 83 }, minimum: { late: 84, refund: 88 } })).toEqual({
      improvedAverage: true, failedGates: ["refund"], promote: false,
    });
    expect(releaseDecision({ baseline, candidate: { late: 84, refund: 90 }, minimum: {}, requireImprovement: true }).promote).toBe(false);
    expect(releaseDecision({ baseline, candidate: { late: 90, refund: 90 }, minimum: { late: 80 }, requireImprovement: true }).promote).toBe(true);
  });

  it("summarises an evaluation per slice on Evaluate's scale", () => {
    const rows: Array<[Example, Prediction, number | boolean]> = [
      [new Example({ slice: "a" }), new Prediction(), 1],
      [new Example({ slice: "a" }), new Prediction(), 0.5],
      [new Example({ slice: "b" }), new Prediction(), true],
    ];
    const result = new EvaluationResult({ score: 83.33, results: rows });
    expect(sliceScores(result, (e) => String(e.slice))).toEqual({ a: { score: 75, count: 2 }, b: { score: 100, count: 1 } });
  });

  it("fingerprints splits by content and order", () => {
    const a = [new Example({ id: 1, q: "x" }), new Example({ q: "y", id: 2 })];
    expect(splitHash(a)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(splitHash(a)).toBe(splitHash([{ q: "x", id: 1 }, { id: 2, q: "y" }]));
    expect(splitHash(a)).not.toBe(splitHash([...a].reverse()));
  });

  it("writes an artifact (DSPy state + manifest) and loads it into a fresh program", async () => {
    const dir = join(await mkdtemp(join(tmpdir(), "tsdspy-artifact-")), "support-v1");
    const program = new Predict("ticket_text -> resolution");
    program.demos = [new Example({ ticket_text: "late", resolution: "credit" })];
    const decision = { improvedAverage: true, failedGates: [], promote: true };
    const manifest = await writeArtifact(dir, program, {
      programVersion: "support-v1", model: "sim/support", metric: "resolutionQuality",
      splits: { test: { hash: "sha256:x", size: 1 } }, optimizer: { name: "X", settings: {} }, scores: { test: 100 }, decision,
    });
    expect(manifest.stateFile).toBe("program.json");
    expect(JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")).decision).toEqual(decision);
    const { program: loaded } = await loadArtifact(dir, new Predict("ticket_text -> resolution"));
    expect(loaded.demos).toEqual([{ ticket_text: "late", resolution: "credit" }]);
    await expect(loadArtifact(join(dir, "missing"), new Predict("a -> b"))).rejects.toThrow(ArtifactError);
  });
});
