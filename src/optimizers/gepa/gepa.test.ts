import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../context/logger.js";
import { withSettings } from "../../context/settings.js";
import { ArgumentTypeError } from "../../errors/argument-type-error.js";
import { Predict } from "../../predict/predict.js";
import { Example } from "../../primitives/example.js";
import { Module } from "../../primitives/module.js";
import { Prediction } from "../../primitives/prediction.js";
import { DummyLM } from "../../testing/dummy-lm.js";
import { SimpleModule } from "../__fixtures__/simple-module.js";
import { ReplayLM, type RecordedCall } from "./__fixtures__/replay-lm.js";
import { dataset, METRICS, PROGRAMS } from "./__fixtures__/rule-task.js";
import type { CompactCall } from "./__fixtures__/sequence-replay.js";
import { autoBudget } from "./auto-budget.js";
import type { ComponentSelector } from "./component-selectors.js";
import { GEPA, type GEPAOptions } from "./gepa.js";

const simpleMetric = (example: Example, prediction: Prediction, _trace?: unknown, _predName?: unknown, _predTrace?: unknown) =>
  new Prediction({ score: example.output === prediction.output, feedback: "Wrong answer." });
const reflectionLm = new DummyLM([]);

describe("GEPA argument checks (DSPy's asserts and messages)", () => {
  it("requires a metric that takes five arguments", () => {
    const badMetric = (_example: Example, _prediction: Prediction) => 0.0;
    expect(() => new GEPA({ metric: badMetric as never, reflectionLm, maxMetricCalls: 1 })).toThrow(ArgumentTypeError);
    expect(() => new GEPA({ metric: badMetric as never, reflectionLm, maxMetricCalls: 1 })).toThrow(
      "GEPA metric must accept five arguments: (gold, pred, trace, pred_name, pred_trace). See https://dspy.ai/api/optimizers/GEPA for details.",
    );
    const withDefaults = (gold: Example, pred: Prediction, trace = null, predName = null, predTrace = null) => [gold, pred, trace, predName, predTrace].length;
    expect(() => new GEPA({ metric: withDefaults as never, reflectionLm, maxMetricCalls: 1 })).not.toThrow();
    expect(() => new GEPA({ metric: ((...args: unknown[]) => args.length) as never, reflectionLm, maxMetricCalls: 1 })).not.toThrow();
  });

  it("requires exactly one of maxMetricCalls, maxFullEvals, auto", () => {
    expect(() => new GEPA({ metric: simpleMetric, reflectionLm })).toThrow(
      "Exactly one of maxMetricCalls, maxFullEvals, auto must be set. You set maxMetricCalls=None, maxFullEvals=None, auto=None.",
    );
    expect(() => new GEPA({ metric: simpleMetric, reflectionLm, auto: "light", maxFullEvals: 2 })).toThrow(
      "You set maxMetricCalls=None, maxFullEvals=2, auto=light.",
    );
    expect(() => new GEPA({ metric: simpleMetric, reflectionLm, auto: "extreme" as never })).toThrow(/auto must be "light", "medium" or "heavy"/);
  });

  it("requires a reflection LM or an instruction proposer, and trackStats for trackBestOutputs", () => {
    expect(() => new GEPA({ metric: simpleMetric, maxMetricCalls: 1 })).toThrow(/GEPA requires a reflection language model, or custom instruction proposer/);
    expect(() => new GEPA({ metric: simpleMetric, maxMetricCalls: 1, instructionProposer: () => ({}) })).not.toThrow();
    expect(() => new GEPA({ metric: simpleMetric, reflectionLm, maxMetricCalls: 1, trackBestOutputs: true })).toThrow(
      "trackStats must be true if trackBestOutputs is true.",
    );
  });

  it("rejects unknown strategies and an empty trainset or a teacher", async () => {
    expect(() => new GEPA({ metric: simpleMetric, reflectionLm, maxMetricCalls: 1, candidateSelectionStrategy: "best" as never })).toThrow(
      "Unknown candidate_selector strategy: best. Supported strategies: 'pareto', 'current_best'",
    );
    expect(() => new GEPA({ metric: simpleMetric, reflectionLm, maxMetricCalls: 1, componentSelector: "some" as never })).toThrow(
      "Unknown module_selector strategy: some. Supported strategies: 'round_robin', 'all'",
    );
    const gepa = new GEPA({ metric: simpleMetric, reflectionLm, maxMetricCalls: 1, logger: silentLogger });
    await expect(gepa.compile(new SimpleModule("input -> output"), { trainset: [] })).rejects.toThrow("Trainset must be provided and non-empty");
    const trainset = [new Example({ input: "a", output: "b" }).withInputs("input")];
    await expect(gepa.compile(new SimpleModule("input -> output"), { trainset, teacher: new SimpleModule("input -> output") })).rejects.toThrow(
      "Teacher is not supported in GEPA yet.",
    );
  });
});

