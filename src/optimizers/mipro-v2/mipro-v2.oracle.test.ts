import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { Logger } from "../../context/logger.js";
import { resetSettings } from "../../context/settings.js";
import { ValueError } from "../../errors/value-error.js";
import { Example } from "../../primitives/example.js";
import type { Module } from "../../primitives/module.js";
import { Predict } from "../../predict/predict.js";
import { buildProgram } from "../__fixtures__/bootstrap-case.js";
import { ReplayLM, type RecordedCall } from "../__fixtures__/replay-lm.js";
import { estimateLmCalls } from "./estimate-lm-calls.js";
import { MIPROv2, type MIPROv2Options } from "./mipro-v2.js";
import { AUTO_RUN_SETTINGS, numTrialsFromCandidates, runModeSettings } from "./mipro-settings.js";
import type { PromptSearchOptions, PromptSearchState } from "./search-prompt-parameters.js";
import { PythonRandom } from "../../python/python-random.js";

type Json = Record<string, any>;

const fixture = JSON.parse(readFileSync(new URL("./__fixtures__/mipro-v2.oracle.json", import.meta.url), "utf8")) as {
  cases: Json[];
  auto: Json[];
  estimate: Json[];
  messages: Record<string, string>;
};

afterEach(() => resetSettings());

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const camelKeys = (record: Json) => Object.fromEntries(Object.entries(record).map(([k, v]) => [camel(k), v]));

/** Stops at step 3 and keeps what steps 1-2 handed to it, as the capture script does with DSPy. */
class CapturingMIPROv2 extends MIPROv2 {
  captured: PromptSearchOptions<Module> | null = null;
  protected override async optimizePromptParameters<M extends Module>(options: PromptSearchOptions<M>, _state: PromptSearchState<M>): Promise<void> {
    this.captured = options as unknown as PromptSearchOptions<Module>;
  }
}

function recorder(): Logger & { infos: string[]; warnings: string[] } {
  const infos: string[] = [];
  const warnings: string[] = [];
  return { infos, warnings, debug() {}, info: (m) => infos.push(m), warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
}

const demoDict = (demo: unknown) => (demo instanceof Example ? demo.toDict() : demo);
const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, "");

