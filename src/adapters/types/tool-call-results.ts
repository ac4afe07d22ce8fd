import { ValueError } from "../../errors/value-error.js";
import { pyStr } from "../../python/pyfmt.js";
import type { ToolCall } from "./tool-calls.js";

/** One tool's result (DSPy's `ToolCallResults.ToolCallResult`). */
export interface ToolCallResult {
  call_id: string | null;
  name: string;
  value: unknown;
  is_error: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function toResult(item: unknown): ToolCallResult {
  if (!isRecord(item) || typeof item.name !== "string" || !("value" in item)) {
    throw new ValueError(`Received invalid value for \`dspy.ToolCallResults.ToolCallResult\`: ${pyStr(item)}`);
  }
  return {
    call_id: typeof item.call_id === "string" ? item.call_id : null,
    name: item.name,
    value: item.value,
    is_error: Boolean(item.is_error ?? false),
  };
}

/**
 * The results of a turn's tool calls, sent back to the LM (DSPy's `dspy.ToolCallResults`). Attached to a
 * `ToolCalls` value in a `History`, they render as native `tool` messages or as a text turn.
 *
 * @example
 * const results = ToolCallResults.fromToolCallsAndValues(pred.tool_calls, await pred.tool_calls.execute(tools));
 */
export class ToolCallResults {
  readonly results: readonly ToolCallResult[];

  constructor(results: readonly ToolCallResult[]) {
    this.results = results;
  }

  /** DSPy's `from_tool_calls_and_values`: pairs each call (its id and name) with a value and an error flag. */
  static fromToolCallsAndValues(
    toolCalls: readonly ToolCall[] | { readonly toolCalls: readonly ToolCall[] },
    values: readonly unknown[],
    isErrors?: readonly boolean[],
  ): ToolCallResults {
    const calls = Array.isArray(toolCalls) ? toolCalls : (toolCalls as { toolCalls: readonly ToolCall[] }).toolCalls;
    if (calls.length !== values.length) throw new ValueError("ToolCallResults.fromToolCallsAndValues: `toolCalls` and `values` must have the same length.");
    if (isErrors && isErrors.length !== calls.length) {
      throw new ValueError("ToolCallResults.fromToolCallsAndValues: `isErrors` must have the same length as `toolCalls` when provided.");
    }
    return new ToolCallResults(
      calls.map((call, i) => ({ call_id: call.id ?? null, name: call.name, value: values[i], is_error: isErrors?.[i] ?? false })),
    );
  }

  /** DSPy's "before" validator: a list of results, `{tool_call_results: [...]}` or one `{name, value}`. */
  static fromValue(data: unknown): ToolCallResults {
    if (data instanceof ToolCallResults) return data;
    if (Array.isArray(data)) return new ToolCallResults(data.map(toResult));
    if (isRecord(data)) {
      if (Array.isArray(data.tool_call_results)) return new ToolCallResults(data.tool_call_results.map(toResult));
      if ("name" in data && "value" in data) return new ToolCallResults([toResult(data)]);
    }
    throw new ValueError(`Received invalid value for \`dspy.ToolCallResults\`: ${pyStr(data)}`);
  }

  /** pydantic's JSON dump: `{tool_call_results: [{call_id, name, value, is_error}]}`. */
  toPyJson(): { tool_call_results: ToolCallResult[] } {
    return { tool_call_results: this.results.map((r) => ({ ...r })) };
  }
}
