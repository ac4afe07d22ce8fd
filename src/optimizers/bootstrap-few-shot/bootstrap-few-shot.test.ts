import { afterEach, describe, expect, it } from "vitest";
import { SimpleModule } from "../__fixtures__/simple-module.js";
import type { Callback } from "../../context/callback.js";
import { configure, resetSettings, withSettings } from "../../context/settings.js";
import { withBudget } from "../../context/with-budget.js";
import { BudgetExceededError } from "../../errors/budget-exceeded-error.js";
import { Example } from "../../primitives/example.js";
import { Module } from "../../primitives/module.js";
import type { Prediction } from "../../primitives/prediction.js";
import { ChainOfThought } from "../../predict/chain-of-thought.js";
import { Predict } from "../../predict/predict.js";
import { DummyLM } from "../../testing/dummy-lm.js";
import { BootstrapFewShot } from "./bootstrap-few-shot.js";


class CotModule extends Module {
  qa = new ChainOfThought("question -> answer");
  async forward(inputs: { question: string }) {
    return this.qa.call(inputs);
  }
}

const simpleMetric = (example: Example, prediction: Prediction) => example.output === prediction.output;
const exactAnswer = (example: Example, prediction: Prediction) => example.answer === prediction.answer;
const sky = new Example({ input: "What is the color of the sky?", output: "blue" }).withInputs("input");
const six = ["yes", "no", "yes", "42", "no", "Paris"].map((answer, i) => new Example({ question: `q${i}`, answer }).withInputs("question"));

function capture() {
  const lines: string[] = [];
  return { lines, output: { write: (text: string) => lines.push(text) } };
}

afterEach(() => resetSettings());

describe("BootstrapFewShot (DSPy's test_bootstrap)", () => {
  it("keeps its options", () => {
    const optimizer = new BootstrapFewShot({ metric: simpleMetric, maxBootstrappedDemos: 1, maxLabeledDemos: 1 });
    expect(optimizer.metric).toBe(simpleMetric);
    expect([optimizer.maxBootstrappedDemos, optimizer.maxLabeledDemos, optimizer.maxRounds, optimizer.maxErrors]).toEqual([1, 1, 1, null]);
  });

  it("compiles Predict-based students and marks them compiled", async () => {
    configure({ lm: new DummyLM([{ output: "Initial thoughts" }, { output: "Finish[blue]" }]) });
    const { output } = capture();
    const optimizer = new BootstrapFewShot({ metric: simpleMetric, maxBootstrappedDemos: 1, maxLabeledDemos: 1, output });
    const compiled = await optimizer.compile(new SimpleModule("input -> output"), { trainset: [sky], teacher: new SimpleModule("input -> output") });
    expect(compiled.compiled).toBe(true);
    expect(compiled.predictor.demos.length).toBeGreaterThanOrEqual(1);
  });

  it("bootstraps the demo the teacher got right (follow_examples), and the student then answers from it", async () => {
    configure({ lm: new DummyLM([{ output: "blue" }, { output: "Ring-ding-ding-ding-dingeringeding!" }], { followExamples: true }) });
    const { output, lines } = capture();
    const optimizer = new BootstrapFewShot({ metric: simpleMetric, maxBootstrappedDemos: 1, maxLabeledDemos: 1, output });
    const compiled = await optimizer.compile(new SimpleModule("input -> output"), { trainset: [sky], teacher: new SimpleModule("input -> output") });
    expect(compiled.predictor.demos).toHaveLength(1);
    const [demo] = compiled.predictor.demos as Example[];
    expect([demo?.input, demo?.output]).toEqual([sky.input, sky.output]);
    expect((await compiled.call({ input: sky.input })).output).toBe("blue");
    expect(lines).toEqual(["Bootstrapped 0 full traces after 0 examples for up to 1 rounds, amounting to 1 attempts.\n"]);
  });

  it("re-raises the teacher's error once maxErrors is reached", async () => {
    class BuggyModule extends SimpleModule {
      override async forward(): Promise<Prediction> {
        throw new RangeError("Simulated error");
      }
    }
    configure({ lm: new DummyLM([{ output: "Initial thoughts" }]) });
    const optimizer = new BootstrapFewShot({ metric: simpleMetric, maxBootstrappedDemos: 1, maxLabeledDemos: 1, maxErrors: 1, output: capture().output });
    await expect(
      optimizer.compile(new SimpleModule("input -> output"), { trainset: [sky], teacher: new BuggyModule("input -> output") }),
    ).rejects.toThrow("Simulated error");
  });

  it("uses unbootstrapped examples as labeled demos", async () => {
    configure({ lm: new DummyLM([{ output: "Initial thoughts" }, { output: "Finish[blue]" }]) });
    const optimizer = new BootstrapFewShot({ metric: simpleMetric, maxBootstrappedDemos: 1, maxLabeledDemos: 1, output: capture().output });
    const compiled = await optimizer.compile(new SimpleModule("input -> output"), { trainset: [sky] });
    expect(compiled.predictor.demos).toEqual([sky]);
  });
});

