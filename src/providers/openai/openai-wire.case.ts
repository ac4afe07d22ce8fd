import { expect } from "vitest";
import type { FakeReply, RecordedRequest } from "../shared/fake-server.case.js";

/** OpenAI Chat Completions replies as the real API sends them, for fake servers. */
export const openAIWire = {
  ok(text: string, usage: { prompt: number; completion: number }, finish = "stop"): FakeReply {
    return {
      headers: { "x-request-id": "req_123" },
      json: {
        id: "chatcmpl-abc",
        object: "chat.completion",
        created: 1_700_000_000,
        model: "gpt-4o-mini-2024-07-18",
        choices: [{ index: 0, message: { role: "assistant", content: text, refusal: null }, logprobs: null, finish_reason: finish }],
        usage: {
          prompt_tokens: usage.prompt,
          completion_tokens: usage.completion,
          total_tokens: usage.prompt + usage.completion,
          prompt_tokens_details: { cached_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 0 },
        },
      },
    };
  },
  truncated(text: string): FakeReply {
    return openAIWire.ok(text, { prompt: 1, completion: 100 }, "length");
  },
  stream(deltas: string[], usage: { prompt: number; completion: number }): string {
    const chunk = (choices: unknown[], extra: object = {}) =>
      `data: ${JSON.stringify({ id: "chatcmpl-abc", object: "chat.completion.chunk", created: 1_700_000_000, model: "gpt-4o-mini-2024-07-18", choices, ...extra })}\n\n`;
    return (
      chunk([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]) +
      deltas.map((d) => chunk([{ index: 0, delta: { content: d }, finish_reason: null }])).join("") +
      chunk([{ index: 0, delta: {}, finish_reason: "stop" }]) +
      chunk([], { usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion } }) +
      "data: [DONE]\n\n"
    );
  },
  rateLimited(retryAfterSeconds: number): FakeReply {
    return {
      status: 429,
      headers: { "retry-after": String(retryAfterSeconds), "x-request-id": "req_429" },
      json: {
        error: {
          message: "Rate limit reached for gpt-4o-mini in organization org-x on requests per min (RPM): Limit 3, Used 3, Requested 1.",
          type: "requests",
          param: null,
          code: "rate_limit_exceeded",
        },
      },
    };
  },
  serverError(): FakeReply {
    return {
      status: 500,
      json: { error: { message: "The server had an error while processing your request. Sorry about that!", type: "server_error", param: null, code: null } },
    };
  },
  contextWindow(): FakeReply {
    return {
      status: 400,
      json: {
        error: {
          message:
            "This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens. Please reduce the length of the messages.",
          type: "invalid_request_error",
          param: "messages",
          code: "context_length_exceeded",
        },
      },
    };
  },
  auth(apiKey: string): FakeReply {
    return {
      status: 401,
      json: {
        error: {
          message: `Incorrect API key provided: ${apiKey}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          type: "invalid_request_error",
          param: null,
          code: "invalid_api_key",
        },
      },
    };
  },
  authStatus: 401,
  checkRequest(request: RecordedRequest, apiKey: string, model = "gpt-4o-mini"): void {
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v1/chat/completions");
    expect(request.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.body).toEqual({
      model,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
      ],
      temperature: 0.5,
      max_tokens: 100,
    });
  },
  checkStreamRequest(request: RecordedRequest): void {
    expect(request.path).toBe("/v1/chat/completions");
    expect(request.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  },
};
