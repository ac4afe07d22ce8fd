import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { Logger } from "../../context/logger.js";
import { configure, resetSettings } from "../../context/settings.js";
import { ValueError } from "../../errors/value-error.js";
import { Example } from "../../primitives/example.js";
import type { Module } from "../../primitives/module.js";
import type { Signature } from "../../signatures/signature.js";
import { buildProgram } from "../__fixtures__/bootstrap-case.js";
import { ReplayLM, type RecordedCall } from "../__fixtures__/replay-lm.js";
import { COPRO, type COPROOptions } from "./copro.js";

type Json = Record<string, any>;

const fixture = JSON.parse(readFileSync(new URL("./__fixtures__/copro.oracle.json", import.meta.url), "utf8")) as { cases: Json[] };

const QA: Array<[string, string]> = [
  ["What is the capital of France?", "Paris"],
  ["What color is the sky?", "blue"],
  ["How many legs has a spider?", "8"],
  ["What is 2 + 2?", "4"],
  ["Which planet is red?", "Mars"],
  ["What do bees make?", "honey"],
];

afterEach(() => resetSettings());

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const camelKeys = (record: Json | null | undefined) => Object.fromEntries(Object.entries(record ?? {}).map(([k, v]) => [camel(k), v]));

function recorder(): Logger & { infos: string[] } {
  const infos: string[] = [];
  return { infos, debug() {}, info: (m) => infos.push(m), warn() {}, error() {} };
}

function promptOf(module: Module) {
  return (module.predictors() as unknown as Array<{ signature: Signature }>).map(({ signature }) => {
    const fields = Object.values(signature.fields);
    return { instructions: signature.instructions, prefix: fields[fields.length - 1]?.prefix };
  });
}

async function replay(c: Json) {
  const spec = c.case as Json;
  const trainset = QA.slice(0, spec.n_train ?? 6).map(([question, answer]) => new Example({ question, answer }).withInputs("question"));
  const init = { ...spec.init } as Json;
  const sameLm = Boolean(init.same_lm);
  delete init.same_lm;
  const taskLm = new ReplayLM(c.task_calls as RecordedCall[], { keyed: true });
  const promptLm = new ReplayLM(c.prompt_calls as RecordedCall[]);
  const logger = recorder();
  configure({ lm: taskLm });
  const metric = (example: Example, prediction: { get(k: string): unknown }) => example.get("answer") === prediction.get("answer");
  let error: unknown = null;
  let result: Awaited<ReturnType<COPRO["compile"]>> | null = null;
  try {
    const copro = new COPRO({ metric, logger, ...(sameLm ? {} : { promptModel: promptLm }), ...(camelKeys(init) as Partial<COPROOptions>) });
    result = await copro.compile(buildProgram(spec.program), { trainset, evalKwargs: camelKeys(spec.eval_kwargs) });
  } catch (e) {
    error = e;
  }
  return { result, error, taskLm, promptLm, logger };
}

describe("COPRO against DSPy 3.3.1 (make-copro-fixtures.py)", () => {
  for (const c of fixture.cases.filter((x) => !x.error)) {
    it(`${c.id}: same prompts, attempts, candidates, returned program and statistics`, async () => {
      const { result, error, taskLm, promptLm, logger } = await replay(c);
      expect(error).toBeNull();
      // Prompt-model calls in order, byte for byte, with DSPy's n and temperature.
      expect(promptLm.sent.map((s) => s.messages)).toEqual((c.prompt_calls as RecordedCall[]).map((call) => call.messages));
      promptLm.sent.forEach((s, i) => {
        expect([s.params.n, s.params.temperature]).toEqual([c.prompt_calls[i].kwargs.n, c.prompt_calls[i].kwargs.temperature]);
      });
      // Every task call was one DSPy made (the replay finds replies by exact messages), as many times.
      expect(taskLm.sent).toHaveLength(c.task_calls.length);
      const best = result as NonNullable<typeof result>;
      expect(promptOf(best)).toEqual(c.best);
      expect(
        best.candidatePrograms.map((x) => ({ score: x.score, instruction: x.instruction, prefix: x.prefix, depth: x.depth, program: promptOf(x.program) })),
      ).toEqual(c.candidates);
      expect(best.totalCalls).toBe(c.total_calls);
      if (c.results_best) {
        for (const [ours, theirs] of [
          [best.resultsBest, c.results_best],
          [best.resultsLatest, c.results_latest],
        ] as const) {
          expect(ours?.map((s) => [s.depth, s.max, s.min])).toEqual((theirs as Json[]).map((s) => [s.depth, s.max, s.min]));
          ours?.forEach((s, i) => {
            s.average.forEach((v, j) => expect(v).toBeCloseTo((theirs as Json[])[i].average[j], 10));
            s.std.forEach((v, j) => expect(v).toBeCloseTo((theirs as Json[])[i].std[j], 10));
          });
        }
      } else {
        expect(best.resultsBest).toBeUndefined();
      }
      // DSPy's COPRO log lines (Evaluate's `Average Metric` lines are its own logger's, in DSPy as here).
    expect(logger.infos.filter((line) => !line.startsWith("COPRO plans") && !line.startsWith("Average Metric"))).toEqual(c.logs);
    });
  }

  it("refuses breadth <= 1 with DSPy's message", () => {
    const c = fixture.cases.find((x) => x.id === "err-breadth") as Json;
    expect(() => new COPRO({ breadth: 1 })).toThrow(new ValueError(c.error.message));
  });
});
