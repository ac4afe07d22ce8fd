import type { InterpreterTool, InterpreterToolParameter } from "../interpreters/code-interpreter.js";
import type { Tool } from "../tools/tool.js";

const PYTHON_TYPE: Readonly<Record<string, string>> = { string: "str", integer: "int", number: "float", boolean: "bool", array: "list", object: "dict", null: "NoneType" };

/**
 * Tools as an interpreter's host functions: each becomes a Python function with the tool's parameters (a simple
 * type from its JSON schema, its default) that calls `tool.call(kwargs)` on the TypeScript side.
 */
export function interpreterTools(tools: Iterable<Tool>): Record<string, InterpreterTool> {
  const out: Record<string, InterpreterTool> = {};
  for (const tool of tools) {
    const parameters: InterpreterToolParameter[] = Object.entries(tool.args).map(([name, schema]) => {
      const type = typeof schema.type === "string" ? PYTHON_TYPE[schema.type] : undefined;
      return { name, ...(type !== undefined ? { type } : {}), ...("default" in schema ? { default: schema.default } : {}) };
    });
    out[tool.name] = { parameters, call: (kwargs) => tool.call(kwargs) };
  }
  return out;
}
