import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../context/logger.js";
import { withSettings } from "../../context/settings.js";
import { MetricError } from "../../errors/metric-error.js";
import { Predict } from "../../predict/predict.js";
import { Example } from "../../primitives/example.js";
import { DummyLM } from "../../testing/dummy-lm.js";
import { ReplayLM } from "../gepa/__fixtures__/replay-lm.js";
import { dataset, METRICS, PROGRAMS } from "../gepa/__fixtures__/rule-task.js";
import type { CompactCall } from "../gepa/__fixtures__/sequence-replay.js";
import { CHECKPOINT_FILE, type RunCheckpoint } from "../run/run-checkpoint.js";
import { SIMBA, type SIMBAOptions } from "./simba.js";

const fixture = JSON.parse(readFileSync(new URL("./__fixtures__/simba-runs/single-demos-and-rules.json", import.meta.url), "utf8")) as {
  trainset: Array<{ word: string; rule: number; answer: string }>;
  program_code: string;
  calls: CompactCall[];
  strings: string[];
  result: { state: unknown; candidate_scores: number[] };
};

/** An LM answering each (request, parameters) as recorded, in any order. */
function recordedLM(): ReplayLM {
  const calls = fixture.calls.map((call) => ({
    messages: call.messages.map((m) => ({ role: m.role, content: fixture.strings[m.content] as string })),
    kwargs: call.kwargs,
    outputs: call.outputs.map((i) => fixture.strings[i] as string),
  }));
  return new ReplayLM("task", calls as never, { withParams: true });
}

function simba(extra: Partial<SIMBAOptions> = {}) {
  return new SIMBA({
    metric: METRICS.feedback as SIMBAOptions["metric"],
    bsize: 4,
    numCandidates: 3,
    maxSteps: 3,
    maxDemos: 2,
    numThreads: 1,
    programSource: fixture.program_code,
    logger: silentLogger,
    trackStats: true,
    ...extra,
  });
}

describe("SIMBA", () => {
  it("needs a trainset of at least bsize examples", async () => {
    await expect(withSettings({ lm: recordedLM() }, () => simba().compile(PROGRAMS.single!(), { trainset: dataset(fixture.trainset.slice(0, 3)) }))).rejects.toThrow(
      "Trainset too small: 3 < 4. SIMBA samples mini-batches of `bsize` training examples: pass at least 4 examples, or a smaller batch (`new SIMBA({ metric, bsize: 3 })`).",
    );
    expect(() => new SIMBA({ metric: METRICS.feedback as never, bsize: 0 })).toThrow("SIMBA: bsize must be a positive integer, got 0.");
  });

  it("never exceeds its LM-call budget and returns the pool's best program", async () => {
    const lm = recordedLM();
    const compiled = await withSettings({ lm }, () => simba({ budget: { lmCalls: 40 } }).compile(PROGRAMS.single!(), { trainset: dataset(fixture.trainset), seed: 0 }));
    expect(compiled.runReport.status).toBe("budget-exhausted");
    expect(compiled.runReport.spent.lmCalls).toBeLessThanOrEqual(40);
    expect(lm.calls.length).toBeLessThanOrEqual(40);
    expect(compiled.runReport.exhaustion?.warning).toMatch(/SIMBA stopped early/);
    expect(compiled.candidatePrograms).toEqual([]);
  });

  it("resumes a budget-stopped run from its runDir and ends as an uninterrupted run, without repeating paid steps", async () => {
    const runDir = mkdtempSync(join(tmpdir(), "simba-resume-"));
    try {
      const first = recordedLM();
      const stopped = await withSettings({ lm: first }, () => simba({ runDir, budget: { lmCalls: 50 } }).compile(PROGRAMS.single!(), { trainset: dataset(fixture.trainset), seed: 0 }));
      expect(stopped.runReport.status).toBe("budget-exhausted");
      const second = recordedLM();
      const resumed = await withSettings({ lm: second }, () => simba({ runDir }).compile(PROGRAMS.single!(), { trainset: dataset(fixture.trainset), seed: 0 }));
      expect(resumed.runReport.status).toBe("completed");
      expect(resumed.runReport.resumedSteps).toBeGreaterThan(0);
      const checkpoint = JSON.parse(readFileSync(join(runDir, CHECKPOINT_FILE), "utf8")) as RunCheckpoint;
      // Only the step the budget interrupted is paid for again.
      const paid = checkpoint.steps.slice(0, resumed.runReport.resumedSteps).at(-1)?.spent.lmCalls ?? 0;
      expect(second.calls.length).toBe(fixture.calls.length - paid);
      expect(first.calls.length).toBeGreaterThan(paid);
      expect(resumed.candidatePrograms.map((c) => c.score)).toEqual(fixture.result.candidate_scores);
      expect(JSON.parse(JSON.stringify(resumed.dumpState()))).toEqual(fixture.result.state);
    } finally {
      rmSync(runDir, { recursive: true, force: true });
    }
  });

  it("counts a NaN score as 0 with a warning (one per evaluation), and stops with a MetricError when the metric returns no score", async () => {
    const trainset = ["a", "b", "c", "d"].map((question) => new Example({ question, answer: "x" }).withInputs("question"));
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
    const run = (metric: unknown) =>
      withSettings({ lm: new DummyLM({ "": { answer: "x" } }), logger }, () =>
        new SIMBA({ metric: metric as never, bsize: 2, numCandidates: 2, maxSteps: 1, numThreads: 2, logger }).compile(new Predict("question -> answer"), { trainset }),
      );
    const compiled = await run(() => NaN);
    expect(compiled.runReport.status).toBe("completed");
    expect(compiled.candidatePrograms.map((c) => c.score)).toEqual([0, 0]);
    const nan = warnings.filter((w) => w.includes("NaN"));
    expect(nan.length).toBeGreaterThan(0);
    for (const warning of nan) expect(warning).toMatch(/^SIMBA: the metric returned NaN on trainset\[\d\]; a NaN score counts as 0\.$/);
    for (const value of [{ score: 1, feedback: "ok" }, "1", undefined]) {
      const error = await run(function judge() {
        return value;
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MetricError);
      expect((error as MetricError).message).toMatch(/^The metric `judge` passed as `metric` to SIMBA \(on trainset\[\d\]\) returned /);
    }
  });
});
