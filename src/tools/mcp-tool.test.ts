import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetSettings, withSettings } from "../context/settings.js";
import { silentLogger } from "../context/logger.js";
import { ReAct } from "../predict/react.js";
import { DummyLM } from "../testing/dummy-lm.js";
import { Tool } from "./tool.js";

// The example server (examples/agents/mcp-server.mjs) is the test server too.
const serverPath = fileURLToPath(new URL("../../examples/agents/mcp-server.mjs", import.meta.url));

async function connect(): Promise<Client> {
  const client = new Client({ name: "tsdspy-test-client", version: "1.0.0" });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [serverPath], stderr: "ignore" }));
  return client;
}

let client: Client;
let tools: Map<string, Tool>;

beforeEach(async () => {
  client = await connect();
  tools = new Map((await client.listTools()).tools.map((t) => [t.name, Tool.fromMcp(client, t)]));
});
afterEach(async () => {
  await client.close();
  resetSettings();
});

describe("MCP tools over stdio (a real server)", () => {
  it("describes MCP tools as DSPy does: the input schema's properties, refs resolved", () => {
    expect(tools.get("add")!.toString()).toBe(
      "add, whose description is <desc>Add two numbers.</desc>. It takes arguments {'a': {'type': 'number', 'description': 'First'}, 'b': {'type': 'number'}}.",
    );
    expect(tools.get("weather")!.args).toEqual({ city: { type: "string" }, unit: { type: "string", enum: ["C", "F"] } });
    expect(tools.get("fail")!.desc).toBeNull();
  });

  it("calls tools: one text → a string, several → a list, structured content on request, non-text contents as they are", async () => {
    await expect(tools.get("add")!.call({ a: 2, b: 3 })).resolves.toBe("5");
    await expect(tools.get("echo_twice")!.call({ text: "hi" })).resolves.toEqual(["hi", "hi"]);
    await expect(tools.get("weather")!.call({ city: "Oslo" })).resolves.toBe("Sunny in Oslo");
    const tool = (await client.listTools()).tools.find((t) => t.name === "weather")!;
    await expect(Tool.fromMcp(client, tool, { resultMode: "structured" }).call({ city: "Oslo" })).resolves.toEqual({ city: "Oslo", temperature: 21, unit: "C" });
    await expect(tools.get("picture")!.call({})).resolves.toEqual([{ type: "image", data: "aGVsbG8=", mimeType: "image/png" }]);
  });

  it("validates arguments before the call and reports a server error as DSPy's text", async () => {
    await expect(tools.get("add")!.call({ a: "x", b: 1 })).rejects.toThrow("Arg a is invalid: 'x' is not of type 'number'");
    await expect(tools.get("fail")!.call({})).rejects.toThrow("Failed to call a MCP tool: bad thing");
  });

  it("a server that dies mid-call fails the call with a clear error and the agent keeps its trajectory", async () => {
    const agent = new ReAct("question -> answer", { tools: [...tools.values()] });
    const step = (thought: string, name: string, args: object) => ({ next_thought: thought, next_tool_name: name, next_tool_args: args });
    const lm = new DummyLM([
      step("Add first.", "add", { a: 1, b: 2 }),
      step("Now the risky one.", "die", {}),
      step("The server is gone; try again.", "add", { a: 3, b: 4 }),
      step("Give up.", "finish", {}),
      { reasoning: "1 + 2 = 3 before the server died.", answer: "3" },
    ]);
    const pred = await withSettings({ lm, logger: silentLogger }, () => agent.call({ question: "Add things." }));
    expect(pred.answer).toBe("3");
    expect(pred.trajectory.observation_0).toBe("3");
    expect(pred.trajectory.observation_1).toMatch(/^Execution error in die: \nMcpError: MCP error -32000: Connection closed$/);
    expect(pred.trajectory.observation_2).toMatch(/^Execution error in add: \n\w+: /);
    expect(pred.trajectory.observation_3).toBe("Completed.");
  });
});
