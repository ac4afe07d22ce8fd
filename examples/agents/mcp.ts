/**
 * MCP tools in an agent: starts a small MCP server over stdio, turns its tools into `Tool`s with `Tool.fromMcp`,
 * and lets a ReAct agent call them (scripted LM). Needs `@modelcontextprotocol/sdk` (an optional peer dependency).
 *
 *   npx tsx --conditions=source examples/agents/mcp.ts
 */
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { ReAct, Tool, withSettings } from "tsdspy";
import { DummyLM } from "tsdspy/testing";
import { runIfMain, type Print } from "../seed/run-example.js";

export async function main(print: Print): Promise<void> {
  const server = fileURLToPath(new URL("./mcp-server.mjs", import.meta.url));
  // #region snippet
  const client = new Client({ name: "tsdspy-example", version: "1.0.0" });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [server], stderr: "ignore" }));
  const { tools } = await client.listTools();
  const mcpTools = tools.filter((t) => t.name === "add" || t.name === "weather").map((t) => Tool.fromMcp(client, t));
  const agent = new ReAct("question -> answer", { tools: mcpTools });
  // #endregion
  try {
    for (const tool of mcpTools) print(tool.toString());
    const lm = new DummyLM([
      { next_thought: "Ask the server for the weather.", next_tool_name: "weather", next_tool_args: { city: "Oslo" } },
      { next_thought: "Add the numbers.", next_tool_name: "add", next_tool_args: { a: 19, b: 23 } },
      { next_thought: "Done.", next_tool_name: "finish", next_tool_args: {} },
      { reasoning: "The server said it is sunny in Oslo and 19 + 23 = 42.", answer: "Sunny in Oslo; 42" },
    ]);
    const pred = await withSettings({ lm }, () => agent.call({ question: "Weather in Oslo, and 19 + 23?" }));
    print(`observations: ${JSON.stringify([pred.trajectory.observation_0, pred.trajectory.observation_1])}`);
    print(`answer: ${pred.answer}`);
  } finally {
    await client.close();
  }
}

runIfMain(import.meta, main);