/** DSPy's `program_code` for a program-aware case: tsdspy describes programs from structure, so the test injects it. */
function programCodeOf(c: Json): string | undefined {
  for (const call of c.prompt_calls as RecordedCall[]) {
    const user = call.messages[1]?.content ?? "";
    const match = /^\[\[ ## program_code ## \]\]\n([\s\S]*?)\n\n\[\[ ## program_example ## \]\]/.exec(user);
    if (match) return match[1];
  }
  return undefined;
}

async function replay(c: Json) {
  const spec = c.case as Json;
  const inputKeys = (spec.input_keys ?? ["question"]) as string[];
  const trainset = (spec.trainset as Json[]).map((e) => new Example(e).withInputs(...inputKeys));
  const valset = spec.valset === null ? null : (spec.valset as Json[]).map((e) => new Example(e).withInputs(...inputKeys));
  const promptLm = new ReplayLM(c.prompt_calls as RecordedCall[]);
  const taskLm = new ReplayLM(c.task_calls as RecordedCall[]);
  const field = (spec.metric_field ?? "answer") as string;
  const metric = (example: Example, prediction: { get(k: string): unknown }) => example.get(field) === prediction.get(field);
  const logger = recorder();
  const printed: string[] = [];
  const programCode = programCodeOf(c);
  const optimizer = new CapturingMIPROv2({
    metric,
    promptModel: promptLm,
    taskModel: taskLm,
    logger,
    output: { write: (text: string) => printed.push(text) },
    ...(programCode !== undefined ? { programCode } : {}),
    ...(camelKeys(spec.init) as Partial<MIPROv2Options>),
  });
  let error: unknown = null;
  try {
    await optimizer.compile(buildProgram(spec.program), { trainset, valset, ...camelKeys(spec.compile) });
  } catch (e) {
    error = e;
  }
  return { optimizer, promptLm, taskLm, logger, printed: printed.join(""), error };
}

function expectSameCalls(sent: ReplayLM["sent"], recorded: RecordedCall[]) {
  expect(sent.length).toBe(recorded.length);
  sent.forEach((call, i) => {
    const want = recorded[i] as RecordedCall;
    expect(call.messages).toEqual(want.messages);
    for (const key of ["temperature", "n", "rollout_id", "max_tokens"]) {
      expect([key, call.params[key] ?? null]).toEqual([key, want.kwargs[key] ?? null]);
    }
  });
}

describe("MIPROv2 against DSPy 3.3.1 (steps 1-2 captured by make-mipro-fixtures.py)", () => {
  for (const c of fixture.cases.filter((x) => !x.error)) {
    it(`${c.id}: same prompts, demo candidates, instruction candidates, settings and RNG state`, async () => {
      const { optimizer, promptLm, taskLm, logger, printed, error } = await replay(c);
      expect(error).toBeNull();
      expectSameCalls(taskLm.sent, c.task_calls);
      expectSameCalls(promptLm.sent, c.prompt_calls);
      const captured = optimizer.captured as PromptSearchOptions<Module>;
      const step3 = c.step3 as Json;
      expect(captured.instructionCandidates).toEqual(Object.values(step3.instruction_candidates));
      const demos = captured.demoCandidates?.map((sets) => sets.map((set) => set.map(demoDict))) ?? null;
      expect(demos).toEqual(step3.demo_candidates === null ? null : Object.values(step3.demo_candidates));
      expect(captured.valset.map((e) => e.toDict())).toEqual(step3.valset);
      expect([captured.numTrials, captured.minibatch, captured.minibatchSize, captured.minibatchFullEvalSteps, captured.seed]).toEqual([
        step3.num_trials,
        step3.minibatch,
        step3.minibatch_size,
        step3.minibatch_full_eval_steps,
        step3.seed,
      ]);
      const rng = optimizer.rng as PythonRandom;
      expect([rng.random(), rng.random(), rng.random()]).toEqual(step3.rng_probe);
      expect(printed).toBe(c.stdout);
      // DSPy's log lines, in order (tsdspy adds its estimate of LM calls before step 1).
      const ours = logger.infos.filter((line) => !/^(Projected|Based on|- Prompt|- Program|- Demo|In all|$)/.test(line));
      expect(ours.map(stripAnsi)).toEqual((c.logs as string[]).map(stripAnsi).filter((line) => line !== ""));
    });
  }

  for (const c of fixture.cases.filter((x) => x.error)) {
    it(`${c.id}: ${c.error.message.slice(0, 60)}`, async () => {
      const { error, promptLm, taskLm } = await replay(c);
      expect(error).toBeInstanceOf(ValueError);
      // DSPy's text, then (tsdspy's addition) how to do it with the TypeScript API.
      expect((error as Error).message.startsWith(c.error.message)).toBe(true);
      expect((error as Error).message.slice(c.error.message.length)).toMatch(/^(| .*(`|tsdspy).*)$/);
      expect(promptLm.sent.length + taskLm.sent.length).toBe(0);
    });
  }

  it("refuses an unknown auto and a missing LM with DSPy's messages", () => {
    const lm = new ReplayLM([]);
    expect(() => new MIPROv2({ metric: () => 1, promptModel: lm, taskModel: lm, auto: "fast" as never })).toThrow(fixture.messages.invalid_auto);
    expect(() => new MIPROv2({ metric: () => 1 })).toThrow(fixture.messages.no_lm);
  });

  it("computes DSPy's trial counts and auto settings", () => {
    for (const row of fixture.auto) {
      if (row.auto === undefined) {
        expect([row, numTrialsFromCandidates(row.predictors, row.zeroshot, row.num_candidates)]).toEqual([row, row.num_trials]);
        continue;
      }
      const rng = new PythonRandom(1);
      const valset = Array.from({ length: row.val_size as number }, (_, i) => new Example({ i }));
      const settings = runModeSettings({
        auto: row.auto,
        numPredictors: row.predictors,
        numTrials: null,
        minibatch: true,
        zeroshot: row.zeroshot,
        valset,
        numInstructCandidates: null,
        numFewshotCandidates: null,
        rng,
      });
      expect([row.auto, settings.numTrials, settings.minibatch, settings.numInstructCandidates, settings.numFewshotCandidates]).toEqual([
        row.auto,
        row.num_trials,
        row.minibatch,
        row.num_instruct_candidates,
        row.num_fewshot_candidates,
      ]);
      expect(settings.valset.map((e) => e.i)).toEqual(row.valset);
    }
    expect(AUTO_RUN_SETTINGS.medium).toEqual({ n: 12, valSize: 300 });
  });

  it("projects LM calls with DSPy's text", () => {
    for (const row of fixture.estimate) {
      const estimate = estimateLmCalls({
        numPredictors: row.predictors,
        numTrials: row.num_trials,
        minibatch: row.minibatch,
        minibatchSize: row.minibatch_size,
        minibatchFullEvalSteps: row.minibatch_full_eval_steps,
        valSize: row.val_size,
        programAwareProposer: row.program_aware,
        numInstructCandidates: row.num_instruct_candidates,
        colors: true,
      });
      expect([estimate.promptModelLine, estimate.taskModelLine]).toEqual([row.prompt_model_line, row.task_model_line]);
    }
  });

  it("keeps numCandidates on the optimizer (the article's manual-budget snippet)", () => {
    const lm = new ReplayLM([]);
    const optimizer = new MIPROv2({ metric: () => 1, promptModel: lm, taskModel: lm, auto: null, numCandidates: 4 });
    expect(optimizer.numCandidates).toBe(4);
    expect(optimizer.numTrialsFromCandidates(new Predict("ticket_text -> resolution"), false, 4)).toBe(8);
  });
});