describe("BootstrapFewShot", () => {
  it("reproduces the reference example: [aug q0, aug q2, raw q5, raw q1], teacher prompts with 3 labeled demos", async () => {
    const lm = new DummyLM([
      { reasoning: "r0", answer: "yes" },
      { reasoning: "r1", answer: "yes" },
      { reasoning: "r2", answer: "yes" },
    ]);
    configure({ lm });
    const { output, lines } = capture();
    const optimizer = new BootstrapFewShot({ metric: exactAnswer, maxBootstrappedDemos: 2, maxLabeledDemos: 4, output });
    const compiled = await optimizer.compile(new CotModule(), { trainset: six });
    const demos = compiled.qa.predict.demos as Example[];
    expect(demos.map((d) => [d.question, d.get("augmented") ?? false])).toEqual([
      ["q0", true],
      ["q2", true],
      ["q5", false],
      ["q1", false],
    ]);
    expect(demos[0]?.toDict()).toEqual({ augmented: true, question: "q0", reasoning: "r0", answer: "yes" });
    expect(demos[0]?.inputKeys()).toBeNull();
    expect(demos[2]).toBe(six[5]);
    expect(lines).toEqual(["Bootstrapped 2 full traces after 3 examples for up to 1 rounds, amounting to 3 attempts.\n"]);
    // The teacher's labeled demos are Random(0).sample(trainset, 4) = q3, q5, q0, q1 (incomplete: no reasoning). Each
    // run leaves its own example out: q0's and q1's prompts hold 3 demo pairs, q2's all 4 (system + pairs + question).
    expect(lm.history.map((entry) => entry.messages?.length)).toEqual([8, 8, 10]);
    expect(lm.history[0]?.messages?.[1]?.content).toContain("This is an example of the task, though some input or output fields are not supplied.");
  });

  it("never changes the student", async () => {
    configure({ lm: new DummyLM([{ reasoning: "r", answer: "yes" }]) });
    const student = new CotModule();
    const old = new Example({ question: "old", answer: "old" });
    student.qa.predict.demos = [old];
    const compiled = await new BootstrapFewShot({ metric: exactAnswer, output: capture().output }).compile(student, { trainset: six.slice(0, 1) });
    expect(compiled).not.toBe(student);
    expect(compiled.qa.predict).not.toBe(student.qa.predict);
    expect(student.qa.predict.demos).toEqual([old]);
    expect(student.compiled).toBe(false);
  });

  it("runs later rounds on an LM copy with rollout_id and temperature 1.0", async () => {
    const seen: Array<Record<string, unknown>> = [];
    const spy: Callback = { onLmStart: (_id, lm) => seen.push({ ...(lm as DummyLM).kwargs }) };
    configure({ lm: new DummyLM({ q0: { answer: "wrong" } }), callbacks: [spy] });
    const optimizer = new BootstrapFewShot({ metric: exactAnswer, maxRounds: 3, maxLabeledDemos: 0, output: capture().output });
    await optimizer.compile(new Predict("question -> answer"), { trainset: six.slice(0, 1) });
    expect(seen.map((kwargs) => [kwargs.rollout_id, kwargs.temperature])).toEqual([
      [undefined, 0],
      [1, 1],
      [2, 1],
    ]);
  });

  it("accepts by metricThreshold when given, else by the metric's truthiness", async () => {
    const scores: Record<string, number> = { q0: 0.3, q1: 0.8, q2: 0 };
    const metric = (example: Example) => scores[example.question as string] as number;
    const trainset = six.slice(0, 3);
    const run = async (metricThreshold: number | null) => {
      configure({ lm: new DummyLM({ q: { answer: "x" } }) });
      const optimizer = new BootstrapFewShot({ metric, metricThreshold, maxLabeledDemos: 0, output: capture().output });
      const compiled = await optimizer.compile(new Predict("question -> answer"), { trainset });
      return (compiled.demos as Example[]).map((d) => d.question);
    };
    expect(await run(0.5)).toEqual(["q1"]);
    expect(await run(null)).toEqual(["q0", "q1"]);
  });

  it("accepts every completed run without a metric, and logs failures below maxErrors", async () => {
    const errors: string[] = [];
    const logger = { debug() {}, info() {}, warn() {}, error: (message: string) => errors.push(message) };
    class Flaky extends Module {
      qa = new Predict("question -> answer");
      async forward(inputs: { question: string }) {
        if (inputs.question === "q1") throw new RangeError("flaky");
        return this.qa.call(inputs);
      }
    }
    configure({ lm: new DummyLM({ q: { answer: "x" } }), logger });
    const optimizer = new BootstrapFewShot({ maxBootstrappedDemos: 3, maxLabeledDemos: 3, output: capture().output });
    const compiled = await optimizer.compile(new Flaky(), { trainset: six });
    expect((compiled.qa.demos as Example[]).map((d) => [d.question, d.get("augmented") ?? false])).toEqual([
      ["q0", true],
      ["q2", true],
      ["q3", true],
    ]);
    expect(errors).toEqual([
      "Failed to run or to evaluate example Example({'question': 'q1', 'answer': 'no'}) (input_keys={'question'}) with None due to flaky.",
    ]);
  });

  it("keeps one trace per predictor and example when a predictor runs twice (seeded tie-break)", async () => {
    class Twice extends Module {
      qa = new Predict("question -> answer");
      async forward(inputs: { question: string }) {
        await this.qa.call({ question: `${String(inputs.question)} (draft)` });
        return this.qa.call(inputs);
      }
    }
    configure({ lm: new DummyLM({ q: { answer: "x" } }) });
    const optimizer = new BootstrapFewShot({ maxBootstrappedDemos: 4, maxLabeledDemos: 0, output: capture().output });
    const compiled = await optimizer.compile(new Twice(), { trainset: six.slice(0, 4) });
    const questions = (compiled.qa.demos as Example[]).map((d) => d.question as string);
    expect(questions).toHaveLength(4);
    questions.forEach((question, i) => expect(question.startsWith(`q${i}`)).toBe(true));
    const again = await optimizer.compile(new Twice(), { trainset: six.slice(0, 4) });
    expect((again.qa.demos as Example[]).map((d) => d.question)).toEqual(questions);
  });

  it("lets a BudgetExceededError through at once instead of counting it as a failed example", async () => {
    const lm = new DummyLM({ q: { answer: "yes" } });
    configure({ lm });
    const optimizer = new BootstrapFewShot({ metric: exactAnswer, maxBootstrappedDemos: 4, maxLabeledDemos: 0, maxErrors: 100, output: capture().output });
    const error = await withBudget({ maxCalls: 2 }, () => optimizer.compile(new Predict("question -> answer"), { trainset: six })).catch((e) => e);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect(lm.history).toHaveLength(2);
  });

  it("checks the student and the teacher like DSPy", async () => {
    const { output } = capture();
    const optimizer = new BootstrapFewShot({ output });
    const compiledStudent = new SimpleModule("input -> output");
    compiledStudent.compiled = true;
    await expect(optimizer.compile(compiledStudent, { trainset: [sky] })).rejects.toThrow(/^Student must be uncompiled\./);
    await expect(optimizer.compile(new SimpleModule("input -> output"), { trainset: [sky], teacher: new CotModule() })).rejects.toThrow(
      /^Student and teacher must have the same program structure\./,
    );
    await expect(
      optimizer.compile(new SimpleModule("input -> output"), { trainset: [sky], teacher: new SimpleModule("input -> answer") }),
    ).rejects.toThrow(/^Student and teacher must have the same signatures\./);
    class Pair extends Module {
      a = new Predict("input -> output");
      b = new Predict("input -> output");
      async forward(inputs: { input: string }) {
        return this.a.call(inputs);
      }
    }
    await expect(optimizer.compile(new SimpleModule("input -> output"), { trainset: [sky], teacher: new Pair() })).rejects.toThrow(
      /^Student and teacher must have the same number of predictors\./,
    );
    await expect(optimizer.compile(new SimpleModule("input -> output"), { trainset: [] })).rejects.toThrow(/trainset is empty/);
  });

  it("runs the teacher with teacherSettings and fires compile callbacks", async () => {
    const teacherLm = new DummyLM({ q: { answer: "yes" } });
    const events: string[] = [];
    const callback: Callback = {
      onCompileStart: (_id, instance, inputs) => events.push(`start ${instance.constructor.name} ${Object.keys(inputs).join(",")}`),
      onCompileEnd: (_id, outputs, error) => events.push(`end ${outputs ? "program" : "none"} ${String(error)}`),
    };
    configure({ lm: new DummyLM([]) });
    const optimizer = new BootstrapFewShot({ metric: exactAnswer, teacherSettings: { lm: teacherLm }, maxLabeledDemos: 0, output: capture().output });
    optimizer.callbacks = [callback];
    const compiled = await withSettings({}, () => optimizer.compile(new Predict("question -> answer"), { trainset: six.slice(0, 3) }));
    expect((compiled.demos as Example[]).map((d) => d.question)).toEqual(["q0", "q2"]);
    expect(teacherLm.history).toHaveLength(3);
    expect(events).toEqual(["start BootstrapFewShot student,trainset", "end program null"]);
  });
});

