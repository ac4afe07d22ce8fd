// A small MCP server over stdio, started with `node` by examples/agents/mcp.ts and by src/tools/mcp-tool.test.ts.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";

const TOOLS = [
  {
    name: "add",
    description: "Add two numbers.",
    inputSchema: { type: "object", properties: { a: { type: "number", description: "First" }, b: { type: "number" } }, required: ["a", "b"] },
  },
  { name: "echo_twice", description: "Echo a text twice.", inputSchema: { type: "object", properties: { text: { type: "string" } } } },
  {
    name: "weather",
    description: "Weather of a city.",
    inputSchema: {
      type: "object",
      $defs: { Unit: { type: "string", enum: ["C", "F"] } },
      properties: { city: { type: "string" }, unit: { $ref: "#/$defs/Unit" } },
      required: ["city"],
    },
  },
  { name: "fail", inputSchema: { type: "object", properties: {} } },
  { name: "picture", description: "A picture.", inputSchema: { type: "object", properties: {} } },
  { name: "die", description: "Exits in the middle of the call.", inputSchema: { type: "object", properties: {} } },
];

const server = new Server({ name: "tsdspy-test", version: "1.0.0" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));
server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const args = request.params.arguments ?? {};
  switch (request.params.name) {
    case "add":
      return { content: [{ type: "text", text: String(Number(args.a) + Number(args.b)) }] };
    case "echo_twice":
      return { content: [{ type: "text", text: String(args.text) }, { type: "text", text: String(args.text) }] };
    case "weather":
      return {
        content: [{ type: "text", text: `Sunny in ${args.city}` }],
        structuredContent: { city: args.city, temperature: 21, unit: args.unit ?? "C" },
      };
    case "fail":
      return { content: [{ type: "text", text: "bad thing" }], isError: true };
    case "picture":
      return { content: [{ type: "image", data: "aGVsbG8=", mimeType: "image/png" }] };
    case "die":
      process.exit(3);
    default:
      return { content: [{ type: "text", text: `unknown tool ${request.params.name}` }], isError: true };
  }
});
await server.connect(new StdioServerTransport());
