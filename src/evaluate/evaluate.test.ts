import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Callback } from "../context/callback.js";
import type { Logger } from "../context/logger.js";
import { configure, getSettings, resetSettings, withSettings } from "../context/settings.js";
import { ExecutionCancelledError } from "../errors/execution-cancelled-error.js";
import { AbortError } from "../errors/abort-error.js";
import { MetricError } from "../errors/metric-error.js";
import { ValueError } from "../errors/value-error.js";
import { Example } from "../primitives/example.js";
import { Module } from "../primitives/module.js";
import { Prediction } from "../primitives/prediction.js";
import { ManualClock } from "../testing/manual-clock.js";
import { pyFloat } from "../python/py-float.js";
import { Evaluate } from "./evaluate.js";
import { EvaluationResult } from "./evaluation-result.js";
import { answerExactMatch } from "./metrics/answer-exact-match.js";

/** DSPy 3.3.1's logs, scores and saved files for the same programs (__fixtures__/generate-evaluate-fixture.py). */
const fixture = JSON.parse(await readFile(new URL("./__fixtures__/evaluate.json", import.meta.url), "utf8")) as Record<
  string,
  {
    scores: Array<number | boolean>;
    fail?: number[];
    failure_score?: number;
    score: number;
    repr: string;
    logs: Array<[string, string]>;
    devset?: Array<Record<string, unknown>>;
    answers?: Array<Record<string, unknown>>;
    csv?: string;
    json?: string;
  }
>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recordingLogger() {
  const lines: Array<[string, string]> = [];
  const logger: Logger = {
    debug: (m) => lines.push(["DEBUG", m]),
    info: (m) => lines.push(["INFO", m]),
    warn: (m) => lines.push(["WARNING", m]),
    error: (m) => lines.push(["ERROR", m]),
  };
  return { lines, logger };
}

/** A fake program: answers from a table after a short delay, failing for some questions. */
class TableProgram extends Module {
  inFlight = 0;
  peak = 0;
  constructor(
    private readonly answers: Record<string, Record<string, unknown>>,
    private readonly failing: ReadonlySet<string> = new Set(),
    private readonly delayMs = 1,
  ) {
    super();
  }
  async forward(inputs: Record<string, unknown>) {
    this.inFlight++;
    this.peak = Math.max(this.peak, this.inFlight);
    await sleep(this.delayMs);
    this.inFlight--;
    const question = String(inputs.question);
    if (this.failing.has(question)) throw new Error("program failed");
    return new Prediction(this.answers[question]);
  }
}

const ex = (question: string, answer: unknown, extra: Record<string, unknown> = {}) =>
  new Example({ question, answer, ...extra }).withInputs("question");

afterEach(() => resetSettings());

/** Rebuilds one fixture case: examples q0..qn, the program's answers, and a metric returning the recorded scores. */
function fixtureCase(name: string) {
  const spec = fixture[name]!;
  const devset = spec.devset
    ? spec.devset.map((fields) => new Example(fields).withInputs("question"))
    : spec.scores.map((_, i) => (name === "seventh" ? ex(`s${i}`, "x") : ex(`q${i}`, `a${i}`)));
  const answers = Object.fromEntries(devset.map((e, i) => [e.question, spec.answers?.[i] ?? { answer: e.answer }]));
  const scoreOf = new Map(devset.map((e, i) => [e.question, spec.scores[i]!]));
  const failing = new Set((spec.fail ?? []).map((i) => devset[i]!.question as string));
  function my_metric(example: Example) {
    return scoreOf.get(example.question)!;
  }
  return { spec, devset, program: new TableProgram(answers, failing), metric: my_metric };
}

/** DSPy's log lines name its Python option; tsdspy's name the TypeScript one (docs/compat.md). */
const tsHint = ([level, text]: [string, string]): [string, string] => [
  level,
  text.replace("Set `provide_traceback=True` for traceback.", "Set `provideTraceback: true` to log the stack trace."),
];

