import { afterEach, describe, expect, it } from "vitest";
import type { Logger } from "../context/logger.js";
import { configure, resetSettings } from "../context/settings.js";
import { ExecutionCancelledError } from "../errors/execution-cancelled-error.js";
import { Example } from "../primitives/example.js";
import { Module } from "../primitives/module.js";
import { Prediction } from "../primitives/prediction.js";
import { Parallel } from "./parallel.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Echo extends Module {
  constructor(readonly tag: string) {
    super();
  }
  async forward(inputs: Record<string, unknown>) {
    await sleep(1);
    if (inputs.fail) throw new Error(`${this.tag} failed`);
    return new Prediction({ output: `${this.tag}:${String(inputs.input)}`, seen: Object.keys(inputs).join(",") });
  }
}

function recordingLogger() {
  const errors: string[] = [];
  const logger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: (m) => errors.push(m) };
  return { errors, logger };
}

afterEach(() => resetSettings());

describe("Parallel", () => {
  it("runs (module, inputs) pairs: Examples through inputs(), plain objects as they are; results in order", async () => {
    const a = new Echo("a");
    const b = new Echo("b");
    const example = new Example({ input: "x", label: "y" }).withInputs("input");
    const parallel = new Parallel({ numThreads: 2, disableProgressBar: true });
    const results = (await parallel.call([
      [a, example],
      [b, { input: "z" }],
      [a, { input: "w" }],
    ])) as Prediction[];
    expect(results.map((r) => [r.output, r.seen])).toEqual([
      ["a:x", "input"],
      ["b:z", "input"],
      ["a:w", "input"],
    ]);
  });

  it("passes the whole Example with accessExamples: false", async () => {
    const example = new Example({ input: "x", label: "y" }).withInputs("input");
    const [result] = (await new Parallel({ accessExamples: false, disableProgressBar: true }).call([[new Echo("a"), example]])) as Prediction[];
    expect(result?.seen).toBe("input,label");
  });

  it("runs a nested Parallel on its own pairs", async () => {
    const parallel = new Parallel({ numThreads: 2, disableProgressBar: true });
    const [first, nested] = (await parallel.call([
      [new Echo("a"), { input: 1 }],
      [parallel, [
        [new Echo("b"), { input: 2 }],
        [new Echo("c"), { input: 3 }],
      ]],
    ])) as [Prediction, Prediction[]];
    expect(first.output).toBe("a:1");
    expect(nested.map((p) => p.output)).toEqual(["b:2", "c:3"]);
  });

  it("returns failed inputs and exceptions with returnFailedExamples, and names the pair in the log", async () => {
    const { errors, logger } = recordingLogger();
    configure({ logger });
    const parallel = new Parallel({ returnFailedExamples: true, disableProgressBar: true });
    const { results, failedExamples, exceptions } = await parallel.call([
      [new Echo("a"), { input: 1 }],
      [new Echo("b"), { input: 2, fail: true }],
    ]);
    expect((results[0] as Prediction).output).toBe("a:1");
    expect(results[1]).toBeNull();
    expect(failedExamples).toEqual([{ input: 2, fail: true }]);
    expect((exceptions[0] as Error).message).toBe("b failed");
    expect(errors).toEqual(["Error for (Echo, {'input': 2, 'fail': True}): b failed. Set `provideTraceback: true` to log the stack trace."]);
  });

  it("cancels after maxErrors failures, and fails a pair whose inputs are not supported", async () => {
    configure({ logger: recordingLogger().logger });
    const parallel = new Parallel({ maxErrors: 1, disableProgressBar: true });
    await expect(parallel.call([[new Echo("a"), "text" as never]])).rejects.toBeInstanceOf(ExecutionCancelledError);
    const { exceptions } = await new Parallel({ returnFailedExamples: true, disableProgressBar: true }).call([[new Echo("a"), 7 as never]]);
    expect((exceptions[0] as Error).message).toBe(
      "Invalid example type: <class 'int'>, only supported types are Example, dict and (for a nested Parallel) list",
    );
  });

  it("keeps DSPy's straggler defaults", () => {
    const parallel = new Parallel();
    expect([parallel.timeout, parallel.stragglerLimit]).toEqual([120, 3]);
    const custom = new Parallel({ timeout: 0, stragglerLimit: 5 });
    expect([custom.timeout, custom.stragglerLimit]).toEqual([0, 5]);
  });
});
