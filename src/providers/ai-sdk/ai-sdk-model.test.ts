import { describe, expect, it } from "vitest";
import { LMRateLimitError } from "../../errors/lm-errors.js";
import { fromAISDK } from "./ai-sdk-model.js";
import type { AISDKLanguageModel } from "./ai-sdk-registration.js";

// `ai/test` is loaded at run time only: its type graph reaches `eventsource-parser`'s TypeScript sources through the
// "source" export condition this project type-checks with, which tsc rejects.
const AI_TEST = "ai/test";
const { MockLanguageModelV4 } = (await import(AI_TEST)) as {
  MockLanguageModelV4: new (options: Record<string, unknown>) => AISDKLanguageModel & { doGenerateCalls: Array<Record<string, unknown>> };
};

const usage = {
  inputTokens: { total: 12, noCache: 10, cacheRead: 2, cacheWrite: undefined },
  outputTokens: { total: 4, text: 3, reasoning: 1 },
};

describe("AI SDK bridge", () => {
  it("translates the request into LanguageModelV4 call options and the result into an LMResponse", async () => {
    const mock = new MockLanguageModelV4({
      doGenerate: async () => ({
        content: [{ type: "reasoning", text: "think" }, { type: "text", text: "Paris" }, { type: "tool-call", toolCallId: "c1", toolName: "search", input: '{"q":"x"}' }],
        finishReason: { unified: "tool-calls", raw: "tool_use" },
        usage,
        warnings: [],
        response: { id: "r1", modelId: "mock-1" },
      }),
    });
    const model = fromAISDK(mock);
    const response = await model.doGenerate({
      model: "mock",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Capital?" },
      ],
      params: { temperature: 0.2, max_tokens: 50, stop: "\n", response_format: { type: "json_object" }, tools: [{ type: "function", function: { name: "search", parameters: { type: "object" } } }], tool_choice: "required" },
    });
    const call = mock.doGenerateCalls[0]!;
    expect(call.prompt).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: [{ type: "text", text: "Capital?" }] },
    ]);
    expect(call).toMatchObject({
      temperature: 0.2,
      maxOutputTokens: 50,
      stopSequences: ["\n"],
      responseFormat: { type: "json" },
      tools: [{ type: "function", name: "search", inputSchema: { type: "object" } }],
      toolChoice: { type: "required" },
    });
    expect(response.outputs).toEqual([
      { text: "Paris", reasoningContent: "think", toolCalls: [{ id: "c1", name: "search", args: { q: "x" } }], finishReason: "tool_calls" },
    ]);
    expect(response.usage).toEqual({
      prompt_tokens: 12,
      completion_tokens: 4,
      total_tokens: 16,
      prompt_tokens_details: { cached_tokens: 2 },
      completion_tokens_details: { reasoning_tokens: 1 },
    });
    expect(response.model).toBe("mock-1");
  });

  it("streams text deltas and finishes with usage", async () => {
    const mock = new MockLanguageModelV4({
      doStream: async () => ({
        stream: new ReadableStream({
          start(controller) {
            for (const part of [
              { type: "stream-start", warnings: [] },
              { type: "text-start", id: "t" },
              { type: "text-delta", id: "t", delta: "Hel" },
              { type: "text-delta", id: "t", delta: "lo" },
              { type: "text-end", id: "t" },
              { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage },
            ])
              controller.enqueue(part as never);
            controller.close();
          },
        }),
      }),
    });
    const parts = [];
    for await (const part of fromAISDK(mock).doStream({ model: "m", messages: [{ role: "user", content: "hi" }], params: {} })) parts.push(part);
    expect(parts.filter((p) => p.type === "text-delta").map((p) => (p as { delta: string }).delta)).toEqual(["Hel", "lo"]);
    expect(parts.at(-1)).toMatchObject({ type: "finish", response: { outputs: [{ text: "Hello", finishReason: "stop" }], usage: { prompt_tokens: 12 } } });
  });

  it("maps AI SDK API errors by status code, keeping Retry-After", async () => {
    const mock = new MockLanguageModelV4({
      doGenerate: async () => {
        throw Object.assign(new Error("Too many requests"), { statusCode: 429, responseHeaders: { "retry-after": "3" }, isRetryable: true });
      },
    });
    const error = await fromAISDK(mock).doGenerate({ model: "m", messages: [], params: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LMRateLimitError);
    expect((error as LMRateLimitError).retryAfter).toBe(3);
  });
});
