import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Budget } from "../../context/budget.js";
import type { Callback } from "../../context/callback.js";
import { ManualClock } from "../../testing/manual-clock.js";
import { resetSettings, withSettings } from "../../context/settings.js";
import { trackUsage } from "../../context/track-usage.js";
import {
  ContextWindowExceededError,
  LMAuthError,
  LMRateLimitError,
  LMServerError,
  LMTimeoutError,
  LMTransportError,
} from "../../errors/lm-errors.js";
import type { LMStreamPart } from "../../lm/lm-stream-part.js";
import type { Message } from "../../lm/message.js";
import {
  ALL_FAULT_KINDS,
  awkwardChunks,
  FakeServer,
  type FakeReply,
  type RecordedRequest,
} from "../../providers/shared/fake-server.case.js";
import { StallClock } from "../../providers/shared/stall-clock.case.js";
import { LMCache } from "../cache/lm-cache.js";
import type { LM } from "../lm.js";
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
  /** Examples per mode in the fault-injection run (default 100). */
  faultExamples?: number;
}

const MESSAGES: Message[] = [
  { role: "system", content: "Be brief." },
  { role: "user", content: "Hi" },
];

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** The stream body cut right before the event carrying `marker` (the connection then drops). */
function streamCutBefore(body: string, marker: string): string {
  const at = body.indexOf(marker);
  const end = Math.max(body.lastIndexOf("\n\n", at) + 2, body.lastIndexOf("\r\n\r\n", at) + 4);
  return body.slice(0, end);
}

