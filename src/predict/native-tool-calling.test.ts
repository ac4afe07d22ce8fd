import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ChatAdapter } from "../adapters/chat-adapter.js";
import "../providers/builtin-providers.js";
import { LM } from "../clients/lm.js";
import { resetSettings, withSettings } from "../context/settings.js";
import { Tool } from "../tools/tool.js";
import { ReActV2 } from "./react-v2.js";

/** An OpenAI-compatible server on 127.0.0.1 answering with scripted messages and recording the requests. */
let server: Server;
let base = "";
const requests: Array<Record<string, any>> = [];
let replies: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      requests.push(JSON.parse(body));
      const message = replies.shift() ?? { role: "assistant", content: "no more replies" };
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({
        id: `r${requests.length}`,
        model: "gpt-4o-mini",
        choices: [{ index: 0, message, finish_reason: message.tool_calls ? "tool_calls" : "stop" }],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  requests.length = 0;
  resetSettings();
});

const call = (id: string, name: string, args: object) => ({ id, type: "function", function: { name, arguments: JSON.stringify(args) } });

describe("native function calling through the OpenAI client", () => {
  it("sends the tools natively, reads the model's tool calls and returns the results as tool messages", async () => {
    replies = [
      { role: "assistant", content: "[[ ## next_thought ## ]]\nLook it up.\n\n[[ ## completed ## ]]", tool_calls: [call("call_1", "search", { query: "France" })] },
      { role: "assistant", content: null, tool_calls: [call("call_2", "submit", { answer: "Paris" })] },
    ];
    const search = new Tool(({ query }) => `The capital of ${query} is Paris.`, { name: "search", desc: "Search.", argTypes: { query: "str" } });
    const agent = new ReActV2("question -> answer", { tools: [search] });
    // A server other than OpenAI's declares what it supports.
    const lm = new LM("openai/gpt-4o-mini", { apiBase: base, apiKey: "test-key", cache: false, capabilities: { supportsFunctionCalling: true } });
    const pred = await withSettings({ lm, adapter: new ChatAdapter({ useNativeFunctionCalling: true }) }, () =>
      agent.call({ question: "Capital of France?" }),
    );
    expect(pred.answer).toBe("Paris");
    expect(pred.termination_reason).toBe("submit");
    expect(requests).toHaveLength(2);
    expect(requests[0]!.tools.map((t: any) => t.function.name)).toEqual(["search", "submit"]);
    expect(requests[0]!.tools[0].function.parameters).toEqual({ type: "object", properties: { query: { type: "string" } }, required: ["query"] });
    // The prompt no longer lists tools or asks for tool calls as text.
    expect(requests[0]!.messages[0].content).not.toContain("`tools`");
    const second = requests[1]!.messages;
    const assistant = second.find((m: any) => m.role === "assistant");
    expect(assistant.tool_calls).toEqual([{ id: "call_1", type: "function", function: { name: "search", arguments: '{"query": "France"}' } }]);
    expect(second.find((m: any) => m.role === "tool")).toEqual({ role: "tool", tool_call_id: "call_1", name: "search", content: "The capital of France is Paris." });
  });

  it("falls back to text tool calls when native function calling is off", async () => {
    replies = [
      { role: "assistant", content: '[[ ## next_thought ## ]]\nSubmit.\n\n[[ ## tool_calls ## ]]\n{"tool_calls": [{"name": "submit", "args": {"answer": "Paris"}}]}\n\n[[ ## completed ## ]]' },
    ];
    const agent = new ReActV2("question -> answer", { tools: [] });
    const lm = new LM("openai/gpt-4o-mini", { apiBase: base, apiKey: "test-key", cache: false });
    const pred = await withSettings({ lm }, () => agent.call({ question: "Capital of France?" }));
    expect(pred.answer).toBe("Paris");
    expect(requests[0]!.tools).toBeUndefined();
    expect(requests[0]!.messages.at(-1).content).toContain("[[ ## tools ## ]]");
  });
});