describe("GEPA budget formulas", () => {
  it("autoBudget matches DSPy's GEPA.auto_budget on a grid", () => {
    const grid = JSON.parse(readFileSync(new URL("./__fixtures__/auto-budget.dspy.json", import.meta.url), "utf8")) as number[][];
    expect(grid.length).toBeGreaterThan(1000);
    for (const [numPreds, numCandidates, valsetSize, minibatchSize, fullEvalSteps, expected] of grid) {
      expect(autoBudget({ numPreds: numPreds!, numCandidates: numCandidates!, valsetSize: valsetSize!, minibatchSize: minibatchSize!, fullEvalSteps: fullEvalSteps! })).toBe(expected);
    }
    expect(() => autoBudget({ numPreds: 1, numCandidates: 6, valsetSize: 3, fullEvalSteps: 0 })).toThrow("full_eval_steps must be >= 1.");
  });

  it("turns auto and maxFullEvals into metric calls as DSPy's compile does", () => {
    const student = new SimpleModule("input -> output");
    const gepa = (options: Partial<GEPAOptions>) => new GEPA({ metric: simpleMetric, reflectionLm, ...options });
    // light: n=6, one predictor, valset 10 -> DSPy's auto_budget(1, 6, 10)
    expect(gepa({ auto: "light" }).metricCallBudget(student, 20, 10)).toBe(autoBudget({ numPreds: 1, numCandidates: 6, valsetSize: 10 }));
    expect(gepa({ auto: "heavy" }).metricCallBudget(student, 20, null)).toBe(autoBudget({ numPreds: 1, numCandidates: 18, valsetSize: 20 }));
    expect(gepa({ maxFullEvals: 3 }).metricCallBudget(student, 20, 10)).toBe(90);
    expect(gepa({ maxFullEvals: 3 }).metricCallBudget(student, 20, null)).toBe(60);
    expect(gepa({ maxMetricCalls: 17 }).metricCallBudget(student, 20, 10)).toBe(17);
  });
});

class MultiComponentModule extends Module {
  classifier = new Predict("input -> category");
  generator = new Predict("category, input -> output");
  async forward(inputs: { input: string }) {
    const category = (await this.classifier.call({ input: inputs.input })).category;
    const output = (await this.generator.call({ category, input: inputs.input })).output;
    return new Prediction({ category, output });
  }
}