/** Resolves once `condition` holds, checking after each turn of the event loop (no timers). */
async function until(condition: () => boolean): Promise<void> {
  for (let turns = 0; !condition(); turns++) {
    if (turns > 100_000) throw new Error("condition never held");
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function collect(parts: AsyncIterable<LMStreamPart>): Promise<{ text: string; finish: LMStreamPart | undefined; deltas: string[] }> {
  const deltas: string[] = [];
  let finish: LMStreamPart | undefined;
  for await (const part of parts) {
    if (part.type === "text-delta") deltas.push(part.delta);
    if (part.type === "finish") finish = part;
  }
  return { text: deltas.join(""), finish, deltas };
}

/**
 * The shared suite: every provider runs it against its own fake server (hono's router conformance pattern). Each
 * test has a fresh server, so request counts are exact and nothing one test leaves behind reaches another.
 */
export function runLMConformance(wire: ProviderWire): void {
  describe(`LM conformance: ${wire.name}`, () => {
    let server: FakeServer;
    const waits: number[] = [];
    const warnings: string[] = [];
    /** The signal of every HTTP request sent: each must be aborted or finished once its call is over. */
    const signals: AbortSignal[] = [];
    /** Replies whose headers arrived. */
    let headersReceived = 0;
    const recordingFetch: typeof fetch = async (input, init) => {
      if (init?.signal) signals.push(init.signal);
      const response = await fetch(input, init);
      headersReceived++;
      return response;
    };
    const allCancelled = () => signals.length > 0 && signals.every((signal) => signal.aborted);
    const logger = { ...silent, warn: (m: string) => void warnings.push(m) };
    const lm = (options: LMOptions = {}) =>
      wire.createLM(server.url, {
        apiKey: TEST_API_KEY,
        cache: false,
        temperature: 0.5,
        maxTokens: 100,
        retry: { sleep: async (ms) => void waits.push(ms), random: () => 0.5 },
        fetch: recordingFetch,
        ...options,
      });
    const call = (model: LM, params = {}) => withSettings({ logger }, () => model.call(MESSAGES, params));
    const stream = (model: LM, params = {}) => withSettings({ logger }, () => collect(model.stream(MESSAGES, params)));

    beforeEach(async () => {
      waits.length = 0;
      warnings.length = 0;
      signals.length = 0;
      headersReceived = 0;
      server = await FakeServer.start();
    });
    afterEach(async () => {
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
      const { text, finish } = await stream(model);
      expect(text).toBe("Héllo wörld 😀!");
      expect(finish).toMatchObject({ response: { outputs: [{ text: "Héllo wörld 😀!" }], usage: { prompt_tokens: 7, completion_tokens: 4 } } });
      wire.checkStreamRequest(server.lastRequest);
      expect(model.history).toHaveLength(1);
      expect(server.requests).toHaveLength(1);
    });

    it("retries a 429 after the server's Retry-After, then succeeds", async () => {
      server.reply(wire.rateLimited(2), wire.ok("ok", { prompt: 1, completion: 1 }));
      expect((await call(lm())).map((o) => o.text)).toEqual(["ok"]);
      expect(server.requests).toHaveLength(2);
      expect(waits).toEqual([2000]);
    });

    it("retries a server error with backoff, then succeeds", async () => {
      server.reply(wire.serverError(), wire.ok("ok", { prompt: 1, completion: 1 }));
      expect((await call(lm({ retry: { sleep: async (ms) => void waits.push(ms), random: () => 1, baseDelayMs: 10 } }))).map((o) => o.text)).toEqual(["ok"]);
      expect(waits).toEqual([10]);
      expect(server.requests).toHaveLength(2);
    });

    it("retries a reset connection, then succeeds", async () => {
      server.reply({ reset: true }, wire.ok("ok", { prompt: 1, completion: 1 }));
      expect((await call(lm())).map((o) => o.text)).toEqual(["ok"]);
      expect(server.requests).toHaveLength(2);
    });

    it("gives up after numRetries with the typed error", async () => {
      server.reply(wire.rateLimited(0), wire.rateLimited(0), wire.rateLimited(0));
      await expect(call(lm({ numRetries: 2 }))).rejects.toBeInstanceOf(LMRateLimitError);
      expect(server.requests).toHaveLength(3);
    });

    it("retries a 200 reply with malformed JSON or the wrong shape like a 5xx", async () => {
      server.reply({ text: '{"id": "broken', contentType: "application/json" }, { json: {} }, wire.ok("ok", { prompt: 1, completion: 1 }));
      expect((await call(lm())).map((o) => o.text)).toEqual(["ok"]);
      expect(server.requests).toHaveLength(3);
      server.reply({ text: "<html>oops</html>", contentType: "text/html" });
      const error = await call(lm({ numRetries: 0 })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LMServerError);
      expect((error as Error).message).toContain("malformed reply");
    });

    it("times out a request that never gets an answer, cancelling it", async () => {
      const clock = new ManualClock();
      server.reply({ hang: true });
      const pending = call(lm({ clock, timeoutMs: 50, numRetries: 0 })).catch((e: unknown) => e);
      await server.waitForRequests(1);
      clock.advance(50);
      expect(await pending).toBeInstanceOf(LMTimeoutError);
      expect(allCancelled()).toBe(true);
    });

    it("times out a reply whose headers came but whose body never does", async () => {
      const clock = new ManualClock();
      server.reply({ headersThenHang: true });
      const pending = call(lm({ clock, timeoutMs: 50, numRetries: 0 })).catch((e: unknown) => e);
      await until(() => headersReceived === 1);
      clock.advance(50);
      expect(await pending).toBeInstanceOf(LMTimeoutError);
      expect(allCancelled()).toBe(true);
    });

    it("maps the context-window error and does not retry it", async () => {
      server.reply(wire.contextWindow());
      const error = await call(lm()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContextWindowExceededError);
      expect((error as ContextWindowExceededError).status).toBe(400);
      expect(server.requests).toHaveLength(1);
    });

    it("maps the authentication error with its status, never showing the key", async () => {
      server.reply(wire.auth(TEST_API_KEY));
      const error = (await call(lm()).catch((e: unknown) => e)) as LMAuthError;
      expect(error).toBeInstanceOf(LMAuthError);
      expect(error.status).toBe(wire.authStatus);
      expect(error.message).not.toContain(TEST_API_KEY);
      expect(JSON.stringify(error)).not.toContain(TEST_API_KEY);
      expect(server.requests).toHaveLength(1);
    });

    it("warns on truncation", async () => {
      server.reply(wire.truncated("cut"));
      await call(lm());
      expect(warnings.some((w) => w.startsWith("LM response was truncated due to exceeding maxTokens (100)."))).toBe(true);
    });

    it("serves a repeated request from the cache: one request, a copy marked cacheHit with empty usage", async () => {
      const cache = new LMCache({ enableDisk: false });
      const model = lm({ cache: true, cacheStore: cache });
      server.reply(wire.ok("cached", { prompt: 5, completion: 1 }));
      const first = await call(model);
      const second = await call(model);
      expect(second).toEqual(first);
      expect(server.requests).toHaveLength(1);
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

    describe("stream() shares call()'s path", () => {
      const ok = (deltas: string[]) => ({ chunks: [wire.stream(deltas, { prompt: 6, completion: 2 })] });

      it("fires the same callbacks in the same order, records history and usage", async () => {
        const events = (kind: string) => {
          const seen: string[] = [];
          const callback: Callback = {
            onLmStart: (id, _lm, inputs) => void seen.push(`${kind} start ${Object.keys(inputs).join(",")} ${id.length > 0}`),
            onLmEnd: (id, outputs, error) => void seen.push(`${kind} end ${JSON.stringify(outputs)} ${error === null} ${id.length > 0}`),
          };
          return { seen, callback };
        };
        const viaCall = events("x");
        const viaStream = events("x");
        server.reply(wire.ok("Hello there", { prompt: 6, completion: 2 }), ok(["Hello", " there"]));
        const model = lm();
        const [[, callUsage], [, streamUsage]] = [
          await trackUsage(() => withSettings({ callbacks: [viaCall.callback], logger }, () => model.call(MESSAGES))),
          await trackUsage(() => withSettings({ callbacks: [viaStream.callback], logger }, () => collect(model.stream(MESSAGES)))),
        ];
        expect(viaStream.seen).toEqual(viaCall.seen);
        expect(viaStream.seen).toHaveLength(2);
        const totals = (usage: Record<string, Record<string, unknown>>) =>
          Object.values(usage).map(({ prompt_tokens, completion_tokens, total_tokens }) => ({ prompt_tokens, completion_tokens, total_tokens }));
        expect(totals(streamUsage.getTotalTokens())).toEqual(totals(callUsage.getTotalTokens()));
        expect(totals(streamUsage.getTotalTokens())).toEqual([{ prompt_tokens: 6, completion_tokens: 2, total_tokens: 8 }]);
        expect(model.history.map((h) => h.outputs)).toEqual([["Hello there"], ["Hello there"]]);
      });

      it("retries before the first delta (status errors, resets, malformed events), never after", async () => {
        server.reply(wire.rateLimited(0), { reset: true }, { chunks: ["data: {not json\n\n"] }, ok(["Hel", "lo"]));
        expect((await stream(lm())).text).toBe("Hello");
        expect(server.requests).toHaveLength(4);
        const body = wire.stream(["Hel", "MARK-lo"], { prompt: 6, completion: 2 });
        server.reply({ chunks: [streamCutBefore(body, "MARK-lo")], cut: true });
        const seen: string[] = [];
        const error = await withSettings({ logger }, async () => {
          for await (const part of lm().stream(MESSAGES)) if (part.type === "text-delta") seen.push(part.delta);
        }).catch((e: unknown) => e);
        expect(seen).toEqual(["Hel"]);
        expect(error).toBeInstanceOf(LMTransportError);
        expect(server.requests).toHaveLength(5);
      });

      it("honours timeoutMs: no headers, headers and then nothing, or a stall after the first delta", async () => {
        const clock = new ManualClock();
        const model = lm({ clock, timeoutMs: 50, numRetries: 0 });
        server.reply({ hang: true });
        let pending = stream(model).catch((e: unknown) => e);
        await server.waitForRequests(1);
        clock.advance(50);
        expect(await pending).toBeInstanceOf(LMTimeoutError);
        server.reply({ headersThenHang: true, contentType: "text/event-stream" });
        pending = stream(model).catch((e: unknown) => e);
        await until(() => headersReceived === 1);
        clock.advance(50);
        expect(await pending).toBeInstanceOf(LMTimeoutError);
        const stalled = wire.stream(["Hel", "MARK-lo"], { prompt: 6, completion: 2 });
        server.reply({ chunks: [streamCutBefore(stalled, "MARK-lo")], hold: true });
        const seen: string[] = [];
        const error = await withSettings({ logger }, async () => {
          for await (const part of model.stream(MESSAGES)) {
            if (part.type !== "text-delta") continue;
            seen.push(part.delta);
            void until(() => clock.pendingTimers === 1).then(() => clock.advance(50));
          }
        }).catch((e: unknown) => e);
        expect(seen).toEqual(["Hel"]);
        expect(error).toBeInstanceOf(LMTimeoutError);
        expect(server.requests).toHaveLength(3);
        expect(allCancelled()).toBe(true);
      });

      it("a 200 reply that is not an event stream is a server error, retried", async () => {
        server.reply(wire.ok("not streamed", { prompt: 1, completion: 1 }), ok(["streamed"]));
        expect((await stream(lm())).text).toBe("streamed");
        expect(server.requests).toHaveLength(2);
        server.reply({ text: "<html>proxy</html>", contentType: "text/html" });
        const error = await stream(lm({ numRetries: 0 })).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(LMServerError);
        expect((error as Error).message).toContain("not an event stream");
      });

      it("a cached answer is replayed as a stream; a streamed answer is cached for call()", async () => {
        const cache = new LMCache({ enableDisk: false });
        const model = lm({ cache: true, cacheStore: cache });
        server.reply(ok(["Hello", " there"]));
        const first = await stream(model);
        const replay = await stream(model);
        expect(replay.text).toBe("Hello there");
        expect(replay.finish).toMatchObject({ response: { cacheHit: true, usage: {} } });
        expect((await call(model)).map((o) => o.text)).toEqual(["Hello there"]);
        expect(first.finish).toMatchObject({ response: { outputs: [{ text: "Hello there" }] } });
        expect(server.requests).toHaveLength(1);
        expect(model.history).toHaveLength(3);
      });

      it("counts against budgets like call(), and stopping early cancels the request", async () => {
        const budget = new Budget({ maxCalls: 2, maxTokens: 10_000 });
        const model = lm({ budget });
        server.reply(ok(["a", "b"]));
        await stream(model);
        expect(budget.spent).toMatchObject({ calls: 1, tokens: 8 });
        const body = wire.stream(["first", "MARK-second"], { prompt: 6, completion: 2 });
        server.reply({ chunks: [streamCutBefore(body, "MARK-second")], hold: true });
        const ended: unknown[] = [];
        await withSettings({ logger, callbacks: [{ onLmEnd: (_id, _out, error) => void ended.push(error) }] }, async () => {
          for await (const part of model.stream(MESSAGES)) if (part.type === "text-delta") break;
        });
        expect((ended[0] as Error).name).toBe("AbortError");
        expect(budget.inFlight.calls).toBe(0);
        expect(budget.spent.calls).toBe(2);
        expect(signals.at(-1)!.aborted).toBe(true);
        await expect(stream(model)).rejects.toThrow("Budget exceeded: the calls limit of 2 was reached");
      });
    });

    describe("under injected faults", () => {
      const examples = wire.faultExamples ?? 100;
      const answer = (n: number) => `A${n * 7}`;
      const question = (n: number): Message[] => [{ role: "user", content: `Q${n}: seven times?` }];
      const numberOf = (request: RecordedRequest) => Number(/Q(\d+):/.exec(request.rawBody)?.[1]);

      for (const mode of ["call", "stream"] as const) {
        it(`${mode}: 30% faults of every kind, ${examples} examples, none lost`, async () => {
          await server.close();
          server = await FakeServer.start({
            faults: { rate: 0.3, kinds: ALL_FAULT_KINDS, seed: 7 },
            responder: (request) => {
              const text = answer(numberOf(request));
              return mode === "stream" ? { chunks: awkwardChunks(wire.stream([text.slice(0, 2), text.slice(2)], { prompt: 5, completion: 2 }), 101) } : wire.ok(text, { prompt: 5, completion: 2 });
            },
          });
          // Deadlines pass exactly when every waiting attempt is stalled on the server: hung replies are always given
          // up, good ones never, so what happens depends on the seeded fault schedule alone, not on the machine's load.
          const clock = new StallClock(server, 30_000);
          const model = lm({ numRetries: 10, timeoutMs: 30_000, clock, maxConcurrency: 32, retry: { sleep: async () => {} } });
          const run = async (n: number) => {
            if (mode === "call") return (await model.call(question(n)))[0]!.text;
            return (await collect(model.stream(question(n)))).text;
          };
          const lost: string[] = [];
          await withSettings({ logger: silent }, () =>
            Promise.all(
              Array.from({ length: examples }, (_, n) =>
                run(n).then(
                  (text) => void (text === answer(n) || lost.push(`${n}: answered ${JSON.stringify(text)}`)),
                  (error: unknown) => void lost.push(`${n}: ${String(error)}`),
                ),
              ),
            ),
          );
          clock.dispose();
          const kinds = ALL_FAULT_KINDS.filter((kind) => mode === "stream" || !kind.startsWith("stream-"));
          expect({ lost, missingKinds: kinds.filter((kind) => !server.injected.has(kind)) }).toEqual({ lost: [], missingKinds: [] });
          // Every stalled request was timed out, and no other.
          expect(clock.expired).toBe(server.stalled);
          expect(server.stalled).toBe((server.injected.get("hang") ?? 0) + (server.injected.get("headers-then-hang") ?? 0));
          expect(server.requests.length).toBeGreaterThan(examples * 1.3);
          // Some example failed twice in a row before it got its answer.
          const attempts = new Map<string, number>();
          for (const request of server.requests) attempts.set(request.rawBody, (attempts.get(request.rawBody) ?? 0) + 1);
          expect(Math.max(...attempts.values())).toBeGreaterThanOrEqual(3);
        });
      }
    });
  });
}
