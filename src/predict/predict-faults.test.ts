import { afterEach, beforeEach, expect, it } from "vitest";
import { LM } from "../clients/lm.js";
import { silentLogger } from "../context/logger.js";
import { resetSettings, withSettings } from "../context/settings.js";
import { openAIWire } from "../providers/openai/openai-wire.case.js";
import { ALL_FAULT_KINDS, FakeServer } from "../providers/shared/fake-server.case.js";
import { StallClock } from "../providers/shared/stall-clock.case.js";
import "../providers/builtin-providers.js";
import { Predict } from "./predict.js";

let server: FakeServer;
beforeEach(async () => {
  // The reply reads the question's number from the prompt and answers in ChatAdapter's format.
  server = await FakeServer.start({
    faults: { rate: 0.3, kinds: ALL_FAULT_KINDS, seed: 11 },
    responder: (request) => {
      const n = Number(/Ticket (\d+)\b/.exec(request.rawBody)?.[1]);
      return openAIWire.ok(`[[ ## answer ## ]]\nanswer-${n * 3}\n\n[[ ## completed ## ]]`, { prompt: 40, completion: 8 });
    },
  });
});
afterEach(async () => {
  await server.close();
  resetSettings();
});

it("100 examples through Predict at 30% injected faults of every kind: none lost", async () => {
  // Hung replies always time out and good ones never do (see StallClock): the outcome does not depend on the load.
  const clock = new StallClock(server, 30_000);
  const lm = new LM("openai/gpt-4o-mini", {
    apiBase: `${server.url}/v1`,
    apiKey: "sk-test",
    cache: false,
    numRetries: 10,
    timeoutMs: 30_000,
    clock,
    maxConcurrency: 32,
    retry: { sleep: async () => {} },
  });
  const predict = new Predict("question -> answer");
  const lost: string[] = [];
  await withSettings({ lm, logger: silentLogger }, () =>
    Promise.all(
      Array.from({ length: 100 }, (_, n) =>
        predict.call({ question: `Ticket ${n}: what now?` }).then(
          (prediction) => void (prediction.answer === `answer-${n * 3}` || lost.push(`${n}: ${prediction.answer}`)),
          (error: unknown) => void lost.push(`${n}: ${String(error)}`),
        ),
      ),
    ),
  );
  clock.dispose();
  const faultKinds = ALL_FAULT_KINDS.filter((kind) => !kind.startsWith("stream-"));
  expect({ lost, missing: faultKinds.filter((kind) => !server.injected.has(kind)) }).toEqual({ lost: [], missing: [] });
  expect([...server.injected.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(30);
  expect(clock.expired).toBe(server.stalled);
});
