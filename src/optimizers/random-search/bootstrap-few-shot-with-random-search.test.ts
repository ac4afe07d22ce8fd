import { afterEach, describe, expect, it, vi } from "vitest";
import { SimpleModule } from "../__fixtures__/simple-module.js";
import { configure, resetSettings } from "../../context/settings.js";
import { silentLogger } from "../../context/logger.js";
import { withBudget } from "../../context/with-budget.js";
import { ValueError } from "../../errors/value-error.js";
import { Example } from "../../primitives/example.js";
import { Module } from "../../primitives/module.js";
import type { Prediction } from "../../primitives/prediction.js";
import { Predict } from "../../predict/predict.js";
import { DummyLM } from "../../testing/dummy-lm.js";
import { PythonRandom } from "../../python/python-random.js";
import { BootstrapFewShot } from "../bootstrap-few-shot/bootstrap-few-shot.js";
import { BootstrapFewShotWithRandomSearch, BootstrapRS } from "./bootstrap-few-shot-with-random-search.js";


const simpleMetric = (example: Example, prediction: Prediction) => example.output === prediction.output;
const trainset = [
  new Example({ input: "What is the color of the sky?", output: "blue" }).withInputs("input"),
  new Example({ input: "What does the fox say?", output: "Ring-ding-ding-ding-dingeringeding!" }).withInputs("input"),
];

function capture() {
  const lines: string[] = [];
  return { lines, output: { write: (text: string) => lines.push(text) } };
}

/** Answers by question, so results do not depend on the order of calls. */
const byQuestion = () =>
  new DummyLM({ sky: { output: "blue" }, fox: { output: "Wa-pa-pa-pa-pa-pa-pow!" }, grass: { output: "green" }, snow: { output: "white" } });

const five = [
  ["What is the color of the sky?", "blue"],
  ["What does the fox say?", "Ring-ding-ding-ding-dingeringeding!"],
  ["What is the color of grass?", "green"],
  ["What is the color of snow?", "white"],
  ["What is the color of coal?", "black"],
].map(([input, output]) => new Example({ input, output }).withInputs("input"));

afterEach(() => resetSettings());

describe("BootstrapFewShotWithRandomSearch (DSPy's test_random_search)", () => {
  it("runs the basic compile flow", async () => {
    configure({ lm: new DummyLM([{ output: "Initial thoughts" }, { output: "Finish[blue]" }]), logger: silentLogger });
    const { output } = capture();
    const optimizer = new BootstrapFewShotWithRandomSearch({ metric: simpleMetric, maxBootstrappedDemos: 1, maxLabeledDemos: 1, output });
    const best = await optimizer.compile(new SimpleModule("input -> output"), { trainset, teacher: new SimpleModule("input -> output") });
    expect(best.candidatePrograms).toHaveLength(19);
  });

  it("rejects a restrict that matches no candidate seed", async () => {
    configure({ lm: new DummyLM([]), logger: silentLogger });
    const optimizer = new BootstrapFewShotWithRandomSearch({ metric: simpleMetric, maxBootstrappedDemos: 1, maxLabeledDemos: 1, output: capture().output });
    const error = await optimizer.compile(new SimpleModule("input -> output"), { trainset: trainset.slice(0, 1), restrict: [999] }).catch((e) => e);
    expect(error).toBeInstanceOf(ValueError);
    expect(error.message).toBe(
      "`restrict` {999} does not match any candidate seed in range(-3, 16); no candidate programs would be evaluated.",
    );
  });

  it("refuses an empty trainset with a message naming the optimizer", async () => {
    configure({ lm: new DummyLM([]), logger: silentLogger });
    const optimizer = new BootstrapFewShotWithRandomSearch({ metric: simpleMetric, output: capture().output });
    await expect(optimizer.compile(new SimpleModule("input -> output"), { trainset: [] })).rejects.toThrow(
      "BootstrapFewShotWithRandomSearch needs at least one training example; the trainset is empty.",
    );
  });

  it("accepts a single-use iterator as restrict", async () => {
    configure({ lm: new DummyLM([]), logger: silentLogger });
    const optimizer = new BootstrapFewShotWithRandomSearch({ metric: simpleMetric, maxBootstrappedDemos: 1, maxLabeledDemos: 1, output: capture().output });
    const best = await optimizer.compile(new SimpleModule("input -> output"), { trainset: trainset.slice(0, 1), restrict: [-3].values() });
    expect(best.candidatePrograms.map((c) => c.seed)).toEqual([-3]);
  });
});

