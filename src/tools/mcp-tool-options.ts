import type { ToolArgs } from "../adapters/types/tool-base.js";
import { McpToolError } from "../errors/mcp-tool-error.js";
import { ValueError } from "../errors/value-error.js";
import { pyStr } from "../python/pyfmt.js";
import { argsFromJsonSchema } from "./tool-args.js";

/** What tsdspy needs of an MCP client: `Client` of `@modelcontextprotocol/sdk` (any version with `callTool`). */
export interface McpClientLike {
  callTool(params: { name: string; arguments?: Record<string, unknown> }, ...rest: any[]): Promise<unknown>;
}

/** An MCP tool as `client.listTools()` lists it. */
export interface McpToolLike {
  name: string;
  description?: string | null;
  inputSchema?: Record<string, unknown>;
}

/** `"text"`: DSPy's text conversion; `"structured"`: the server's `structuredContent` when it sent one. */
export type McpResultMode = "text" | "structured";

interface CallToolResult {
  content?: Array<{ type?: string; text?: string } & Record<string, unknown>>;
  isError?: boolean;
  structuredContent?: unknown;
}

/** DSPy's `_convert_mcp_tool_result`: one text → that string, several → a list; none → the non-text contents. */
export function convertMcpResult(raw: unknown, resultMode: McpResultMode): unknown {
  const result = (raw ?? {}) as CallToolResult;
  const contents = Array.isArray(result.content) ? result.content : [];
  const texts = contents.filter((c) => c.type === "text").map((c) => String(c.text ?? ""));
  const others = contents.filter((c) => c.type !== "text");
  const toolContent: string | string[] = texts.length === 1 ? texts[0]! : texts;
  if (result.isError) throw new McpToolError(`Failed to call a MCP tool: ${pyStr(toolContent)}`, toolContent);
  if (resultMode === "structured" && "structuredContent" in result) return result.structuredContent;
  return toolContent.length ? toolContent : others;
}

/** The options of a `Tool` that forwards its arguments to an MCP server (DSPy's `convert_mcp_tool`). */
export function mcpToolOptions(
  client: McpClientLike,
  tool: McpToolLike,
  resultMode: McpResultMode,
): { name: string; desc: string | null; args: ToolArgs; func: (args: Record<string, unknown>) => Promise<unknown>; acceptsExtraArgs: true; checkRequired: false } {
  if (resultMode !== "text" && resultMode !== "structured") throw new ValueError(`Unsupported MCP result mode: '${String(resultMode)}'`);
  const { args } = argsFromJsonSchema(tool.inputSchema ?? {});
  return {
    name: tool.name,
    desc: tool.description ?? null,
    args,
    func: async (values) => convertMcpResult(await client.callTool({ name: tool.name, arguments: values }), resultMode),
    // The server validates its own arguments, as DSPy's `**kwargs` bridge lets it.
    acceptsExtraArgs: true,
    checkRequired: false,
  };
}
