import { afterEach, describe, expect, it } from "vitest";
import { LM } from "../clients/lm.js";
import "../providers/builtin-providers.js";
import { resetSettings, withSettings } from "../context/settings.js";
import { AbortError } from "../errors/abort-error.js";
import { Example } from "../primitives/example.js";
import { Predict } from "../predict/predict.js";
import { DelayedOpenAIServer } from "./__fixtures__/delayed-openai-server.js";
import { Evaluate } from "./evaluate.js";

const silent = { debug() {}, info() {}, warn() {}, error() {} };

afterEach(() => resetSettings());

describe("aborting an Evaluate over a real HTTP LM", () => {
  it("rejects with AbortError, aborts the requests in flight and sends none after", async () => {
    const server = await DelayedOpenAIServer.start(20);
    try {
      const lm = new LM("openai/gpt-4o-mini", { apiBase: server.url, apiKey: "sk-test", cache: false, numRetries: 0 });
      const devset = Array.from({ length: 1000 }, (_, i) => new Example({ question: `What is ${i} + 4?`, answer: "4" }).withInputs("question"));
      const evaluate = new Evaluate({ devset, metric: (example, pred) => example.answer === pred.answer, numThreads: 8 });
      const controller = new AbortController();
      let receivedAtAbort = -1;
      server.onRequest = (received) => {
        if (received === 20) {
          receivedAtAbort = received;
          controller.abort(new Error("the user closed the page"));
        }
      };
      let lmStartsAfterAbort = 0;
      const lmEnds: unknown[] = [];
      const callbacks = [
        { onLmStart: () => void (controller.signal.aborted && lmStartsAfterAbort++), onLmEnd: (_id: string, _out: unknown, e: unknown) => void lmEnds.push(e) },
      ];
      const run = withSettings({ lm, logger: silent, callbacks }, () => evaluate.call(new Predict("question -> answer"), { signal: controller.signal }));
      const error = await run.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AbortError);
      expect((error as AbortError).message).toMatch(/^Evaluate of 1000 examples \(\d+ of 1000 items finished\) was cancelled: its AbortSignal was aborted \(the user closed the page\)\.$/);
      // No LM call starts after the abort; the ones in flight (at most numThreads) end with AbortError.
      expect(lmStartsAfterAbort).toBe(0);
      const aborted = lmEnds.filter((e) => e instanceof AbortError);
      expect(aborted.length).toBeGreaterThanOrEqual(1);
      expect(aborted.length).toBeLessThanOrEqual(8);
      expect(lmEnds.filter((e) => e !== null && !(e instanceof AbortError))).toEqual([]);
      // Requests written before abort() may reach the server (it runs in this process) a moment later: at most the
      // numThreads that were in flight. Once they are in, nothing more ever arrives.
      await server.idle();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const receivedAfterSettling = server.received;
      expect(receivedAfterSettling).toBeLessThanOrEqual(receivedAtAbort + 8);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(server.received).toBe(receivedAfterSettling);
      expect(server.answered + server.closedEarly).toBe(server.received);
    } finally {
      await server.close();
    }
  });

  it("an aborted Predict.call and LM.call reject with AbortError naming them, without a request", async () => {
    const server = await DelayedOpenAIServer.start(20);
    try {
      const lm = new LM("openai/gpt-4o-mini", { apiBase: server.url, apiKey: "sk-test", cache: false, numRetries: 0 });
      const controller = new AbortController();
      controller.abort();
      await withSettings({ lm, logger: silent }, async () => {
        await expect(new Predict("question -> answer").call({ question: "q" }, { signal: controller.signal })).rejects.toThrow(
          "Predict.call() was cancelled: its AbortSignal was aborted.",
        );
        await expect(lm.call([{ role: "user", content: "hi" }], {}, { signal: controller.signal })).rejects.toThrow(
          "The LM call to openai/gpt-4o-mini was cancelled: its AbortSignal was aborted.",
        );
      });
      expect(server.received).toBe(0);
    } finally {
      await server.close();
    }
  });

  it("aborting a Predict.call in flight closes its request and rejects with AbortError naming the Predict call", async () => {
    const server = await DelayedOpenAIServer.start(10_000);
    try {
      const lm = new LM("openai/gpt-4o-mini", { apiBase: server.url, apiKey: "sk-test", cache: false, numRetries: 0 });
      const controller = new AbortController();
      server.onRequest = () => controller.abort();
      const call = withSettings({ lm, logger: silent }, () => new Predict("question -> answer").call({ question: "q" }, { signal: controller.signal }));
      const error = await call.then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(AbortError);
      expect((error as AbortError).operation).toBe("Predict.call()");
      expect((error as AbortError).cause).toBeInstanceOf(AbortError);
      await server.idle();
      expect([server.received, server.closedEarly, server.answered]).toEqual([1, 1, 0]);
    } finally {
      await server.close();
    }
  });
});