describe("Evaluate matches DSPy's score, rounding and log line", () => {
  for (const name of ["bools", "floats", "half_even", "seventh", "failure", "failure_score"]) {
    it(name, async () => {
      const { spec, devset, program, metric } = fixtureCase(name);
      const { lines, logger } = recordingLogger();
      configure({ logger });
      const evaluate = new Evaluate({ devset, metric, numThreads: 1, ...(spec.failure_score ? { failureScore: spec.failure_score } : {}) });
      const result = await evaluate.call(program);
      expect(result.score).toBe(spec.score);
      expect(result.toPyRepr()).toBe(spec.repr);
      expect(lines).toEqual(spec.logs.map(tsHint));
    });
  }

  it("returns [example, prediction, score] in devset order; failures get an empty Prediction and failureScore", async () => {
    const { devset, program, metric } = fixtureCase("failure");
    configure({ logger: recordingLogger().logger });
    const result = await new Evaluate({ devset, metric, numThreads: 3, failureScore: 0.25 }).call(program);
    expect(result).toBeInstanceOf(EvaluationResult);
    expect(result.results.map(([e]) => e)).toEqual(devset);
    expect(result.results.map(([, p]) => p.toDict())).toEqual([{ answer: "a0" }, {}, { answer: "a2" }]);
    expect(result.results.map(([, , s]) => s)).toEqual([true, 0.25, true]);
    expect(Number(result)).toBe(75);
  });

  it("sums Prediction scores and accepts async metrics", async () => {
    configure({ logger: recordingLogger().logger });
    const devset = [ex("a", "1"), ex("b", "2")];
    const program = new TableProgram({ a: { answer: "1" }, b: { answer: "x" } });
    const metric = async (e: Example, p: Prediction) => new Prediction({ score: e.answer === p.answer ? 0.75 : 0.25 });
    expect((await new Evaluate({ devset, metric }).call(program)).score).toBe(50);
  });

  it("stops with a MetricError naming the option when the metric returns something that is not a score", async () => {
    const { lines, logger } = recordingLogger();
    configure({ logger });
    const devset = ["a", "b", "c", "d"].map((q) => ex(q, "1"));
    const program = new TableProgram(Object.fromEntries(devset.map((e) => [e.question, { answer: "1" }])));
    const cases: Array<[unknown, string]> = [
      [undefined, "returned undefined (does the metric function miss a `return`?)"],
      ["yes", 'returned the string "yes"'],
      [{ score: 1 }, "returned an object (Object with keys score); return its `score`, or wrap it as `new Prediction({ score, ... })`"],
      [new Prediction({ verdict: "ok" }), "returned a Prediction whose `score` is missing"],
      [null, "returned null"],
    ];
    for (const [value, text] of cases) {
      let calls = 0;
      function judge() {
        calls++;
        return value as number;
      }
      const error = await new Evaluate({ devset, metric: judge, numThreads: 1 }).call(program).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MetricError);
      expect((error as MetricError).value).toBe(value);
      expect((error as MetricError).message).toBe(
        `The metric \`judge\` passed as \`metric\` to Evaluate (on devset[0]) ${text}. ` +
          "A metric must return a number, a boolean, or a Prediction with a numeric `score` (the `Metric` type).",
      );
      expect(calls).toBe(1); // the first bad score stops the run: no more LM calls are spent
    }
    expect(lines.filter(([level]) => level === "ERROR")).toEqual([]); // no per-example "Error for …" lines
    const ok = await new Evaluate({ devset, metric: () => new Prediction({ score: 0.5 }) }).call(program);
    expect(ok.score).toBe(50);
  });

  it("refuses examples whose input fields were never marked, saying how to mark them", async () => {
    configure({ logger: recordingLogger().logger });
    const program = new TableProgram({ a: { answer: "1" } });
    const devset = [ex("a", "1"), new Example({ question: "b", answer: "2" })];
    await expect(new Evaluate({ devset, metric: () => true }).call(program)).rejects.toThrow(
      "Evaluate: devset[1] has no input fields marked (its fields: question, answer), so the program cannot be called " +
        'with it. Mark the input fields with withInputs, e.g. `devset.map((example) => example.withInputs("question"))`.',
    );
  });

  it("works with DSPy's answerExactMatch", async () => {
    configure({ logger: recordingLogger().logger });
    const program = new TableProgram({ "What is 1+1?": { answer: "2" }, "What is 2+2?": { answer: "four" } });
    const devset = [ex("What is 1+1?", "2"), ex("What is 2+2?", ["4", "Four"])];
    expect((await new Evaluate({ devset, metric: answerExactMatch }).call(program)).score).toBe(100);
  });
});

