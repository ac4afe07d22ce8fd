import { expect } from "vitest";
import type { FakeReply, RecordedRequest } from "../shared/fake-server.case.js";

const error = (status: number, type: string, message: string, headers: Record<string, string> = {}): FakeReply => ({
  status,
  headers: { "request-id": "req_011", ...headers },
  json: { type: "error", error: { type, message } },
});

/** Anthropic Messages API replies as the real API sends them, for fake servers. */
export const anthropicWire = {
  ok(text: string, usage: { prompt: number; completion: number }, stop = "end_turn"): FakeReply {
    return {
      json: {
        id: "msg_01XFDUDYJgAACzvnptvVoYEL",
        type: "message",
        role: "assistant",
        model: "claude-sonnet-4-5-20250929",
        content: [{ type: "text", text }],
        stop_reason: stop,
        stop_sequence: null,
        usage: { input_tokens: usage.prompt, output_tokens: usage.completion, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      },
    };
  },
  truncated(text: string): FakeReply {
    return anthropicWire.ok(text, { prompt: 1, completion: 100 }, "max_tokens");
  },
  stream(deltas: string[], usage: { prompt: number; completion: number }): string {
    const event = (name: string, data: object) => `event: ${name}\ndata: ${JSON.stringify({ type: name, ...data })}\n\n`;
    return (
      event("message_start", {
        message: { id: "msg_01", type: "message", role: "assistant", model: "claude-sonnet-4-5-20250929", content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: usage.prompt, output_tokens: 1 } },
      }) +
      event("content_block_start", { index: 0, content_block: { type: "text", text: "" } }) +
      event("ping", {}) +
      deltas.map((text) => event("content_block_delta", { index: 0, delta: { type: "text_delta", text } })).join("") +
      event("content_block_stop", { index: 0 }) +
      event("message_delta", { delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: usage.completion } }) +
      event("message_stop", {})
    );
  },
  rateLimited(retryAfterSeconds: number): FakeReply {
    return error(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit.", { "retry-after": String(retryAfterSeconds) });
  },
  serverError(): FakeReply {
    return error(529, "overloaded_error", "Overloaded");
  },
  contextWindow(): FakeReply {
    return error(400, "invalid_request_error", "prompt is too long: 208310 tokens > 200000 maximum");
  },
  auth(apiKey: string): FakeReply {
    return error(401, "authentication_error", `invalid x-api-key: ${apiKey}`);
  },
  authStatus: 401,
  checkRequest(request: RecordedRequest, apiKey: string, model = "claude-sonnet-4-5"): void {
    expect(request.path).toBe("/v1/messages");
    expect(request.headers["x-api-key"]).toBe(apiKey);
    expect(request.headers["anthropic-version"]).toBe("2023-06-01");
    expect(request.headers.authorization).toBeUndefined();
    expect(request.body).toEqual({
      model,
      max_tokens: 100,
      system: "Be brief.",
      messages: [{ role: "user", content: "Hi" }],
      temperature: 0.5,
    });
  },
  checkStreamRequest(request: RecordedRequest): void {
    expect(request.path).toBe("/v1/messages");
    expect(request.body).toMatchObject({ stream: true });
  },
};