describe("GEPA component selection (DSPy's tests)", () => {
  const trainset = [new Example({ input: "test", output: "expected" }).withInputs("input")];
  const componentMetric = (_e: Example, _p: Prediction, _t?: unknown, _n?: unknown, _pt?: unknown) => new Prediction({ score: 0.3, feedback: "Test feedback" });

  it("calls a custom selector with the state and every component", async () => {
    const calls: Array<{ components: string[]; candidateIdx: number }> = [];
    const selector: ComponentSelector = (_state, _trajectories, _scores, candidateIdx, candidate) => {
      calls.push({ components: Object.keys(candidate), candidateIdx });
      return candidateIdx === 0 ? ["classifier"] : ["classifier", "generator"];
    };
    const lm = new DummyLM(Array.from({ length: 20 }, () => ({ category: "test_category", output: "test_output" })));
    const reflection = new DummyLM(Array.from({ length: 20 }, (_, i) => ({ improved_instruction: i % 2 ? "Improved generator instruction" : "Improved classifier instruction" })));
    const result = await withSettings({ lm }, () =>
      new GEPA({ metric: componentMetric, reflectionLm: reflection, maxMetricCalls: 6, componentSelector: selector, logger: silentLogger }).compile(new MultiComponentModule(), { trainset, valset: trainset }),
    );
    expect(calls.length).toBeGreaterThan(0);
    expect(calls[0]!.components).toEqual(["classifier", "generator"]);
    expect(result).toBeInstanceOf(MultiComponentModule);
  });

  it("round_robin updates one component of the first child, all updates both", async () => {
    const original = new MultiComponentModule();
    const optimize = async (componentSelector: "round_robin" | "all") => {
      let calls = 0;
      const improving = (_e: Example, _p: Prediction, _t?: unknown, _n?: unknown, _pt?: unknown) => {
        calls++;
        return new Prediction({ score: Math.min(0.3 + calls * 0.1, 1.0), feedback: "Improving feedback" });
      };
      const lm = new DummyLM(Array.from({ length: 20 }, () => ({ category: "test_category", output: "test_output" })));
      const reflection = new DummyLM(Array.from({ length: 20 }, (_, i) => ({ x: i % 2 ? "```Updated generator instruction```" : "```Updated classifier instruction```" })));
      return withSettings({ lm }, () =>
        new GEPA({ metric: improving, reflectionLm: reflection, maxMetricCalls: 8, componentSelector, trackStats: true, logger: silentLogger, numThreads: 1 }).compile(original, { trainset, valset: trainset }),
      );
    };
    const rr = (await optimize("round_robin")).detailedResults!.candidates[1]!;
    const changed = (m: MultiComponentModule) => [m.classifier.signature.instructions !== original.classifier.signature.instructions, m.generator.signature.instructions !== original.generator.signature.instructions];
    expect(changed(rr).filter(Boolean)).toHaveLength(1);
    const all = (await optimize("all")).detailedResults!.candidates[1]!;
    expect(changed(all)).toEqual([true, true]);
  });

  it("alternates halves with a selector that reads state.i", async () => {
    const history: Array<{ iteration: number; selected: string[] }> = [];
    const selector: ComponentSelector = (state, _t, _s, _i, candidate) => {
      const components = Object.keys(candidate);
      const selected = state.i % 2 === 0 ? components.slice(0, 1) : components.slice(1);
      history.push({ iteration: state.i, selected });
      return selected;
    };
    const lm = new DummyLM(Array.from({ length: 20 }, () => ({ category: "test_category", output: "test_output" })));
    const reflection = new DummyLM(Array.from({ length: 10 }, () => ({ improved_instruction: "Better instruction" })));
    await withSettings({ lm }, () =>
      new GEPA({ metric: componentMetric, reflectionLm: reflection, maxMetricCalls: 8, componentSelector: selector, logger: silentLogger }).compile(new MultiComponentModule(), { trainset, valset: trainset }),
    );
    expect(history.length).toBeGreaterThanOrEqual(2);
    for (const { iteration, selected } of history) expect(selected).toEqual(iteration % 2 === 0 ? ["classifier"] : ["generator"]);
  });
});