describe("Evaluate errors", () => {
  it("cancels with DSPy's message once maxErrors examples failed", async () => {
    const { lines, logger } = recordingLogger();
    configure({ logger });
    const devset = ["a", "b", "c", "d"].map((q) => ex(q, q));
    const program = new TableProgram({}, new Set(["a", "b", "c", "d"]));
    const evaluate = new Evaluate({ devset, metric: () => 1, numThreads: 1, maxErrors: 2 });
    const error = await evaluate.call(program).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecutionCancelledError);
    expect((error as Error).message).toBe("Execution cancelled due to errors or interruption.");
    expect(lines.filter(([level]) => level === "ERROR")).toHaveLength(2);
    expect(lines.at(-1)).toEqual(["WARNING", "Execution cancelled due to errors or interruption."]);
  });

  it("takes maxErrors from settings when not given", async () => {
    configure({ logger: recordingLogger().logger, maxErrors: 1 });
    const program = new TableProgram({}, new Set(["a"]));
    await expect(new Evaluate({ devset: [ex("a", "a"), ex("b", "b")], metric: () => 1 }).call(program)).rejects.toThrow(
      "Execution cancelled due to errors or interruption.",
    );
  });

  it("stops with AbortError naming the evaluation when the call's signal is aborted", async () => {
    configure({ logger: recordingLogger().logger });
    const controller = new AbortController();
    const program = new TableProgram({ a: { answer: "a" }, b: { answer: "b" } }, new Set(), 50);
    const run = new Evaluate({ devset: [ex("a", "a"), ex("b", "b")], metric: () => 1 }).call(program, { signal: controller.signal });
    controller.abort();
    await expect(run).rejects.toBeInstanceOf(AbortError);
    await expect(run).rejects.toThrow("Evaluate of 2 examples (0 of 2 items finished) was cancelled: its AbortSignal was aborted.");
  });

  it("rejects returnOutputs (naming the key given), a missing metric and an empty devset", async () => {
    expect(() => new Evaluate({ devset: [], returnOutputs: true } as never)).toThrow(
      "`returnOutputs` is no longer supported. Results are always returned inside the `results` field of the `EvaluationResult` object.",
    );
    expect(() => new Evaluate({ devset: [], return_outputs: true } as never)).toThrow("`return_outputs` is no longer supported.");
    const program = new TableProgram({});
    await expect(new Evaluate({ devset: [ex("a", "a")] }).call(program)).rejects.toBeInstanceOf(ValueError);
    await expect(new Evaluate({ devset: [], metric: () => 1 }).call(program)).rejects.toThrow("The devset is empty");
  });
});

describe("Evaluate concurrency", () => {
  it("keeps at most numThreads examples in flight and results in devset order", async () => {
    configure({ logger: recordingLogger().logger });
    const devset = Array.from({ length: 30 }, (_, i) => ex(`q${i}`, `a${i}`));
    const answers = Object.fromEntries(devset.map((e) => [e.question, { answer: e.answer }]));
    const program = new TableProgram(answers, new Set(), 2);
    const result = await new Evaluate({ devset, metric: (e, p) => e.answer === p.answer, numThreads: 4 }).call(program);
    expect(program.peak).toBe(4);
    expect(result.results.map(([, p]) => p.answer)).toEqual(devset.map((e) => e.answer));
  });

  it("each task sees the caller's withSettings scope; concurrent evaluations never mix", async () => {
    configure({ logger: recordingLogger().logger });
    class SettingsProbe extends Module {
      async forward() {
        await sleep(1);
        return new Prediction({ seen: getSettings().maxHistorySize });
      }
    }
    const devset = Array.from({ length: 12 }, (_, i) => ex(`q${i}`, null));
    const run = (size: number) =>
      withSettings({ maxHistorySize: size }, () =>
        new Evaluate({ devset, metric: (_e, p) => p.seen === size, numThreads: 3 }).call(new SettingsProbe()),
      );
    const [a, b] = await Promise.all([run(111), run(222)]);
    expect(a.results.map(([, p]) => p.seen)).toEqual(Array(12).fill(111));
    expect(b.results.map(([, p]) => p.seen)).toEqual(Array(12).fill(222));
    expect([a.score, b.score]).toEqual([100, 100]);
  });

  it("passes the program and overrides to onEvaluateStart and the result to onEvaluateEnd", async () => {
    const events: Array<[string, unknown]> = [];
    const callback: Callback = {
      onEvaluateStart: (_id, _instance, inputs) => events.push(["start", Object.keys(inputs)]),
      onEvaluateEnd: (_id, outputs, error) => events.push(["end", error ?? (outputs as EvaluationResult).score]),
    };
    configure({ logger: recordingLogger().logger, callbacks: [callback] });
    const program = new TableProgram({ a: { answer: "a" } });
    await new Evaluate({ devset: [ex("a", "a")], metric: () => true }).call(program, { numThreads: 2 });
    expect(events).toEqual([
      ["start", ["program", "numThreads"]],
      ["end", 100],
    ]);
  });
});

