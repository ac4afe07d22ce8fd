import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger, type Logger } from "../../context/logger.js";
import { resetSettings } from "../../context/settings.js";
import { withBudget } from "../../context/with-budget.js";
import { BudgetExceededError } from "../../errors/budget-exceeded-error.js";
import { RunStateError } from "../../errors/run-state-error.js";
import { ValueError } from "../../errors/value-error.js";
import { Example } from "../../primitives/example.js";
import { Predict } from "../../predict/predict.js";
import { PythonRandom } from "../../python/python-random.js";
import { DummyLM } from "../../testing/dummy-lm.js";
import { ManualClock } from "../../testing/manual-clock.js";
import { ScriptLM } from "../__fixtures__/script-lm.js";
import { OptimizerRun, type OptimizerRunOptions } from "./optimizer-run.js";
import { CHECKPOINT_FILE, TRIALS_FILE } from "./run-checkpoint.js";

afterEach(() => resetSettings());

const tempDir = () => mkdtemp(join(tmpdir(), "tsdspy-run-"));

function recorder(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (message: string) => lines.push(message);
  return { lines, debug() {}, info: push, warn: (m) => push(`WARN ${m}`), error: push };
}

/** A toy search: draws a number between steps, pays one LM call per step, logs a trial per step. */
async function toySearch(options: Partial<OptimizerRunOptions> & { steps: number; lm: DummyLM }) {
  // A clock that never moves, so that trial records compare equal over resumes (elapsed time is wall time).
  const run = await OptimizerRun.open({ optimizer: "Toy", fingerprint: { steps: options.steps }, logger: silentLogger, clock: new ManualClock(), ...options });
  const rng = new PythonRandom(7);
  run.trackRng("main", rng);
  const values: number[] = [];
  let computed = 0;
  const stopped = await run.execute(async () => {
    for (let i = 0; i < options.steps; i++) {
      const draw = rng.randint(0, 100) as number;
      const value = await run.step(`step:${i}`, async () => {
        computed++;
        const prediction = await new Predict("question -> answer").call({ question: `q${draw}` }, { lm: options.lm });
        return { draw, answer: prediction.answer as string };
      });
      values.push(value.draw);
      await run.logTrial({ kind: "toy", score: value.draw, evalSize: 1, bestScore: Math.max(...values) });
    }
  });
  return { run, values, computed, stopped, report: run.finish(stopped ? { cutShort: "the other steps", kept: "what was found" } : {}) };
}

const answering = () => new DummyLM({ q: { answer: "a" } });

