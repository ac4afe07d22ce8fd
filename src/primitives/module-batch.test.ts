import { afterEach, describe, expect, it } from "vitest";
import type { Logger } from "../context/logger.js";
import { configure, getSettings, resetSettings, withSettings } from "../context/settings.js";
import { Example } from "./example.js";
import { Module } from "./module.js";
import { Prediction } from "./prediction.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recordingLogger() {
  const errors: string[] = [];
  const logger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: (m) => errors.push(m) };
  return { errors, logger };
}

class Doubler extends Module<{ value: number }, { doubled: number; threads: number }> {
  inFlight = 0;
  peak = 0;
  async forward({ value }: { value: number }) {
    this.inFlight++;
    this.peak = Math.max(this.peak, this.inFlight);
    await sleep(value % 3);
    this.inFlight--;
    if (value === 42) throw new Error("test error");
    return new Prediction({ doubled: value * 2, threads: getSettings().numThreads });
  }
}

const examples = (values: number[]) => values.map((value) => new Example({ value, label: "x" }).withInputs("value"));

afterEach(() => resetSettings());

describe("Module.batch", () => {
  it("runs examples concurrently through call(), results in order, within numThreads", async () => {
    const module = new Doubler();
    const results = await module.batch(examples([5, 1, 4, 2, 0, 3, 7]), { numThreads: 2, disableProgressBar: true });
    expect(results.map((p) => p?.doubled)).toEqual([10, 2, 8, 4, 0, 6, 14]);
    expect(module.peak).toBe(2);
  });

  it("uses settings.numThreads by default and tasks see the caller's settings", async () => {
    const module = new Doubler();
    const results = await withSettings({ numThreads: 3 }, () => module.batch(examples([1, 2, 3, 4, 5]), { disableProgressBar: true }));
    expect(module.peak).toBe(3);
    expect(results.map((p) => p?.threads)).toEqual([3, 3, 3, 3, 3]);
  });

  it("returns failed examples (their inputs) and exceptions with returnFailedExamples", async () => {
    const { errors, logger } = recordingLogger();
    configure({ logger });
    const { results, failedExamples, exceptions } = await new Doubler().batch(examples([1, 42, 3]), {
      returnFailedExamples: true,
      disableProgressBar: true,
    });
    expect(results.map((p) => p?.doubled ?? null)).toEqual([2, null, 6]);
    expect(failedExamples.map((e) => e.toDict())).toEqual([{ value: 42 }]);
    expect(failedExamples[0]?.inputs().value).toBe(42);
    expect((exceptions[0] as Error).message).toBe("test error");
    expect(errors).toEqual([
      "Error for Example({'value': 42}) (input_keys={'value'}): test error. Set `provideTraceback: true` to log the stack trace.",
    ]);
  });

  it("accepts timeout and stragglerLimit", async () => {
    const results = await new Doubler().batch(examples([1, 2, 3]), { timeout: 0, stragglerLimit: 5, disableProgressBar: true });
    expect(results.map((p) => p?.doubled)).toEqual([2, 4, 6]);
  });

  it("shows its bar (DSPy's default) only on the logger's progress stream: live on a terminal, nothing when piped", async () => {
    for (const isTTY of [true, false]) {
      const drawn: string[] = [];
      configure({ logger: { ...recordingLogger().logger, progress: { isTTY, write: (t: string) => drawn.push(t) } } });
      expect(await new Doubler().batch(examples([1, 2, 3]))).toHaveLength(3);
      if (isTTY) expect(drawn.at(-2)).toMatch(/^\rProcessed 3 \/ 3 examples: 100%\|/);
      else expect(drawn).toEqual([]);
    }
  });

  it("refuses examples whose input fields were never marked", async () => {
    await expect(new Doubler().batch([new Example({ value: 1 })])).rejects.toThrow(
      'Doubler.batch(): examples[0] has no input fields marked (its fields: value), so the program cannot be called with it. ' +
        'Mark the input fields with withInputs, e.g. `examples.map((example) => example.withInputs("value"))`.',
    );
  });
});
