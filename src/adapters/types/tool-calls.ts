import { ValueError } from "../../errors/value-error.js";
import { pyStr } from "../../python/pyfmt.js";
import { CustomType } from "./custom-type.js";

/** One call the LM asked for: a tool name and its arguments (DSPy's `ToolCalls.ToolCall`). */
export interface ToolCall {
  id?: string | null;
  name: string;
  args: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isToolCallRecord(data: Record<string, unknown>): boolean {
  return ("name" in data && ("args" in data || "arguments" in data)) || "function" in data;
}

/**
 * DSPy's `_normalize_tool_call_dict`: accepts `{name, args}`, `{name, arguments}` and OpenAI's
 * `{id, function: {name, arguments}}`; string arguments are decoded with `decodeArguments`.
 */
export function normalizeToolCall(data: unknown, decodeArguments: (text: string) => unknown): ToolCall {
  if (!isRecord(data)) throw new ValueError(`Received invalid tool call value for \`dspy.ToolCalls\`: ${pyStr(data)}`);
  let args: unknown;
  let name: unknown;
  if ("function" in data) {
    const fn = data.function ?? {};
    if (!isRecord(fn)) throw new ValueError(`Received invalid function value for \`dspy.ToolCalls\`: ${pyStr(fn)}`);
    args = "arguments" in fn ? fn.arguments : {};
    name = fn.name || data.name;
  } else {
    args = "args" in data ? data.args : "arguments" in data ? data.arguments : {};
    name = data.name;
  }
  if (typeof args === "string") args = decodeArguments(args);
  if (!isRecord(args)) args = {};
  const id = data.id || data.call_id || null;
  return { id: id as string | null, name: name as string, args: args as Record<string, unknown> };
}

/**
 * The tool calls an LM made (`dspy.ToolCalls`), as an output field value.
 *
 * @example
 * const calls = ToolCalls.fromDictList([{ name: "search", args: { query: "cats" } }], JSON.parse);
 */
export class ToolCalls extends CustomType {
  readonly typeName = "ToolCalls";
  readonly toolCalls: readonly ToolCall[];
  readonly toolCallResults: unknown;

  constructor(toolCalls: readonly ToolCall[], toolCallResults: unknown = null) {
    super();
    this.toolCalls = toolCalls;
    this.toolCallResults = toolCallResults;
  }

  /** The type description DSPy adds to the field list. */
  static description(): string {
    return (
      "Tool calls must be a JSON object with `tool_calls`, a list of calls. " +
      "Each call must include `name` and `args`. " +
      'Example: {"tool_calls": [{"name": "search", "args": {"query": "cats"}}]}'
    );
  }

  /** DSPy's `ToolCalls.from_dict_list`. */
  static fromDictList(items: readonly unknown[], decodeArguments: (text: string) => unknown): ToolCalls {
    return new ToolCalls(items.map((item) => normalizeToolCall(item, decodeArguments)));
  }

  /** DSPy's `ToolCalls` "before" validator: a list of calls, `{tool_calls: [...]}` or a single call. */
  static fromValue(data: unknown, decodeArguments: (text: string) => unknown): ToolCalls {
    if (data instanceof ToolCalls) return data;
    if (Array.isArray(data) && data.every((item) => isRecord(item) && isToolCallRecord(item))) {
      return ToolCalls.fromDictList(data, decodeArguments);
    }
    if (isRecord(data)) {
      if ("tool_calls" in data) {
        if (Array.isArray(data.tool_calls)) {
          const calls = data.tool_calls.map((item) => normalizeToolCall(item, decodeArguments));
          return new ToolCalls(calls, "tool_call_results" in data ? data.tool_call_results : null);
        }
      } else if (isToolCallRecord(data)) {
        return new ToolCalls([normalizeToolCall(data, decodeArguments)]);
      }
    }
    throw new ValueError(`Received invalid value for \`dspy.ToolCalls\`: ${pyStr(data)}`);
  }

  format(): Record<string, unknown> {
    return { tool_calls: this.toolCalls.map((call) => ({ name: call.name, args: call.args })) };
  }

  override toPyJson(): unknown {
    const data = this.format();
    if (this.toolCallResults !== null && this.toolCallResults !== undefined) data.tool_call_results = this.toolCallResults;
    return data;
  }
}