describe("BootstrapFewShotWithRandomSearch", () => {
  it("prints DSPy's lines and keeps every candidate, best first", async () => {
    configure({ lm: byQuestion(), logger: silentLogger });
    const { output, lines } = capture();
    const optimizer = new BootstrapRS({ metric: simpleMetric, maxBootstrappedDemos: 2, numCandidatePrograms: 2, displayProgress: false, output });
    const best = await optimizer.compile(new SimpleModule("input -> output"), { trainset: five });
    const printed = lines.join("");
    expect(printed.startsWith("Going to sample between 1 and 2 traces per predictor.\nWill attempt to bootstrap 2 candidate sets.\n")).toBe(true);
    expect(printed).toContain("New best score: 60.0 for seed -3\nScores so far: [60.0]\nBest score so far: 60.0\n");
    expect(printed.endsWith("5 candidate programs found.\n")).toBe(true);
    expect(best.candidatePrograms.map((c) => c.seed).sort((a, b) => a - b)).toEqual([-3, -2, -1, 0, 1]);
    const scores = best.candidatePrograms.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(best.candidatePrograms[0]?.program).toBe(best);
    expect(best.candidatePrograms[0]?.subscores).toHaveLength(5);
  });

  it("builds the shuffled candidates as DSPy: Random(seed) shuffle, Random(seed).randint(1, max) demos", async () => {
    configure({ lm: byQuestion(), logger: silentLogger });
    const optimizer = new BootstrapRS({ metric: simpleMetric, maxBootstrappedDemos: 3, maxLabeledDemos: 3, numCandidatePrograms: 3, displayProgress: false, output: capture().output });
    const best = await optimizer.compile(new SimpleModule("input -> output"), { trainset: five });
    for (const seed of [0, 1, 2]) {
      const shuffled = [...five];
      new PythonRandom(seed).shuffle(shuffled);
      const size = new PythonRandom(seed).randint(1, 3);
      const expected = await new BootstrapFewShot({ metric: simpleMetric, maxBootstrappedDemos: size, maxLabeledDemos: 3, output: capture().output }).compile(
        new SimpleModule("input -> output"),
        { trainset: shuffled },
      );
      const candidate = best.candidatePrograms.find((c) => c.seed === seed)!;
      expect(candidate.program.dumpState()).toEqual(expected.dumpState());
    }
    const zeroShot = best.candidatePrograms.find((c) => c.seed === -3)!;
    expect(zeroShot.program.predictor.demos).toEqual([]);
  });

  it("stops at stopAtScore", async () => {
    configure({ lm: byQuestion(), logger: silentLogger });
    const { output, lines } = capture();
    const optimizer = new BootstrapRS({ metric: simpleMetric, stopAtScore: 50, displayProgress: false, output });
    const best = await optimizer.compile(new SimpleModule("input -> output"), { trainset: five });
    expect(best.candidatePrograms).toHaveLength(1);
    expect(lines).toContain("Stopping early because score 60.0 is >= stop_at_score 50.0\n");
  });

  it("evaluates on valset when given, and leaves the student alone", async () => {
    configure({ lm: byQuestion(), logger: silentLogger });
    const student = new SimpleModule("input -> output");
    const optimizer = new BootstrapRS({ metric: simpleMetric, numCandidatePrograms: 0, displayProgress: false, output: capture().output });
    const best = await optimizer.compile(student, { trainset: five, valset: five.slice(0, 1) });
    expect(best.candidatePrograms.every((c) => c.subscores.length === 1)).toBe(true);
    expect(student.predictor.demos).toEqual([]);
    expect(student.compiled).toBe(false);
  });

  it("stops when a budget runs out and returns the best candidate scored so far, with a warning", async () => {
    // 3: inside the zero-shot evaluation (nothing scored); 13: inside seed -1's bootstrapping (6 + 6 calls evaluated
    // seeds -3 and -2, both 60.0: the coal question fails to parse and falls back to JSON, a second call).
    for (const [maxCalls, seeds] of [
      [3, []],
      [13, [-3, -2]],
    ] as const) {
      for (const own of [true, false]) {
        const lm = byQuestion();
        const warnings: string[] = [];
        configure({ lm, logger: silentLogger });
        const optimizer = new BootstrapRS({
          metric: simpleMetric,
          displayProgress: false,
          output: capture().output,
          logger: { debug() {}, info() {}, warn: (message) => warnings.push(message), error() {} },
          ...(own ? { budget: { lmCalls: maxCalls } } : {}),
        });
        const compile = () => optimizer.compile(new SimpleModule("input -> output"), { trainset: five });
        const best = await (own ? compile() : withBudget({ maxCalls }, compile));
        expect(lm.history).toHaveLength(maxCalls);
        expect(best.candidatePrograms.map((c) => c.seed)).toEqual(seeds);
        expect(best.runReport.status).toBe("budget-exhausted");
        expect(best.runReport.exhaustion).toMatchObject({ limit: "lmCalls", max: maxCalls, source: own ? "optimizer" : "enclosing" });
        expect(warnings).toHaveLength(1);
        if (seeds.length === 0) {
          expect(best.predictor.demos).toEqual([]);
          expect(warnings[0]).toContain("Cut short: 19 of 19 candidates (seeds -3 to 15; the unfinished work on seed -3 is dropped).");
          expect(warnings[0]).toContain("Returning the uncompiled student (no candidate was scored).");
        } else {
          expect(best).toBe(best.candidatePrograms[0]?.program);
          expect(best.candidatePrograms.map((c) => c.score)).toEqual([60, 60]);
          expect(warnings[0]).toContain("Cut short: 17 of 19 candidates (seeds -1 to 15; the unfinished work on seed -1 is dropped).");
          expect(warnings[0]).toContain("Returning the best of the 2 scored candidate(s) (seed -3, score 60.0).");
        }
      }
    }
  });

  it("counts metric calls against budget.metricCalls and never makes one past it", async () => {
    let calls = 0;
    const metric = (example: Example, prediction: Prediction) => (calls++, simpleMetric(example, prediction));
    configure({ lm: byQuestion(), logger: silentLogger });
    const optimizer = new BootstrapRS({ metric, displayProgress: false, output: capture().output, budget: { metricCalls: 12 } });
    const best = await optimizer.compile(new SimpleModule("input -> output"), { trainset: five });
    expect(calls).toBe(12);
    expect(best.runReport.spent.metricCalls).toBe(12);
    expect(best.runReport.exhaustion?.limit).toBe("metricCalls");
    expect(best.candidatePrograms.map((c) => c.seed)).toEqual([-3, -2]);
  });

  it("takes a seed: 0 (the default) gives DSPy's candidates, another seed other shuffles", async () => {
    const demosOf = async (seed?: number) => {
      configure({ lm: byQuestion(), logger: silentLogger });
      const optimizer = new BootstrapRS({ metric: simpleMetric, maxBootstrappedDemos: 3, maxLabeledDemos: 3, numCandidatePrograms: 3, displayProgress: false, output: capture().output, ...(seed === undefined ? {} : { seed }) });
      const best = await optimizer.compile(new SimpleModule("input -> output"), { trainset: five });
      return [...best.candidatePrograms].sort((a, b) => a.seed - b.seed).map((c) => (c.program.predictor.demos as Example[]).map((d) => d.input));
    };
    expect(await demosOf()).toEqual(await demosOf(0));
    expect(await demosOf(5)).not.toEqual(await demosOf(0));
    expect(await demosOf(5)).toEqual(await demosOf(5));
  });

  it("logs a trial per candidate with trackStats", async () => {
    configure({ lm: byQuestion(), logger: silentLogger });
    const optimizer = new BootstrapRS({ metric: simpleMetric, numCandidatePrograms: 1, displayProgress: false, output: capture().output, trackStats: true });
    const best = await optimizer.compile(new SimpleModule("input -> output"), { trainset: five });
    const trials = best.runReport.trials ?? [];
    expect(trials.map((t) => [t.trial, t.kind, t.extra?.seed, t.evalSize])).toEqual([
      [1, "candidate", -3, 5],
      [2, "candidate", -2, 5],
      [3, "candidate", -1, 5],
      [4, "candidate", 0, 5],
    ]);
    expect(trials.map((t) => t.score).sort()).toEqual(best.candidatePrograms.map((c) => c.score).sort());
    expect(trials[0]).toMatchObject({ v: 1, optimizer: "BootstrapFewShotWithRandomSearch", score: 60, bestScore: 60, lmCalls: 6, metricCalls: 4 });
    expect(trials.at(-1)?.lmCalls).toBe(best.runReport.spent.lmCalls);
  });

  it("shows Evaluate's progress on the output stream when it is a terminal", async () => {
    configure({ lm: byQuestion(), logger: silentLogger });
    const { output, lines } = capture();
    const optimizer = new BootstrapRS({ metric: simpleMetric, numCandidatePrograms: 0, output: { ...output, isTTY: true } });
    await optimizer.compile(new SimpleModule("input -> output"), { trainset: five, restrict: [-3] });
    // The coal question fails to parse, so the running average counts 4 finished examples.
    expect(lines.some((line) => line.startsWith("\rAverage Metric: 3.00 / 4 (75.0%): 100%|██████████| 5/5 ["))).toBe(true);
  });

  it("without output, prints its lines through the logger and draws bars on the logger's progress stream only", async () => {
    const info: string[] = [];
    const drawn: string[] = [];
    const logger = { ...silentLogger, info: (m: string) => info.push(m), progress: { isTTY: false, write: (t: string) => drawn.push(t) } };
    configure({ lm: byQuestion(), logger });
    const stdout = vi.spyOn(process.stdout, "write");
    try {
      const optimizer = new BootstrapRS({ metric: simpleMetric, maxBootstrappedDemos: 2, numCandidatePrograms: 1 });
      await optimizer.compile(new SimpleModule("input -> output"), { trainset: five });
      expect(stdout).not.toHaveBeenCalled();
    } finally {
      stdout.mockRestore();
    }
    expect(drawn).toEqual([]); // not a terminal, and the run is short: no per-example lines
    expect(info.slice(0, 2)).toEqual(["Going to sample between 1 and 2 traces per predictor.", "Will attempt to bootstrap 1 candidate sets."]);
    expect(info.filter((m) => m.startsWith("Average Metric: "))).toHaveLength(4); // one summary per candidate
    expect(info.at(-1)).toBe("4 candidate programs found.");
  });
});
