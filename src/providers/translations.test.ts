import { describe, expect, it } from "vitest";
import { anthropicBody } from "./anthropic/anthropic-body.js";
import { parseAnthropicResponse } from "./anthropic/anthropic-response.js";
import { geminiBody } from "./gemini/gemini-body.js";
import { parseGeminiResponse } from "./gemini/gemini-response.js";
import { openAIChatBody } from "./openai/openai-chat-body.js";
import { parseOpenAIChatResponse } from "./openai/openai-chat-response.js";
import { openAIResponsesBody } from "./openai/openai-responses-body.js";
import { parseOpenAIResponsesResponse } from "./openai/openai-responses-response.js";

const schema = { type: "object", properties: { answer: { type: "string" } }, required: ["answer"], additionalProperties: false };
const tools = [{ type: "function", function: { name: "search", description: "Search.", parameters: { type: "object", properties: { q: { type: "string" } } } } }];

describe("request and reply translations", () => {
  it("OpenAI: reasoning models get max_completion_tokens; tool calls are decoded (invalid JSON kept as text)", () => {
    expect(openAIChatBody({ model: "o4-mini", messages: [], params: { max_tokens: 20000 } })).toEqual({ model: "o4-mini", messages: [], max_completion_tokens: 20000 });
    const reply = parseOpenAIChatResponse(
      {
        choices: [
          { index: 0, message: { content: null, tool_calls: [{ id: "c1", function: { name: "search", arguments: '{"q":"x"}' } }, { id: "c2", function: { name: "search", arguments: "{bad" } }] }, finish_reason: "tool_calls" },
        ],
        usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3, cost: 0.5 },
      },
      false,
    );
    expect(reply.outputs[0]).toEqual({
      text: null,
      toolCalls: [{ id: "c1", name: "search", args: { q: "x" } }, { id: "c2", name: "search", args: {}, argsText: "{bad" }],
      finishReason: "tool_calls",
    });
    expect(reply.cost).toBe(0.5);
  });

  it("OpenAI Responses API: input items, max_output_tokens, reasoning summary, text.format; output items back", () => {
    const body = openAIResponsesBody({
      model: "o3-pro",
      messages: [
        { role: "system", content: "sys" },
        { role: "user", content: "q" },
      ],
      params: { max_completion_tokens: 100, reasoning_effort: "high", response_format: { type: "json_schema", json_schema: { name: "Out", schema, strict: true } }, tools },
    });
    expect(body).toEqual({
      model: "o3-pro",
      input: [
        { role: "system", content: [{ type: "input_text", text: "sys" }] },
        { role: "user", content: [{ type: "input_text", text: "q" }] },
      ],
      max_output_tokens: 100,
      reasoning: { effort: "high", summary: "auto" },
      text: { format: { type: "json_schema", name: "Out", schema, strict: true } },
      tools: [{ type: "function", name: "search", description: "Search.", parameters: tools[0]!.function.parameters }],
    });
    const reply = parseOpenAIResponsesResponse({
      id: "resp_1",
      status: "incomplete",
      incomplete_details: { reason: "max_output_tokens" },
      output: [
        { type: "reasoning", summary: [{ type: "summary_text", text: "why" }] },
        { type: "message", content: [{ type: "output_text", text: "part" }] },
      ],
      usage: { input_tokens: 5, output_tokens: 7, total_tokens: 12, output_tokens_details: { reasoning_tokens: 3 } },
    });
    expect(reply.outputs).toEqual([{ text: "part", reasoningContent: "why", finishReason: "length" }]);
    expect(reply.usage).toEqual({ prompt_tokens: 5, completion_tokens: 7, total_tokens: 12, completion_tokens_details: { reasoning_tokens: 3 } });
  });

  it("Anthropic: a JSON schema becomes a forced tool whose input is the answer; tool turns become tool_use/tool_result blocks", () => {
    const body = anthropicBody({
      model: "claude-sonnet-4-5",
      messages: [
        { role: "user", content: "q" },
        { role: "assistant", content: "", tool_calls: [{ id: "t1", type: "function", function: { name: "search", arguments: '{"q":"x"}' } }] },
        { role: "tool", tool_call_id: "t1", content: "found" },
      ],
      params: { stop: "END", response_format: { type: "json_schema", json_schema: { name: "Out", schema } }, seed: 1 },
    });
    expect(body).toEqual({
      model: "claude-sonnet-4-5",
      max_tokens: 4096,
      messages: [
        { role: "user", content: "q" },
        { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "search", input: { q: "x" } }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "found" }] },
      ],
      stop_sequences: ["END"],
      tools: [{ name: "json_tool_call", description: "Respond with a JSON object.", input_schema: schema }],
      tool_choice: { type: "tool", name: "json_tool_call" },
    });
    const reply = parseAnthropicResponse(
      { content: [{ type: "tool_use", id: "x", name: "json_tool_call", input: { answer: "Paris" } }], stop_reason: "tool_use", usage: { input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 4 } },
      true,
    );
    expect(reply.outputs).toEqual([{ text: '{"answer":"Paris"}', finishReason: "stop" }]);
    expect(reply.usage).toMatchObject({ prompt_tokens: 14, completion_tokens: 5, total_tokens: 19, prompt_tokens_details: { cached_tokens: 4 } });
  });

  it("Gemini: generationConfig, responseJsonSchema, function declarations; thoughts and function calls back", () => {
    const body = geminiBody({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "q" }],
      params: { n: 2, top_p: 0.9, response_format: { type: "json_schema", json_schema: { schema } }, tools, tool_choice: "required" },
    });
    expect(body).toEqual({
      contents: [{ role: "user", parts: [{ text: "q" }] }],
      generationConfig: { candidateCount: 2, topP: 0.9, responseMimeType: "application/json", responseJsonSchema: schema },
      tools: [{ functionDeclarations: [{ name: "search", description: "Search.", parametersJsonSchema: tools[0]!.function.parameters }] }],
      toolConfig: { functionCallingConfig: { mode: "ANY" } },
    });
    const reply = parseGeminiResponse({
      candidates: [{ index: 0, content: { parts: [{ text: "hmm", thought: true }, { functionCall: { name: "search", args: { q: "x" } } }] }, finishReason: "STOP" }],
      usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 3, thoughtsTokenCount: 2, totalTokenCount: 9 },
    });
    expect(reply.outputs).toEqual([{ text: null, reasoningContent: "hmm", toolCalls: [{ name: "search", args: { q: "x" } }], finishReason: "tool_calls" }]);
    expect(reply.usage).toEqual({ prompt_tokens: 4, completion_tokens: 5, total_tokens: 9, completion_tokens_details: { reasoning_tokens: 2 } });
  });
});