describe("BootstrapFewShot progress", () => {
  it("draws a tqdm-like bar over the trainset on the given stream, and none when disabled", async () => {
    const { configure, resetSettings } = await import("../../context/settings.js");
    const { DummyLM } = await import("../../testing/dummy-lm.js");
    const { Predict } = await import("../../predict/predict.js");
    const { Example } = await import("../../primitives/example.js");
    const trainset = [1, 2, 3].map((i) => new Example({ question: `q${i}`, answer: "a" }).withInputs("question"));
    configure({ lm: new DummyLM([{ answer: "a" }, { answer: "a" }, { answer: "a" }]) });
    let drawn = "";
    const output = { write: () => true };
    await new BootstrapFewShot({ maxBootstrappedDemos: 3, output, progress: { write: (t: string) => (drawn += t), isTTY: true } }).compile(
      new Predict("question -> answer"),
      { trainset },
    );
    expect(drawn).toContain("3/3");
    // By default: the logger's progress stream for the bar and its info for the summary line.
    let viaLogger = "";
    const info: string[] = [];
    const { silentLogger } = await import("../../context/logger.js");
    const progress = { write: (t: string) => (viaLogger += t), isTTY: true };
    configure({ lm: new DummyLM([{ answer: "a" }]), logger: { ...silentLogger, info: (m: string) => info.push(m), progress } });
    await new BootstrapFewShot({ maxBootstrappedDemos: 1 }).compile(new Predict("question -> answer"), { trainset });
    expect(viaLogger).toContain("1/3");
    expect(info).toEqual(["Bootstrapped 1 full traces after 1 examples for up to 1 rounds, amounting to 1 attempts."]);
    let disabled = "";
    configure({ logger: { ...silentLogger, progress: { write: (t: string) => (disabled += t), isTTY: true } } });
    await new BootstrapFewShot({ maxBootstrappedDemos: 1, progress: false }).compile(new Predict("question -> answer"), { trainset });
    expect(disabled).toBe("");
    resetSettings();
  });
});

