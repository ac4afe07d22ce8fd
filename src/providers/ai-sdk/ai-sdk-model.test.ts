import type { LanguageModelV2, LanguageModelV3 } from "@ai-sdk/provider";
import { MockLanguageModelV3 } from "ai/test";
import { describe, expect, expectTypeOf, it } from "vitest";
import { LMRateLimitError } from "../../errors/lm-errors.js";
import { fromAISDK } from "./ai-sdk-model.js";
import type { AISDKLanguageModel } from "./ai-sdk-registration.js";

type Reply = Record<string, unknown>;
type Recording = AISDKLanguageModel & { doGenerateCalls: Array<Record<string, unknown>> };

/**
 * An AI SDK 7 (`LanguageModelV4`) model, written out because AI SDK 7 needs Node 22 and this project's dev
 * dependencies stay on AI SDK 6 (whose own mock, `MockLanguageModelV3`, covers specification v3).
 */
function mockV4(options: { doGenerate?: () => Promise<Reply>; doStream?: () => Promise<Reply> }): Recording {
  const doGenerateCalls: Array<Record<string, unknown>> = [];
  return {
    specificationVersion: "v4",
    provider: "mock-provider",
    modelId: "mock-model-id",
    doGenerateCalls,
    doGenerate: async (callOptions: Record<string, unknown>) => {
      doGenerateCalls.push(callOptions);
      return options.doGenerate!();
    },
    doStream: async () => options.doStream!(),
  };
}

const MOCKS = {
  v3: (options: Parameters<typeof mockV4>[0]) => new MockLanguageModelV3(options as never) as unknown as Recording,
  v4: mockV4,
};

const usage = {
  inputTokens: { total: 12, noCache: 10, cacheRead: 2, cacheWrite: undefined },
  outputTokens: { total: 4, text: 3, reasoning: 1 },
};

describe("AI SDK bridge", () => {
  it("accepts the AI SDK's own model types", () => {
    expectTypeOf<LanguageModelV2>().toExtend<AISDKLanguageModel>();
    expectTypeOf<LanguageModelV3>().toExtend<AISDKLanguageModel>();
    expectTypeOf<MockLanguageModelV3>().toExtend<AISDKLanguageModel>();
  });

  it.each(["v3", "v4"] as const)("translates the request into %s call options and the result into an LMResponse", async (version) => {
    const mock = MOCKS[version]({
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

  it.each(["v3", "v4"] as const)("streams %s text deltas and finishes with usage", async (version) => {
    const mock = MOCKS[version]({
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

  it.each(["v3", "v4"] as const)("maps AI SDK API errors (%s) by status code, keeping Retry-After", async (version) => {
    const mock = MOCKS[version]({
      doGenerate: async () => {
        throw Object.assign(new Error("Too many requests"), { statusCode: 429, responseHeaders: { "retry-after": "3" }, isRetryable: true });
      },
    });
    const error = await fromAISDK(mock).doGenerate({ model: "m", messages: [], params: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LMRateLimitError);
    expect((error as LMRateLimitError).retryAfter).toBe(3);
  });
});
