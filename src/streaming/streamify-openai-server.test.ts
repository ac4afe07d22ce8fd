import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ChatAdapter } from "../adapters/chat-adapter.js";
import { JSONAdapter } from "../adapters/json-adapter.js";
import { XMLAdapter } from "../adapters/xml-adapter.js";
import { LMCache } from "../clients/cache/lm-cache.js";
import { LM } from "../clients/lm.js";
import { resetSettings, withSettings } from "../context/settings.js";
import { ChainOfThought } from "../predict/chain-of-thought.js";
import { Prediction } from "../primitives/prediction.js";
import "../providers/builtin-providers.js";
import { startSimServer, type SimServer } from "../sim/sim-server.js";
import { StreamListener } from "./stream-listener.js";
import { StreamResponse } from "./stream-response.js";
import { streamify } from "./streamify.js";

let server: SimServer;
beforeAll(async () => {
  server = await startSimServer({ port: 0 });
});
afterAll(() => server.close());
afterEach(() => resetSettings());

describe("streamify over an OpenAI-compatible server streaming server-sent events", () => {
  for (const adapter of [new ChatAdapter(), new JSONAdapter(), new XMLAdapter()]) {
    it(`streams a ChainOfThought's answer token by token with the ${adapter.constructor.name}`, async () => {
      const lm = new LM("openai/tsdspy-sim-1", { apiBase: server.url, apiKey: "sk-test", cacheStore: new LMCache({ enableDisk: false }) });
      const program = streamify(new ChainOfThought("question -> answer"), { streamListeners: [new StreamListener({ signatureFieldName: "answer" })] });
      const values: unknown[] = [];
      await withSettings({ lm, adapter }, async () => {
        for await (const value of program({ question: "What is the capital of France? Paris is the capital of France." })) values.push(value);
      });
      const pieces = values.filter((v): v is StreamResponse => v instanceof StreamResponse);
      const prediction = values.at(-1) as Prediction;
      expect(prediction).toBeInstanceOf(Prediction);
      expect(pieces.length).toBeGreaterThan(2);
      expect(pieces.at(-1)!.isLastChunk).toBe(true);
      const streamed = pieces.map((p) => p.chunk).join("").trim();
      expect(adapter instanceof JSONAdapter ? JSON.parse(streamed) : streamed).toBe(prediction.answer);
      expect(lm.history).toHaveLength(1);

      // The second run hits the LM cache: the whole reply comes as one piece, so only the prediction is streamed.
      const again: unknown[] = [];
      const rerun = streamify(new ChainOfThought("question -> answer"), { streamListeners: [new StreamListener({ signatureFieldName: "answer" })] });
      await withSettings({ lm, adapter }, async () => {
        for await (const value of rerun({ question: "What is the capital of France? Paris is the capital of France." })) again.push(value);
      });
      expect((again.at(-1) as Prediction).toDict()).toEqual(prediction.toDict());
      if (!(adapter instanceof JSONAdapter)) expect(again).toHaveLength(1);
    });
  }
});