describe("GEPA results (DSPy's test_track_stats_result_structure and test_multi_objective_frontier_results)", () => {
  const data = JSON.parse(readFileSync(new URL("./__fixtures__/gepa_dummy_lm.json", import.meta.url), "utf8")) as { lm: RecordedCall[]; reflection_lm: RecordedCall[] };
  const trainset = [
    new Example({ input: "What is the color of the sky?", output: "blue" }).withInputs("input"),
    new Example({ input: "What does the fox say?", output: "Ring-ding-ding-ding-dingeringeding!" }).withInputs("input"),
  ];

  it("exposes DSPy's detailed results", async () => {
    const prog = await withSettings({ lm: new ReplayLM("lm", data.lm) }, () =>
      new GEPA({ metric: simpleMetric, reflectionLm: new ReplayLM("reflection", data.reflection_lm), maxMetricCalls: 5, trackStats: true, logger: silentLogger }).compile(
        new SimpleModule("input -> output"),
        { trainset, valset: trainset },
      ),
    );
    const dr = prog.detailedResults!;
    expect(dr.toDict()).toMatchObject({
      parents: [[null], [0]],
      val_aggregate_scores: [0, 0.5],
      val_subscores: [{ 0: 0, 1: 0 }, { 0: 0, 1: 1 }],
      per_val_instance_best_candidates: { 0: [0, 1], 1: [1] },
      discovery_eval_counts: [0, 8],
      total_metric_calls: 10,
      num_full_val_evals: 2,
      seed: 0,
      best_idx: 1,
    });
    expect(dr.bestCandidate).toBeInstanceOf(SimpleModule);
    expect(dr.highestScoreAchievedPerValTask).toEqual({ 0: 0, 1: 1 });
    expect(prog.runReport.status).toBe("completed");
  });

  it("tracks the best outputs per validation example, through a checkpoint too", async () => {
    const runDir = mkdtempSync(join(tmpdir(), "gepa-outputs-"));
    try {
      const compileOnce = (lm: ReplayLM, reflection: ReplayLM) =>
        withSettings({ lm }, () =>
          new GEPA({ metric: simpleMetric, reflectionLm: reflection, maxMetricCalls: 5, trackStats: true, trackBestOutputs: true, runDir, logger: silentLogger }).compile(
            new SimpleModule("input -> output"),
            { trainset, valset: trainset },
          ),
        );
      const first = await compileOnce(new ReplayLM("lm", data.lm), new ReplayLM("reflection", data.reflection_lm));
      const outputs = first.detailedResults!.bestOutputsValset!;
      expect(Object.keys(outputs)).toEqual(["0", "1"]);
      expect(outputs[0]!.map(([idx]) => idx)).toEqual([0, 1]);
      expect(outputs[1]!.map(([idx]) => idx)).toEqual([1]);
      expect((outputs[1]![0]![1] as Prediction).output).toBe("Ring-ding-ding-ding-dingeringeding!");
      // Started again on the same runDir, every step comes from the checkpoint: no LM call, same outputs.
      const lm = new ReplayLM("lm", data.lm);
      const again = await compileOnce(lm, new ReplayLM("reflection", data.reflection_lm));
      expect(lm.calls).toEqual([]);
      expect(again.runReport.resumedSteps).toBeGreaterThan(0);
      expect((again.detailedResults!.bestOutputsValset![1]![0]![1] as Prediction).output).toBe("Ring-ding-ding-ding-dingeringeding!");
      expect(readFileSync(join(runDir, "run_log.json"), "utf8")).toContain("new_program_idx");
      expect(JSON.parse(readFileSync(join(runDir, "gepa_state.json"), "utf8")).programCandidates).toHaveLength(2);
    } finally {
      rmSync(runDir, { recursive: true, force: true });
    }
  });

  it("keeps objective fronts with frontierType 'objective'", async () => {
    const metric = (example: Example, prediction: Prediction, _t?: unknown, _n?: unknown, _pt?: unknown) => {
      const correct = Number(example.output === prediction.output);
      return new Prediction({ score: (correct + 1.0) / 2, objective_scores: { correctness: correct, incorrectness: 1.0 - correct }, feedback: "Return the expected answer." });
    };
    const prog = await withSettings({ lm: new ReplayLM("lm", data.lm) }, () =>
      new GEPA({ metric, reflectionLm: new ReplayLM("reflection", data.reflection_lm, { anyPrompt: true }), maxMetricCalls: 5, trackStats: true, frontierType: "objective", logger: silentLogger }).compile(
        new SimpleModule("input -> output"),
        { trainset, valset: trainset },
      ),
    );
    const result = prog.detailedResults!;
    expect(result.perObjectiveBestCandidates).toEqual({ correctness: [1], incorrectness: [0] });
    expect(result.objectiveParetoFront).toEqual({ correctness: 0.5, incorrectness: 1.0 });
    expect(result.valAggregateSubscores).toEqual([{ correctness: 0, incorrectness: 1 }, { correctness: 0.5, incorrectness: 0.5 }]);
  });
});