describe("Evaluate output", () => {
  const progressRun = async (isTTY: boolean) => {
    configure({ logger: recordingLogger().logger });
    const clock = new ManualClock();
    const chunks: string[] = [];
    const output = { isTTY, write: (text: string) => chunks.push(text) };
    class Ticking extends Module {
      async forward(inputs: Record<string, unknown>) {
        clock.advance(200);
        return new Prediction({ answer: inputs.question });
      }
    }
    const devset = ["a", "b", "c", "d"].map((q) => ex(q, q === "c" ? "x" : q));
    const evaluate = new Evaluate({ devset, metric: (e, p) => e.answer === p.answer, numThreads: 1, displayProgress: true, output, clock });
    await evaluate.call(new Ticking());
    return chunks;
  };

  it("draws a live bar on a TTY", async () => {
    const chunks = await progressRun(true);
    expect(chunks[0]).toBe("\r  0%|          | 0/4 [00:00<?, ?it/s]");
    expect(chunks.slice(-2)).toEqual(["\rAverage Metric: 3.00 / 4 (75.0%): 100%|██████████| 4/4 [00:00<00:00,  5.00it/s]", "\n"]);
    expect(chunks.join("")).toContain("\rAverage Metric: 1.00 / 1 (100.0%):  25%|██▌       | 1/4 [00:00<00:00,  5.00it/s]");
  });

  it("writes no per-example lines on a stream that is not a terminal (the summary is the logger's info line)", async () => {
    expect(await progressRun(false)).toEqual([]);
  });

  it("by default draws on the logger's progress stream and logs the summary, never on standard output", async () => {
    const { lines, logger } = recordingLogger();
    const drawn: string[] = [];
    configure({ logger: { ...logger, progress: { isTTY: true, write: (t: string) => drawn.push(t) } } });
    const stdout = vi.spyOn(process.stdout, "write");
    try {
      const devset = [ex("a", "a"), ex("b", "x")];
      const program = new TableProgram({ a: { answer: "a" }, b: { answer: "b" } });
      await new Evaluate({ devset, metric: (e, p) => e.answer === p.answer, displayProgress: true, displayTable: true }).call(program);
      expect(stdout).not.toHaveBeenCalled();
    } finally {
      stdout.mockRestore();
    }
    expect(drawn.at(-2)).toMatch(/^\rAverage Metric: 1\.00 \/ 2 \(50\.0%\): 100%\|/);
    expect(lines[0]).toEqual(["INFO", "Average Metric: 1 / 2 (50.0%)"]);
    expect(lines[1]![1]).toMatch(/^ +question example_answer pred_answer +metric\n0 +a/);
    expect(lines).toHaveLength(2);
  });

  it("saves CSV and JSON byte for byte as DSPy does", async () => {
    const { spec, devset, metric } = fixtureCase("saved");
    // An integral float from Python (1.2345678901234568e+16) is a PyFloat in tsdspy, so it renders the same.
    const answers = spec.answers!.map((a) => ({ ...a, confidence: pyFloat(a.confidence as number) }));
    const program = new TableProgram(Object.fromEntries(devset.map((e, i) => [e.question, answers[i]!])));
    const dir = await mkdtemp(join(tmpdir(), "tsdspy-evaluate-"));
    const saveAsCsv = join(dir, "r.csv");
    const saveAsJson = join(dir, "r.json");
    const { lines, logger } = recordingLogger();
    configure({ logger });
    const result = await new Evaluate({ devset, metric, saveAsCsv, saveAsJson }).call(program);
    expect(result.score).toBe(spec.score);
    expect(lines).toEqual(spec.logs);
    expect(await readFile(saveAsCsv, "utf8")).toBe(spec.csv);
    expect(await readFile(saveAsJson, "utf8")).toBe(spec.json);
  });

  it("prints the table: merged fields, the metric column, long cells cut, hidden rows counted", async () => {
    configure({ logger: recordingLogger().logger });
    const chunks: string[] = [];
    const long = Array.from({ length: 30 }, (_, i) => `w${i}`).join(" ");
    const devset = [ex("What is 1+1?", "2"), ex("Long?", "x"), ex("Third", "3")];
    const program = new TableProgram({
      "What is 1+1?": { answer: "2", rationale: "simple\narithmetic" },
      "Long?": { answer: "y", rationale: long },
      Third: { answer: "3", rationale: "" },
    });
    function exact_or_half(e: Example, p: Prediction) {
      return e.answer === p.answer ? true : 0.5;
    }
    const output = { write: (text: string) => chunks.push(text) };
    await new Evaluate({ devset, metric: exact_or_half, displayTable: 2, output }).call(program);
    // pandas' layout: each cell gets a leading space, columns are right-aligned to their widest entry.
    const cut = `${Array.from({ length: 25 }, (_, i) => `w${i}`).join(" ")}...`;
    expect(chunks.join("")).toBe(
      [
        `       question example_answer pred_answer ${" ".repeat(cut.length + 1 - 9)}rationale exact_or_half`,
        `0  What is 1+1?              2           2 ${" ".repeat(cut.length + 1 - 18)}simple\\narithmetic     ✔️ [True]`,
        `1         Long?              x           y  ${cut}    ✔️ [0.500]`,
        "... 1 more rows not displayed ...",
        "",
      ].join("\n"),
    );
  });
});
