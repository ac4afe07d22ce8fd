import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger, type Logger } from "../../context/logger.js";
import { configure, resetSettings } from "../../context/settings.js";
import { SimpleModule } from "../__fixtures__/simple-module.js";
import { letterExamples, letterLM, letterMetric, letterPromptLM } from "../run/__fixtures__/letter-task.js";
import { pyFloatRepr } from "../../python/pyfmt.js";
import { COPRO, type COPROOptions } from "./copro.js";

afterEach(() => resetSettings());

const examples = letterExamples();
const trainset = examples.slice(0, 12);
const valset = examples.slice(20);
const RULE = "Answer vowel when the word starts with a vowel, otherwise consonant.";

function setup(options: Partial<COPROOptions> = {}) {
  const task = letterLM();
  const prompt = letterPromptLM();
  configure({ lm: task, logger: silentLogger });
  const copro = new COPRO({ metric: letterMetric, promptModel: prompt, breadth: 3, depth: 2, logger: silentLogger, ...options });
  return { task, prompt, copro };
}

const evalKwargs = { numThreads: 1, displayProgress: false };

describe("COPRO (scripted LMs)", () => {
  it("finds the instruction that states the rule, and logs a trial per evaluated prompt", async () => {
    const { copro } = setup({ trackStats: true });
    const best = await copro.compile(new SimpleModule("word -> label"), { trainset, evalKwargs });
    expect(best.predictor.signature.instructions).toBe(RULE);
    expect(best.candidatePrograms[0]?.score).toBe(100);
    const trials = best.runReport.trials ?? [];
    expect(trials).toHaveLength(best.totalCalls);
    expect(trials.every((t) => t.kind === "prompt" && t.evalSize === 12)).toBe(true);
    expect(trials.map((t) => t.extra?.depth)).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it("scores on valset when given", async () => {
    const { copro } = setup({ trackStats: true });
    const best = await copro.compile(new SimpleModule("word -> label"), { trainset, valset, evalKwargs });
    expect(best.runReport.trials?.every((t) => t.evalSize === valset.length)).toBe(true);
  });

  it("never spends past its budget and returns the best prompt so far with a warning", async () => {
    for (const lmCalls of [1, 20, 40]) {
      const lines: string[] = [];
      const logger: Logger = { debug() {}, info() {}, warn: (m) => lines.push(m), error() {} };
      const { copro, task, prompt } = setup({ budget: { lmCalls }, logger });
      const best = await copro.compile(new SimpleModule("word -> label"), { trainset, evalKwargs });
      expect(task.counter.calls + prompt.counter.calls).toBe(lmCalls);
      expect(best.runReport.status).toBe("budget-exhausted");
      expect(lines).toHaveLength(1);
      if (best.candidatePrograms.length === 0) {
        expect(lines[0]).toContain("Returning the unoptimized program (a copy of the student).");
      } else {
        expect(lines[0]).toContain(`Returning the best prompt scored so far (score ${pyFloatRepr(best.candidatePrograms[0]?.score as number)}`);
      }
    }
  });

  it("resumes from runDir without paying again", async () => {
    const runDir = await mkdtemp(join(tmpdir(), "tsdspy-copro-"));
    const first = await setup({ runDir }).copro.compile(new SimpleModule("word -> label"), { trainset, evalKwargs });
    const { copro, task, prompt } = setup({ runDir });
    const again = await copro.compile(new SimpleModule("word -> label"), { trainset, evalKwargs });
    expect(task.counter.calls + prompt.counter.calls).toBe(0);
    expect(again.dumpState()).toEqual(first.dumpState());
    expect(again.candidatePrograms.map((c) => c.score)).toEqual(first.candidatePrograms.map((c) => c.score));
  });

  it("needs a metric", async () => {
    const { task } = setup();
    configure({ lm: task });
    await expect(new COPRO({ breadth: 2 }).compile(new SimpleModule("word -> label"), { trainset })).rejects.toThrow("COPRO needs a metric");
  });

  it("refuses an empty trainset before spending anything, naming what to pass", async () => {
    const { copro, prompt } = setup();
    await expect(copro.compile(new SimpleModule("word -> label"), { trainset: [] })).rejects.toThrow(
      "COPRO needs examples to score instructions on: pass a non-empty `trainset` (or `valset`) to compile.",
    );
    expect(prompt.counter.calls).toBe(0);
  });
});
