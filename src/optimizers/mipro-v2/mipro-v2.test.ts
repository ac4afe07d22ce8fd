import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger, type Logger } from "../../context/logger.js";
import { configure, resetSettings } from "../../context/settings.js";
import { withBudget } from "../../context/with-budget.js";
import { MetricError } from "../../errors/metric-error.js";
import { SimpleModule } from "../__fixtures__/simple-module.js";
import { letterExamples, letterLM, letterMetric, letterPromptLM } from "../run/__fixtures__/letter-task.js";
import { MIPROv2, type MIPROv2Options } from "./mipro-v2.js";

afterEach(() => resetSettings());

const examples = letterExamples();
const trainset = examples.slice(0, 20);
const valset = examples.slice(20);
const quiet = { write: () => true };

function warnings(): Logger & { lines: string[] } {
  const logger = { lines: [] as string[], debug() {}, info() {}, warn: (m: string) => logger.lines.push(m), error: (m: string) => logger.lines.push(m) };
  return logger;
}

function optimizer(options: Partial<MIPROv2Options> = {}) {
  return new MIPROv2({
    metric: letterMetric,
    promptModel: letterPromptLM(),
    taskModel: letterLM(),
    auto: null,
    numCandidates: 4,
    maxBootstrappedDemos: 2,
    maxLabeledDemos: 2,
    logger: silentLogger,
    output: quiet,
    displayProgress: false,
    numThreads: 1,
    ...options,
  });
}