describe("OptimizerRun", () => {
  it("counts LM calls, metric calls and time, and reports a completed run", async () => {
    const clock = new ManualClock();
    const lm = answering();
    const run = await OptimizerRun.open({ optimizer: "Toy", fingerprint: {}, logger: silentLogger, clock });
    const metric = run.countMetric(function exact() {
      return 1;
    });
    expect(metric.name).toBe("exact");
    await run.within(async () => {
      await new Predict("question -> answer").call({ question: "q" }, { lm });
      await metric(new Example({}), {} as never);
      clock.advance(250);
    });
    expect(run.spent()).toEqual({ lmCalls: 1, metricCalls: 1, tokens: 0, costUsd: null });
    expect(run.elapsedMs()).toBe(250);
    expect(run.finish()).toMatchObject({ status: "completed", exhaustion: null, resumedSteps: 0, trials: null, runDir: null });
  });

  it("never lets LM or metric calls past the budget, and reports what was cut short", async () => {
    const logger = recorder();
    const lm = answering();
    const { values, report, stopped } = await toySearch({ steps: 5, lm, budget: { lmCalls: 3 }, logger, trackStats: true });
    expect(stopped).toBe(true);
    expect(lm.history).toHaveLength(3);
    expect(values).toHaveLength(3);
    expect(report.status).toBe("budget-exhausted");
    expect(report.trials?.map((t) => t.lmCalls)).toEqual([1, 2, 3]);
    expect(report.exhaustion).toMatchObject({ limit: "lmCalls", max: 3, source: "optimizer", cutShort: "the other steps" });
    expect(logger.lines).toEqual([
      "WARN Toy stopped early: the optimizer's budget ran out (lmCalls limit of 3 reached; spent 3 LM calls, 0 metric calls, " +
        "0 tokens). Cut short: the other steps. Returning what was found.",
    ]);

    const run = await OptimizerRun.open({ optimizer: "Toy", fingerprint: {}, budget: { metricCalls: 2 }, logger: silentLogger });
    const metric = run.countMetric(() => 1);
    metric(new Example({}), {} as never);
    metric(new Example({}), {} as never);
    expect(() => metric(new Example({}), {} as never)).toThrow(BudgetExceededError);
    expect(run.spent().metricCalls).toBe(2);
  });

  it("stops at a token or dollar cap without crossing it (each call's worst case is reserved first)", async () => {
    const runWith = async (budget: { tokens?: number; costUsd?: number }) => {
      const lm = new ScriptLM(() => ({ answer: "a" }), { maxTokens: 50, price: { input: 1000, output: 2000 } });
      const run = await OptimizerRun.open({ optimizer: "Toy", fingerprint: {}, budget, logger: silentLogger });
      const stopped = await run.execute(async () => {
        for (let i = 0; i < 200; i++) await new Predict("question -> answer").call({ question: `q${i}` }, { lm });
      });
      return { stopped, spent: run.spent(), report: run.finish() };
    };
    const byTokens = await runWith({ tokens: 3000 });
    expect(byTokens.stopped).toBe(true);
    expect(byTokens.spent.lmCalls).toBeGreaterThan(3);
    expect(byTokens.spent.tokens).toBeLessThanOrEqual(3000);
    expect(byTokens.report.exhaustion?.limit).toBe("tokens");
    const byCost = await runWith({ costUsd: 2 });
    expect(byCost.stopped).toBe(true);
    expect(byCost.spent.lmCalls).toBeGreaterThan(3);
    expect(byCost.spent.costUsd).toBeLessThanOrEqual(2);
    expect(byCost.report.exhaustion).toMatchObject({ limit: "costUsd", source: "optimizer" });
  });

  it("honours an enclosing withBudget and says so", async () => {
    const lm = answering();
    const { report } = await withBudget({ maxCalls: 2 }, () => toySearch({ steps: 5, lm }));
    expect(lm.history).toHaveLength(2);
    expect(report.exhaustion).toMatchObject({ limit: "lmCalls", max: 2, source: "enclosing" });
  });

  it("rejects malformed budgets with the optimizer's name", async () => {
    const open = (budget: object) => OptimizerRun.open({ optimizer: "Toy", fingerprint: {}, budget });
    await expect(open({ lmCalls: -1 })).rejects.toThrow(new ValueError("Toy: budget.lmCalls must be a number >= 0, got -1."));
    await expect(open({ calls: 3 })).rejects.toThrow(
      new ValueError("Toy: unknown budget key `calls`; a budget takes lmCalls, metricCalls, tokens and costUsd."),
    );
  });

  it("announces the planned LM calls and warns when the budget is smaller", async () => {
    const logger = recorder();
    const run = await OptimizerRun.open({ optimizer: "Toy", fingerprint: {}, budget: { lmCalls: 10 }, logger });
    run.announce({ lmCalls: 40, lines: ["Toy plans 40 LM calls."] });
    expect(logger.lines).toEqual([
      "Toy plans 40 LM calls.",
      "Toy: the budget allows 10 LM calls, fewer than the 40 planned; the run will stop when it is spent and return the best program found by then.",
    ]);
    expect(run.finish().plannedLmCalls).toBe(40);
  });

  it("checkpoints every step and resumes without repeating them, with the same counters and trial log", async () => {
    const runDir = await tempDir();
    const first = await toySearch({ steps: 3, lm: answering(), runDir, budget: { lmCalls: 3 }, trackStats: true });
    expect(first.stopped).toBe(false);
    // The same run, asked for two more steps, is another run: refused.
    await expect(toySearch({ steps: 5, lm: answering(), runDir })).rejects.toThrow(RunStateError);

    const lm = answering();
    const again = await toySearch({ steps: 3, lm, runDir, budget: { lmCalls: 3 }, trackStats: true });
    expect(again.computed).toBe(0);
    expect(lm.history).toHaveLength(0);
    expect(again.values).toEqual(first.values);
    expect(again.report.resumedSteps).toBe(3);
    expect(again.report.spent).toEqual(first.report.spent);
    expect(again.report.trials).toEqual(first.report.trials);
    const lines = (await readFile(join(runDir, TRIALS_FILE), "utf8")).trim().split("\n").map((line) => JSON.parse(line));
    expect(lines).toEqual(first.report.trials);
    expect((await readdir(runDir)).sort()).toEqual([CHECKPOINT_FILE, TRIALS_FILE]);
  });

  it("resumes a run cut short by its budget into the same result, then continues with a bigger one", async () => {
    const runDir = await tempDir();
    const cut = await toySearch({ steps: 5, lm: answering(), runDir, budget: { lmCalls: 2 } });
    expect(cut.values).toHaveLength(2);
    const other = await tempDir();
    const whole = await toySearch({ steps: 5, lm: answering(), runDir: other });
    // A different budget is the same run (budgets are not part of the fingerprint): it continues where it stopped.
    const lm = answering();
    const resumed = await toySearch({ steps: 5, lm, runDir, budget: { lmCalls: 10 } });
    expect(lm.history).toHaveLength(3);
    expect(resumed.computed).toBe(3);
    expect(resumed.values).toEqual(whole.values);
    expect(resumed.report.spent.lmCalls).toBe(5);
  });

  it("applies the budget to the whole run over resumes", async () => {
    const runDir = await tempDir();
    await toySearch({ steps: 2, lm: answering(), runDir, budget: { lmCalls: 5 } });
    const lm = answering();
    const resumed = await toySearch({ steps: 2, lm, runDir, budget: { lmCalls: 5 } });
    expect(resumed.report.spent.lmCalls).toBe(2);
    const next = await toySearch({ steps: 2, lm, runDir, budget: { lmCalls: 1 } });
    // Already over: nothing new may be spent, but the checkpointed steps are free.
    expect(next.stopped).toBe(false);
    expect(lm.history).toHaveLength(0);
  });

  it("drops trial lines written after the last checkpoint and writes them again when the step is redone", async () => {
    const runDir = await tempDir();
    const first = await toySearch({ steps: 2, lm: answering(), runDir, trackStats: true });
    await writeFile(join(runDir, TRIALS_FILE), `${(await readFile(join(runDir, TRIALS_FILE), "utf8"))}{"torn":`);
    await toySearch({ steps: 2, lm: answering(), runDir });
    const lines = (await readFile(join(runDir, TRIALS_FILE), "utf8")).trim().split("\n").map((line) => JSON.parse(line));
    expect(lines).toEqual(first.report.trials);
  });

  it("refuses a resume whose RNG or steps diverge from the checkpoint", async () => {
    const runDir = await tempDir();
    await toySearch({ steps: 2, lm: answering(), runDir });
    const run = await OptimizerRun.open({ optimizer: "Toy", fingerprint: { steps: 2 }, runDir, logger: silentLogger });
    run.trackRng("main", new PythonRandom(8));
    await expect(run.step("step:0", async () => 1)).rejects.toThrow(/diverged from its checkpoint .* at step 1 \(expected `step:0` with the same RNG state, got `step:0`\)/);
    const other = await OptimizerRun.open({ optimizer: "Toy", fingerprint: { steps: 2 }, runDir, logger: silentLogger });
    await expect(other.step("elsewhere", async () => 1)).rejects.toThrow(RunStateError);
    await expect(OptimizerRun.open({ optimizer: "Other", fingerprint: { steps: 2 }, runDir })).rejects.toThrow(
      `The run directory ${runDir} holds a checkpoint of another run (Toy with different arguments).`,
    );
  });

  it("resumes with another numThreads (results do not depend on it) and names the argument that differs when it refuses", async () => {
    const runDir = await tempDir();
    const open = (fingerprint: Record<string, unknown>) => OptimizerRun.open({ optimizer: "Toy", fingerprint, runDir, logger: silentLogger });
    const first = await open({ seed: 1, data: [1, 2], options: { depth: 2, numThreads: 1, displayProgress: true } });
    await first.step("a", async () => 41);
    const again = await open({ seed: 1, data: [1, 2], options: { depth: 2, numThreads: 8 }, numThreads: 4 });
    expect(await again.step("a", async () => 0)).toBe(41);
    await expect(open({ seed: 2, data: [1, 2], options: { depth: 3, numThreads: 1 } })).rejects.toThrow(
      `The run directory ${runDir} holds a checkpoint of another run (Toy with different arguments; differing: seed, options).`,
    );
  });

  it("refuses a step key used twice and a file that is not a checkpoint", async () => {
    const run = await OptimizerRun.open({ optimizer: "Toy", fingerprint: {}, logger: silentLogger });
    await run.step("a", async () => 1);
    await expect(run.step("a", async () => 1)).rejects.toThrow("Toy: the run step `a` was started twice.");
    const runDir = await tempDir();
    await writeFile(join(runDir, CHECKPOINT_FILE), '{"hello": 1}');
    await expect(OptimizerRun.open({ optimizer: "Toy", fingerprint: {}, runDir })).rejects.toThrow(/is not a tsdspy optimizer checkpoint/);
  });

  it("keeps Examples, Predictions and Python floats through a checkpoint", async () => {
    const runDir = await tempDir();
    const value = { demos: [new Example({ q: "x", a: 1.5, $weird: true }).withInputs("q")], n: NaN };
    const run = await OptimizerRun.open({ optimizer: "Toy", fingerprint: {}, runDir, logger: silentLogger });
    const live = await run.step("s", async () => value);
    const resumed = await (await OptimizerRun.open({ optimizer: "Toy", fingerprint: {}, runDir, logger: silentLogger })).step("s", async () => null as never);
    for (const got of [live, resumed]) {
      expect(got.demos[0]?.toDict()).toEqual({ q: "x", a: 1.5, $weird: true });
      expect(got.demos[0]?.inputKeys()).toEqual(["q"]);
      expect(got.n).toBeNaN();
    }
  });
});
