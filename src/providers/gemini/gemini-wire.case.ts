import { expect } from "vitest";
import type { FakeReply, RecordedRequest } from "../shared/fake-server.case.js";

const response = (text: string, usage: { prompt: number; completion: number } | null, finish: string | null) => ({
  candidates: [{ content: { parts: [{ text }], role: "model" }, ...(finish ? { finishReason: finish } : {}), index: 0 }],
  ...(usage ? { usageMetadata: { promptTokenCount: usage.prompt, candidatesTokenCount: usage.completion, totalTokenCount: usage.prompt + usage.completion } } : {}),
  modelVersion: "gemini-2.5-flash",
  responseId: "resp-1",
});

/** Gemini API replies as the real API sends them, for fake servers. */
export const geminiWire = {
  ok(text: string, usage: { prompt: number; completion: number }, finish = "STOP"): FakeReply {
    return { json: response(text, usage, finish) };
  },
  truncated(text: string): FakeReply {
    return geminiWire.ok(text, { prompt: 1, completion: 100 }, "MAX_TOKENS");
  },
  stream(deltas: string[], usage: { prompt: number; completion: number }): string {
    return deltas
      .map((d, i) => `data: ${JSON.stringify(response(d, i === deltas.length - 1 ? usage : null, i === deltas.length - 1 ? "STOP" : null))}\r\n\r\n`)
      .join("");
  },
  rateLimited(retryAfterSeconds: number): FakeReply {
    return {
      status: 429,
      json: {
        error: {
          code: 429,
          message: "Resource has been exhausted (e.g. check quota).",
          status: "RESOURCE_EXHAUSTED",
          details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${retryAfterSeconds}s` }],
        },
      },
    };
  },
  serverError(): FakeReply {
    return { status: 503, json: { error: { code: 503, message: "The model is overloaded. Please try again later.", status: "UNAVAILABLE" } } };
  },
  contextWindow(): FakeReply {
    return {
      status: 400,
      json: { error: { code: 400, message: "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).", status: "INVALID_ARGUMENT" } },
    };
  },
  auth(apiKey: string): FakeReply {
    return {
      status: 400,
      json: {
        error: {
          code: 400,
          message: `API key not valid. Please pass a valid API key. (${apiKey})`,
          status: "INVALID_ARGUMENT",
          details: [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID", domain: "googleapis.com" }],
        },
      },
    };
  },
  authStatus: 400,
  checkRequest(request: RecordedRequest, apiKey: string, model = "gemini-2.5-flash"): void {
    expect(request.path).toBe(`/v1beta/models/${model}:generateContent`);
    expect(request.headers["x-goog-api-key"]).toBe(apiKey);
    expect(request.path).not.toContain(apiKey);
    expect(request.body).toEqual({
      contents: [{ role: "user", parts: [{ text: "Hi" }] }],
      systemInstruction: { parts: [{ text: "Be brief." }] },
      generationConfig: { temperature: 0.5, maxOutputTokens: 100 },
    });
  },
  checkStreamRequest(request: RecordedRequest, model = "gemini-2.5-flash"): void {
    expect(request.path).toBe(`/v1beta/models/${model}:streamGenerateContent?alt=sse`);
  },
};