describe("MIPROv2 (scripted LMs)", () => {
  it("finds the instruction that states the rule and reports every trial", async () => {
    const compiled = await optimizer().compile(new SimpleModule("word -> label"), { trainset, valset, numTrials: 8, minibatch: false });
    expect(compiled.predictor.signature.instructions).toBe("Answer vowel when the word starts with a vowel, otherwise consonant.");
    expect(compiled.score).toBe(100);
    const trials = compiled.runReport.trials ?? [];
    expect(trials[0]).toMatchObject({ kind: "default", trial: 1, evalSize: 16 });
    expect(trials.slice(1).every((t) => t.kind === "full" && t.evalSize === 16)).toBe(true);
    expect(trials).toHaveLength(9);
    expect(trials.at(-1)?.bestScore).toBe(100);
    expect(compiled.candidatePrograms?.[0]?.score).toBe(100);
    expect(Object.keys(compiled.trialLogs ?? {}).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("runs DSPy's trial schedule: minibatches, a full evaluation every minibatchFullEvalSteps trials and at the end", async () => {
    for (const [numTrials, kinds, logKeys] of [
      [10, ["default", ..."mmmmm", "full", ..."mmmmm", "full"], 13],
      [7, ["default", ..."mmmmm", "full", ..."mm", "full"], 10],
      [5, ["default", ..."mmmmm", "full"], 7],
    ] as const) {
      const compiled = await optimizer().compile(new SimpleModule("word -> label"), {
        trainset,
        valset,
        numTrials,
        minibatchSize: 4,
        minibatchFullEvalSteps: 5,
      });
      const trials = compiled.runReport.trials ?? [];
      expect(trials.map((t) => (t.kind === "minibatch" ? "m" : t.kind))).toEqual(kinds);
      expect(trials.filter((t) => t.kind === "minibatch").every((t) => t.evalSize === 4)).toBe(true);
      expect(Object.keys(compiled.trialLogs ?? {}).map(Number)).toEqual(Array.from({ length: logKeys }, (_, i) => i + 1));
      expect(compiled.mbCandidatePrograms).toHaveLength(numTrials);
    }
  });

  it("is reproducible from its seed, and another seed searches differently", async () => {
    const run = async (seed?: number) => {
      const compiled = await optimizer(seed === undefined ? {} : { seed }).compile(new SimpleModule("word -> label"), {
        trainset,
        valset,
        numTrials: 6,
        minibatchSize: 5,
      });
      return (compiled.runReport.trials ?? []).map((t) => [t.kind, t.demoSets, t.instructions, t.score]);
    };
    expect(await run()).toEqual(await run(9));
    expect(await run(3)).not.toEqual(await run(9));
  });

  it("never spends past its budget and returns the best program so far with a warning", async () => {
    const full = await optimizer().compile(new SimpleModule("word -> label"), { trainset, valset, numTrials: 8, minibatch: false });
    const total = full.runReport.spent.lmCalls;
    for (const lmCalls of [5, 40, Math.floor(total * 0.7)]) {
      const logger = warnings();
      const task = letterLM();
      const prompt = letterPromptLM();
      const compiled = await optimizer({ budget: { lmCalls }, logger, taskModel: task, promptModel: prompt }).compile(new SimpleModule("word -> label"), {
        trainset,
        valset,
        numTrials: 8,
        minibatch: false,
      });
      expect(task.counter.calls + prompt.counter.calls).toBe(lmCalls);
      expect(compiled.runReport.status).toBe("budget-exhausted");
      // DSPy's own warnings (the proposer passes inputs its signature lacks) come too; one says why the run stopped.
      logger.lines = logger.lines.filter((line) => !line.startsWith("Input contains fields not in signature"));
      expect(logger.lines, logger.lines.join("\n")).toHaveLength(1);
      expect(logger.lines[0]).toContain(`MIPROv2 stopped early: the optimizer's budget ran out (lmCalls limit of ${lmCalls} reached`);
      const scored = (compiled.runReport.trials ?? []).map((t) => t.score as number);
      if (scored.length === 0) {
        expect(logger.lines[0]).toContain("no program was evaluated. Returning the unoptimized program (a copy of the student).");
        expect(compiled.predictor.signature.instructions).toBe("Given the fields `word`, produce the fields `label`.");
      } else {
        expect(compiled.score).toBe(Math.max(...scored));
        expect(logger.lines[0]).toMatch(/Cut short: trials \d+-8 of 8\. Returning the best fully evaluated program so far \(score [\d.]+, trial \d+\)\./);
      }
    }
  });

  it("honours an enclosing withBudget and counts proposer calls in it", async () => {
    const compiled = await withBudget({ maxCalls: 30 }, () =>
      optimizer().compile(new SimpleModule("word -> label"), { trainset, valset, numTrials: 8, minibatch: false }),
    );
    expect(compiled.runReport.spent.lmCalls).toBe(30);
    expect(compiled.runReport.exhaustion?.source).toBe("enclosing");
  });

  it("caps metric calls", async () => {
    const compiled = await optimizer({ budget: { metricCalls: 50 } }).compile(new SimpleModule("word -> label"), {
      trainset,
      valset,
      numTrials: 8,
      minibatch: false,
    });
    expect(compiled.runReport.spent.metricCalls).toBe(50);
    expect(compiled.runReport.exhaustion?.limit).toBe("metricCalls");
  });

  it("takes its models from settings, splits a valset off the trainset, and leaves the student alone", async () => {
    configure({ lm: letterLM(), logger: silentLogger });
    const student = new SimpleModule("word -> label");
    const mipro = new MIPROv2({ metric: letterMetric, auto: null, numCandidates: 3, output: quiet, displayProgress: false });
    const compiled = await mipro.compile(student, { trainset: examples, numTrials: 3, minibatch: false });
    expect((compiled.runReport.trials ?? [])[0]?.evalSize).toBe(Math.trunc(examples.length * 0.8));
    expect(student.predictor.demos).toEqual([]);
    expect(student.predictor.signature.instructions).toBe("Given the fields `word`, produce the fields `label`.");
  });

  it("logs only to its own logger: logger: silentLogger silences the run, whatever the settings' logger", async () => {
    const heard: string[] = [];
    const record = (m: string) => heard.push(m);
    configure({ logger: { debug: record, info: record, warn: record, error: record, progress: { write: (t: string) => (record(t), true) } } });
    const mine: string[] = [];
    const own = { debug() {}, info: (m: string) => mine.push(m), warn: (m: string) => mine.push(m), error: (m: string) => mine.push(m) };
    await new MIPROv2({ metric: letterMetric, promptModel: letterPromptLM(), taskModel: letterLM(), auto: null, numCandidates: 3, maxBootstrappedDemos: 1, maxLabeledDemos: 1, logger: own }).compile(
      new SimpleModule("word -> label"),
      { trainset, valset, numTrials: 3, minibatch: false },
    );
    expect(heard).toEqual([]);
    expect(mine.some((m) => m.startsWith("Bootstrapping set 1/3"))).toBe(true);
    expect(mine.some((m) => m.startsWith("Average Metric:"))).toBe(true);
    expect(mine.some((m) => m.startsWith("==> STEP 3"))).toBe(true);
  });

  it("saves every evaluated program to logDir as DSPy does", async () => {
    const logDir = await mkdtemp(join(tmpdir(), "tsdspy-mipro-log-"));
    await optimizer({ logDir }).compile(new SimpleModule("word -> label"), { trainset, valset, numTrials: 5, minibatchSize: 4 });
    expect((await readdir(join(logDir, "evaluated_programs"))).sort()).toEqual([
      "program_-1.json",
      "program_2.json",
      "program_3.json",
      "program_4.json",
      "program_5.json",
      "program_6.json",
      "program_7_full_eval.json",
    ]);
  });

  it("resumes from runDir without paying again for finished steps", async () => {
    const runDir = await mkdtemp(join(tmpdir(), "tsdspy-mipro-run-"));
    const first = await optimizer({ runDir }).compile(new SimpleModule("word -> label"), { trainset, valset, numTrials: 6, minibatchSize: 4 });
    const task = letterLM();
    const prompt = letterPromptLM();
    const again = await optimizer({ runDir, taskModel: task, promptModel: prompt }).compile(new SimpleModule("word -> label"), {
      trainset,
      valset,
      numTrials: 6,
      minibatchSize: 4,
    });
    expect(task.counter.calls + prompt.counter.calls).toBe(0);
    expect(again.dumpState()).toEqual(first.dumpState());
    expect(again.runReport.trials).toEqual(first.runReport.trials?.map((t) => ({ ...t, elapsedMs: expect.any(Number) })));
    expect(again.runReport.spent).toEqual(first.runReport.spent);
  });

  it("stops with the MetricError when the metric returns no score, instead of scoring every trial 0", async () => {
    // Two candidate sets are the zero-shot and the labeled one, so nothing is bootstrapped: the first metric call is
    // the default program's evaluation, whose failure DSPy would swallow (score 0) like any other exception.
    const metric = function feedbackOnly(example: { label?: unknown }, prediction: { label?: unknown }) {
      return { score: Number(example.label === prediction.label), feedback: "compare the first letter" };
    };
    const error = await optimizer({ metric: metric as never, numCandidates: 2 })
      .compile(new SimpleModule("word -> label"), { trainset, valset, numTrials: 2, minibatch: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MetricError);
    expect((error as Error).message).toMatch(/^The metric `feedbackOnly` passed as `metric` to Evaluate \(on devset\[\d+\]\) returned an object/);
  });

  it("counts an evaluation whose metric returned NaN as 0, so a NaN default score does not block every better trial", async () => {
    const metric = function labelOrNaN(example: { label?: unknown }, prediction: { label?: unknown }) {
      return example.label === prediction.label ? 1 : NaN;
    };
    const logger = warnings();
    const compiled = await optimizer({ metric: metric as never, logger }).compile(new SimpleModule("word -> label"), { trainset, valset, numTrials: 8, minibatch: false });
    expect(compiled.runReport.trials?.[0]).toMatchObject({ kind: "default", score: 0 });
    expect(compiled.score).toBe(100);
    expect(logger.lines).toContain("MIPROv2: the metric returned NaN for some example, so the evaluation's score is NaN; it counts as 0.0.");
  });
});
