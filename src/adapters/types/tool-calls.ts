import { ToolExecutionError } from "../../errors/tool-execution-error.js";
import { ValueError } from "../../errors/value-error.js";
import { pyStr } from "../../python/pyfmt.js";
import { CustomType } from "./custom-type.js";

/** One call the LM asked for: a tool name and its arguments (DSPy's `ToolCalls.ToolCall`). */
export interface ToolCall {
  id?: string | null;
  name: string;
  args: Record<string, unknown>;
}

/** Where `execute` finds the functions: by name, or a list of tools (anything with a `name` and `call` or `func`). */
export type ToolFunctions =
  | Readonly<Record<string, (args: Record<string, any>) => unknown>>
  | ReadonlyArray<{ readonly name: string; call?: (args: Record<string, any>) => unknown; func?: (args: Record<string, any>) => unknown }>;

/**
 * Runs one tool call (DSPy's `ToolCall.execute`): a tool from a list runs through its `call` (validating the
 * arguments), a function from a record gets the arguments as they are. A failure is a `ToolExecutionError`.
 */
export async function executeToolCall(call: ToolCall, functions: ToolFunctions): Promise<unknown> {
  let run: ((args: Record<string, unknown>) => unknown) | undefined;
  if (Array.isArray(functions)) {
    const tool = (functions as Array<{ name: string; call?: (a: Record<string, unknown>) => unknown; func?: (a: Record<string, unknown>) => unknown }>).find(
      (t) => t.name === call.name,
    );
    if (tool) run = tool.call ? (args) => tool.call!(args) : tool.func;
  } else {
    const fn = Object.hasOwn(functions, call.name) ? (functions as Record<string, (a: Record<string, unknown>) => unknown>)[call.name] : undefined;
    if (typeof fn === "function") run = fn;
  }
  if (!run) throw new ValueError(`Tool function '${call.name}' not found. Please pass the tool functions to the \`execute\` method.`);
  try {
    return await run(call.args ?? {});
  } catch (error) {
    throw new ToolExecutionError(call.name, error);
  }
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

  /**
   * Runs every call in order with the given functions or tools and returns their results (DSPy's
   * `ToolCall.execute` for each call); the first failure throws.
   *
   * @example
   * const results = await prediction.tool_calls.execute([searchTool, addTool]);
   */
  async execute(functions: ToolFunctions): Promise<unknown[]> {
    const results: unknown[] = [];
    for (const call of this.toolCalls) results.push(await executeToolCall(call, functions));
    return results;
  }

  format(): Record<string, unknown> {
    return { tool_calls: this.toolCalls.map((call) => ({ name: call.name, args: call.args })) };
  }

  override toPyJson(): unknown {
    const data = this.format();
    const results = this.toolCallResults as { toPyJson?: () => unknown } | null | undefined;
    if (results !== null && results !== undefined) data.tool_call_results = typeof results.toPyJson === "function" ? results.toPyJson() : results;
    return data;
  }
}