describe("BootstrapFewShot misuse fails loudly", () => {
  it("stops with a MetricError when the metric returns something that is not a score", async () => {
    const { MetricError } = await import("../../errors/metric-error.js");
    const { silentLogger } = await import("../../context/logger.js");
    configure({ lm: new DummyLM([{ answer: "yes" }, { answer: "no" }]), logger: silentLogger });
    function verdict() {
      return "correct" as unknown as boolean;
    }
    const optimizer = new BootstrapFewShot({ metric: verdict, output: capture().output });
    const error = await optimizer.compile(new Predict("question -> answer"), { trainset: six }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MetricError);
    expect((error as Error).message).toBe(
      'The metric `verdict` passed as `metric` to BootstrapFewShot (on trainset[0]) returned the string "correct". ' +
        "A metric must return a number, a boolean, or a Prediction with a numeric `score` (the `Metric` type).",
    );
  });

  it("refuses a trainset whose input fields were never marked, instead of returning a program without demos", async () => {
    configure({ lm: new DummyLM([{ answer: "yes" }]) });
    const unmarked = [new Example({ question: "q0", answer: "yes" })];
    const message =
      "trainset[0] has no input fields marked (its fields: question, answer), so the program cannot be called with it. " +
      'Mark the input fields with withInputs, e.g. `trainset.map((example) => example.withInputs("question"))`.';
    await expect(new BootstrapFewShot({ metric: exactAnswer }).compile(new Predict("question -> answer"), { trainset: unmarked })).rejects.toThrow(
      `BootstrapFewShot.compile(): ${message}`,
    );
    const { BootstrapFewShotWithRandomSearch } = await import("../random-search/bootstrap-few-shot-with-random-search.js");
    const rs = new BootstrapFewShotWithRandomSearch({ metric: exactAnswer, output: capture().output });
    await expect(rs.compile(new Predict("question -> answer"), { trainset: unmarked })).rejects.toThrow(
      `BootstrapFewShotWithRandomSearch.compile(): ${message}`,
    );
    await expect(rs.compile(new Predict("question -> answer"), { trainset: six, valset: unmarked })).rejects.toThrow(
      "BootstrapFewShotWithRandomSearch.compile(): valset[0] has no input fields marked",
    );
  });
});
