import { afterEach, describe, expect, it } from "vitest";
import { AbortError } from "../errors/abort-error.js";
import { LabeledFewShot } from "../optimizers/labeled-few-shot/labeled-few-shot.js";
import { BootstrapFewShot } from "../optimizers/bootstrap-few-shot/bootstrap-few-shot.js";
import { Example } from "../primitives/example.js";
import { Parallel } from "../predict/parallel.js";
import { Predict } from "../predict/predict.js";
import { DummyLM } from "../testing/dummy-lm.js";
import { getSettings, resetSettings, withSettings } from "./settings.js";
import { activeSignal, rethrowIfCancelled, withSignal } from "./with-signal.js";

const silent = { debug() {}, info() {}, warn() {}, error() {} };
afterEach(() => resetSettings());

const examples = (n: number) => Array.from({ length: n }, (_, i) => new Example({ question: `q${i}`, answer: "a" }).withInputs("question"));

describe("withSignal", () => {
  it("puts the signal in the scope, combines nested ones, and leaves the outside untouched", () => {
    const outer = new AbortController();
    const inner = new AbortController();
    withSignal(outer.signal, () => {
      expect(getSettings().signal).toBe(outer.signal);
      withSignal(inner.signal, () => {
        const combined = activeSignal();
        outer.abort("stop");
        expect(combined?.aborted).toBe(true);
        expect(() => rethrowIfCancelled(new Error("an example failed"))).toThrow("an example failed");
      });
    });
    expect(getSettings().signal).toBeNull();
    expect(() => rethrowIfCancelled(new Error("an example failed"))).not.toThrow();
    expect(() => rethrowIfCancelled(new AbortError("x"))).toThrow(AbortError);
  });
});

describe("cancellable entry points", () => {
  it("Module.batch stops at an abort with AbortError naming the batch, calling the LM no more", async () => {
    const controller = new AbortController();
    let calls = 0;
    const lm = new DummyLM(Array.from({ length: 50 }, () => ({ answer: "a" })));
    const callbacks = [{ onLmStart: () => void (++calls === 5 && controller.abort()) }];
    const batch = withSettings({ lm, logger: silent, callbacks }, () =>
      new Predict("question -> answer").batch(examples(50), { numThreads: 2, disableProgressBar: true, signal: controller.signal }),
    );
    await expect(batch).rejects.toThrow(/^Predict\.batch\(\) of 50 examples \(\d+ of 50 items finished\) was cancelled/);
    expect(calls).toBe(5);
  });

  it("Parallel inherits the signal of the call it runs in", async () => {
    const controller = new AbortController();
    let calls = 0;
    const lm = new DummyLM(Array.from({ length: 20 }, () => ({ answer: "a" })));
    const callbacks = [{ onLmStart: () => void (++calls === 3 && controller.abort()) }];
    const predict = new Predict("question -> answer");
    const pairs = examples(20).map((example) => [predict, example] as [typeof predict, Example]);
    const run = withSettings({ lm, logger: silent, callbacks }, () =>
      withSignal(controller.signal, () => new Parallel({ numThreads: 1, disableProgressBar: true }).call(pairs)),
    );
    await expect(run).rejects.toThrow(AbortError);
    expect(calls).toBe(3);
  });

  it("compile takes a signal: an aborted one rejects before any work, one aborted mid-bootstrap stops it", async () => {
    const trainset = examples(10);
    const aborted = AbortSignal.abort();
    await expect(new LabeledFewShot({ k: 2 }).compile(new Predict("question -> answer"), { trainset, signal: aborted })).rejects.toThrow(
      "LabeledFewShot.compile() was cancelled: its AbortSignal was aborted.",
    );
    const controller = new AbortController();
    let calls = 0;
    const lm = new DummyLM(Array.from({ length: 10 }, () => ({ answer: "a" })));
    const callbacks = [{ onLmStart: () => void (++calls === 2 && controller.abort()) }];
    const optimizer = new BootstrapFewShot({ metric: () => true, maxBootstrappedDemos: 8 });
    const compile = withSettings({ lm, logger: silent, callbacks }, () =>
      optimizer.compile(new Predict("question -> answer"), { trainset, signal: controller.signal }),
    );
    await expect(compile).rejects.toThrow("BootstrapFewShot.compile() was cancelled: its AbortSignal was aborted.");
    expect(calls).toBe(2);
  });

  it("LM.stream takes a signal", async () => {
    const lm = new DummyLM([{ answer: "a" }]);
    const parts = lm.stream([{ role: "user", content: "hi" }], {}, { signal: AbortSignal.abort() });
    await expect(parts.next()).rejects.toThrow("The LM call to dummy was cancelled");
  });
});