describe("GEPA budgets", () => {
  const fixture = JSON.parse(readFileSync(new URL("./__fixtures__/gepa-runs/two-step-merge.json", import.meta.url), "utf8")) as {
    trainset: Array<{ word: string; rule: number; answer: string }>;
    valset: Array<{ word: string; rule: number; answer: string }>;
    options: { max_metric_calls: number; seed: number };
    calls: CompactCall[];
    strings: string[];
    result: { details: { candidates: Array<Record<string, string>>; val_aggregate_scores: number[] } };
  };
  const recorded = (label: string) =>
    fixture.calls
      .filter((call) => call.lm === label)
      .map((call) => ({ messages: call.messages.map((m) => ({ role: m.role, content: fixture.strings[m.content] as string })), outputs: call.outputs.map((i) => fixture.strings[i] as string) })) as never;
  const run = (
    budget: GEPAOptions["budget"],
    extra: Partial<GEPAOptions> = {},
    lm = new ReplayLM("task", recorded("task")),
    reflectionLm = new ReplayLM("reflection", recorded("reflection")),
  ) =>
    withSettings({ lm }, () =>
      new GEPA({
        metric: METRICS.two_part as GEPAOptions["metric"],
        reflectionLm,
        maxMetricCalls: fixture.options.max_metric_calls,
        seed: fixture.options.seed,
        numThreads: 1,
        trackStats: true,
        budget,
        logger: silentLogger,
        ...extra,
      }).compile(PROGRAMS.two_step!(), { trainset: dataset(fixture.trainset), valset: dataset(fixture.valset) }),
    );

  it.each([
    ["lmCalls", { lmCalls: 150 }],
    ["metricCalls", { metricCalls: 90 }],
  ])("never exceeds %s and returns the best candidate found before it ran out", async (limit, budget) => {
    const compiled = await run(budget as GEPAOptions["budget"]);
    const report = compiled.runReport;
    expect(report.status).toBe("budget-exhausted");
    const spent = report.spent[limit as "lmCalls" | "metricCalls"];
    expect(spent).toBeLessThanOrEqual((budget as Record<string, number>)[limit]!);
    // The candidates found so far are the uninterrupted run's first ones; the best of them is returned.
    const found = compiled.detailedResults!.candidates.length;
    expect(found).toBeGreaterThan(1);
    const expected = fixture.result.details;
    const scores = expected.val_aggregate_scores.slice(0, found);
    const bestIdx = scores.indexOf(Math.max(...scores));
    expect(compiled.detailedResults!.valAggregateScores).toEqual(scores);
    const instructions = Object.fromEntries(compiled.namedPredictors().map(([name, p]) => [name, (p as unknown as { signature: { instructions: string } }).signature.instructions]));
    expect(instructions).toEqual(expected.candidates[bestIdx]);
    expect(report.exhaustion?.warning).toMatch(/GEPA stopped early/);
  });

  it("resumes a budget-stopped run with merges from its runDir and ends as the recorded DSPy run", async () => {
    const runDir = mkdtempSync(join(tmpdir(), "gepa-budget-resume-"));
    try {
      const stopped = await run({ lmCalls: 300 }, { runDir });
      expect(stopped.runReport.status).toBe("budget-exhausted");
      const lm = new ReplayLM("task", recorded("task"));
      const reflection = new ReplayLM("reflection", recorded("reflection"));
      const resumed = await run(null, { runDir }, lm, reflection);
      expect(resumed.runReport.status).toBe("completed");
      expect(resumed.runReport.resumedSteps).toBeGreaterThan(5);
      const expected = fixture.result.details;
      expect(resumed.detailedResults!.valAggregateScores).toEqual(expected.val_aggregate_scores);
      expect(resumed.detailedResults!.toDict().candidates).toEqual(expected.candidates);
      const checkpoint = JSON.parse(readFileSync(join(runDir, "checkpoint.json"), "utf8")) as { steps: Array<{ spent: { lmCalls: number } }> };
      const paid = checkpoint.steps[resumed.runReport.resumedSteps - 1]!.spent.lmCalls;
      // The resumed process pays only for what the first one had not finished.
      expect(resumed.runReport.spent.lmCalls).toBe(fixture.calls.length);
      expect(lm.calls.length + reflection.calls.length).toBe(fixture.calls.length - paid);
    } finally {
      rmSync(runDir, { recursive: true, force: true });
    }
  });
});

describe("GEPA with usage tracking (DSPy's test_gepa_compile_with_track_usage_no_tuple_error)", () => {
  it("completes when predictions carry usage", async () => {
    const anyMetric = (_g: Example, _p: Prediction, _t?: unknown, _n?: unknown, _pt?: unknown) => 0.0;
    const student = new Predict("question -> answer");
    const trainset = [new Example({ question: "What is 2+2?", answer: "4" }).withInputs("question")];
    const compiled = await withSettings({ lm: new DummyLM([{ answer: "mock answer 1" }]), trackUsage: true }, () =>
      new GEPA({ metric: anyMetric, reflectionLm: new DummyLM([{ new_instruction: "Something new." }]), maxMetricCalls: 3, logger: silentLogger }).compile(student, {
        trainset,
        valset: trainset,
      }),
    );
    expect(compiled).toBeInstanceOf(Predict);
  });

  it("names the user's metric when it returns no score", async () => {
    function judge(_g: Example, _p: Prediction, _t?: unknown, _n?: unknown, _pt?: unknown) {
      return undefined as unknown as number;
    }
    const trainset = [new Example({ question: "What is 2+2?", answer: "4" }).withInputs("question")];
    const error = await withSettings({ lm: new DummyLM({ "": { answer: "4" } }) }, () =>
      new GEPA({ metric: judge, reflectionLm, maxMetricCalls: 3, logger: silentLogger }).compile(new Predict("question -> answer"), { trainset, valset: trainset }),
    ).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^The metric `judge` passed as `metric` to Evaluate \(on devset\[0\]\) returned undefined/);
  });
});
