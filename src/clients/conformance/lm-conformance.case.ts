import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetSettings, withSettings } from "../../context/settings.js";
import {
  ContextWindowExceededError,
  LMAuthError,
  LMProviderError,
  LMRateLimitError,
  LMTimeoutError,
} from "../../errors/lm-errors.js";
import type { Message } from "../../lm/message.js";
import { awkwardChunks, FakeServer, type FakeReply, type RecordedRequest } from "../../providers/shared/fake-server.case.js";
import { LMCache } from "../cache/lm-cache.js";
import { LM } from "../lm.js";
import "../../providers/builtin-providers.js";
import type { LMOptions } from "../lm-options.js";

export const TEST_API_KEY = "sk-test-SECRET-0123456789";

/** A provider's wire protocol, as the shared LM conformance suite needs it. */
export interface ProviderWire {
  name: string;
  /** An LM talking to the fake server. */
  createLM(serverUrl: string, options: LMOptions): LM;
  /** A successful reply with this text and usage. */
  ok(text: string, usage: { prompt: number; completion: number }): FakeReply;
  /** A reply cut short by the token limit. */
  truncated(text: string): FakeReply;
  /** The whole SSE body of a streamed reply with these deltas. */
  stream(deltas: string[], usage: { prompt: number; completion: number }): string;
  rateLimited(retryAfterSeconds: number): FakeReply;
  serverError(): FakeReply;
  contextWindow(): FakeReply;
  /** An authentication failure whose body echoes the key (to prove it is redacted). */
  auth(apiKey: string): FakeReply;
  authStatus: number;
  /** Asserts the exact request for `[system "Be brief.", user "Hi"]` with temperature 0.5 and max_tokens 100. */
  checkRequest(request: RecordedRequest): void;
  /** Asserts the streamed request (path and body flags). */
  checkStreamRequest(request: RecordedRequest): void;
}

const MESSAGES: Message[] = [
  { role: "system", content: "Be brief." },
  { role: "user", content: "Hi" },
];

/** The shared suite: every provider runs it against its own fake server (hono's router conformance pattern). */
export function runLMConformance(wire: ProviderWire): void {
  describe(`LM conformance: ${wire.name}`, () => {
    let server: FakeServer;
    const waits: number[] = [];
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, warn: (m: string) => void warnings.push(m), error() {} };
    const lm = (options: LMOptions = {}) =>
      wire.createLM(server.url, {
        apiKey: TEST_API_KEY,
        cache: false,
        temperature: 0.5,
        maxTokens: 100,
        retry: { sleep: async (ms) => void waits.push(ms), random: () => 0.5 },
        ...options,
      });
    const call = (model: LM, params = {}) => withSettings({ logger }, () => model.call(MESSAGES, params));

    beforeAll(async () => {
      server = await FakeServer.start();
    });
    afterAll(async () => {
      await server.close();
      resetSettings();
    });

    it("sends the provider's exact request and returns text, usage and history", async () => {
      server.reply(wire.ok("Hello!", { prompt: 12, completion: 3 }));
      const model = lm();
      const outputs = await call(model);
      expect(outputs.map((o) => o.text)).toEqual(["Hello!"]);
      wire.checkRequest(server.lastRequest);
      const entry = model.history.at(-1)!;
      expect(entry.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 });
      expect(entry.outputs).toEqual(["Hello!"]);
    });

    it("streams deltas split at awkward byte boundaries and assembles the same reply", async () => {
      const deltas = ["Hé", "llo ", "wörld 😀", "!"];
      server.reply({ chunks: awkwardChunks(wire.stream(deltas, { prompt: 7, completion: 4 }), 5) });
      const model = lm();
      const seen: string[] = [];
      let finish: unknown;
      for await (const part of model.stream(MESSAGES)) {
        if (part.type === "text-delta") seen.push(part.delta);
        if (part.type === "finish") finish = part.response;
      }
      expect(seen.join("")).toBe("Héllo wörld 😀!");
      expect(finish).toMatchObject({ outputs: [{ text: "Héllo wörld 😀!" }], usage: { prompt_tokens: 7, completion_tokens: 4 } });
      wire.checkStreamRequest(server.lastRequest);
      expect(model.history).toHaveLength(1);
    });

    it("retries a 429 after the server's Retry-After, then succeeds", async () => {
      waits.length = 0;
      const before = server.requests.length;
      server.reply(wire.rateLimited(2), wire.ok("ok", { prompt: 1, completion: 1 }));
      expect((await call(lm())).map((o) => o.text)).toEqual(["ok"]);
      expect(server.requests.length - before).toBe(2);
      expect(waits).toEqual([2000]);
    });

    it("retries a server error with backoff, then succeeds", async () => {
      waits.length = 0;
      server.reply(wire.serverError(), wire.ok("ok", { prompt: 1, completion: 1 }));
      expect((await call(lm({ retry: { sleep: async (ms) => void waits.push(ms), random: () => 1, baseDelayMs: 10 } }))).map((o) => o.text)).toEqual(["ok"]);
      expect(waits).toEqual([10]);
    });

    it("retries a reset connection, then succeeds", async () => {
      const before = server.requests.length;
      server.reply({ reset: true }, wire.ok("ok", { prompt: 1, completion: 1 }));
      expect((await call(lm())).map((o) => o.text)).toEqual(["ok"]);
      expect(server.requests.length - before).toBe(2);
    });

    it("gives up after numRetries with the typed error", async () => {
      const before = server.requests.length;
      server.reply(wire.rateLimited(0), wire.rateLimited(0), wire.rateLimited(0));
      await expect(call(lm({ numRetries: 2 }))).rejects.toBeInstanceOf(LMRateLimitError);
      expect(server.requests.length - before).toBe(3);
    });

    it("reports malformed JSON as a provider error without retrying", async () => {
      const before = server.requests.length;
      server.reply({ text: '{"id": "broken', headers: { "content-type": "application/json" } });
      await expect(call(lm())).rejects.toBeInstanceOf(LMProviderError);
      expect(server.requests.length - before).toBe(1);
    });

    it("times out a request that never gets an answer", async () => {
      server.reply({ hang: true });
      await expect(call(lm({ timeoutMs: 50, numRetries: 0 }))).rejects.toBeInstanceOf(LMTimeoutError);
    });

    it("maps the context-window error and does not retry it", async () => {
      const before = server.requests.length;
      server.reply(wire.contextWindow());
      const error = await call(lm()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContextWindowExceededError);
      expect((error as ContextWindowExceededError).status).toBe(400);
      expect(server.requests.length - before).toBe(1);
    });

    it("maps the authentication error with its status, never showing the key", async () => {
      const before = server.requests.length;
      server.reply(wire.auth(TEST_API_KEY));
      const error = (await call(lm()).catch((e: unknown) => e)) as LMAuthError;
      expect(error).toBeInstanceOf(LMAuthError);
      expect(error.status).toBe(wire.authStatus);
      expect(error.message).not.toContain(TEST_API_KEY);
      expect(JSON.stringify(error)).not.toContain(TEST_API_KEY);
      expect(server.requests.length - before).toBe(1);
    });

    it("warns on truncation", async () => {
      warnings.length = 0;
      server.reply(wire.truncated("cut"));
      await call(lm());
      expect(warnings.some((w) => w.startsWith("LM response was truncated due to exceeding maxTokens (100)."))).toBe(true);
    });

    it("serves a repeated request from the cache: one request, a copy marked cacheHit with empty usage", async () => {
      const cache = new LMCache({ enableDisk: false });
      const model = lm({ cache: true, cacheStore: cache });
      const before = server.requests.length;
      server.reply(wire.ok("cached", { prompt: 5, completion: 1 }));
      const first = await call(model);
      const second = await call(model);
      expect(second).toEqual(first);
      expect(server.requests.length - before).toBe(1);
      expect(model.history[1]!.usage).toEqual({});
      server.reply(wire.ok("other rollout", { prompt: 5, completion: 1 }));
      expect((await call(model, { rollout_id: 1, temperature: 1 })).map((o) => o.text)).toEqual(["other rollout"]);
      expect(server.lastRequest.rawBody).not.toContain("rollout_id");
    });

    it("keeps the API key out of history, state and cache keys", async () => {
      server.reply(wire.ok("x", { prompt: 1, completion: 1 }));
      const model = lm();
      await call(model);
      expect(JSON.stringify(model.history)).not.toContain(TEST_API_KEY);
      expect(JSON.stringify(model.dumpState())).not.toContain(TEST_API_KEY);
      expect(JSON.stringify(model.kwargs)).not.toContain(TEST_API_KEY);
    });
  });
}
