import type { Message, MessageToolCall } from "../lm/message.js";
import { makeField } from "../signatures/field.js";
import { Signature } from "../signatures/signature.js";
import { pyJsonDumps } from "../python/pyfmt.js";
import type { UserMessageOptions, ValueRecord } from "./adapter-types.js";
import { decodeToolArguments } from "./decode-tool-arguments.js";
import { serializeForJson } from "./serialize-for-json.js";
import { readKey } from "./record-access.js";
import { historyMessages } from "./types/history.js";
import { ToolCallResults, type ToolCallResult } from "./types/tool-call-results.js";
import { ToolCalls } from "./types/tool-calls.js";

const TOOL_CALL_RESULTS_SIGNATURE = new Signature(
  [makeField("tool_call_results", "input", { type: { kind: "any" } })],
  [],
);

/** What history formatting needs from an adapter. */
export interface HistoryFormatter {
  readonly useNativeFunctionCalling: boolean;
  formatUserMessageContent(signature: Signature, inputs: ValueRecord, options?: UserMessageOptions): string;
  formatAssistantMessageContent(signature: Signature, outputs: ValueRecord, options?: { missingFieldMessage?: string }): string;
}

/** The first input field typed `History`, or null. */
export function historyFieldName(signature: Signature): string | null {
  for (const field of Object.values(signature.inputFields)) {
    if (field.type.kind === "custom" && field.type.name === "History") return field.name;
  }
  return null;
}

function toolCallsOf(message: ValueRecord): [string, ToolCalls] | null {
  for (const [name, value] of Object.entries(message)) {
    if (value instanceof ToolCalls) return [name, value];
    if (typeof value === "object" && value !== null && !Array.isArray(value) && "tool_calls" in value) {
      return [name, ToolCalls.fromValue(value, decodeToolArguments)];
    }
  }
  return null;
}

function toolCallResults(raw: unknown): ToolCallResult[] | null {
  if (raw === null || raw === undefined) return null;
  if (raw instanceof ToolCallResults) return [...raw.results];
  let list: unknown = raw;
  if (!Array.isArray(raw) && typeof raw === "object") {
    const record = raw as Record<string, unknown>;
    list = "tool_call_results" in record ? record.tool_call_results : "name" in record && "value" in record ? [record] : null;
  }
  if (!Array.isArray(list)) return null;
  return list.map((item: Record<string, unknown>) => ({
    call_id: (item.call_id as string | undefined) ?? null,
    name: item.name as string,
    value: item.value ?? null,
    is_error: Boolean(item.is_error ?? false),
  }));
}

function toolResultContent(value: unknown): string {
  return typeof value === "string" ? value : pyJsonDumps(serializeForJson(value), { ensureAscii: false });
}

function asMessageToolCall(call: { id?: string | null; name: string; args: Record<string, unknown> }): MessageToolCall {
  return {
    id: call.id as string,
    type: "function",
    function: { name: call.name, arguments: pyJsonDumps(serializeForJson(call.args), { ensureAscii: false }) },
  };
}

/**
 * DSPy's `format_conversation_history`: each history message becomes a user turn (its input keys) and an
 * assistant turn (all outputs; absent ones render as None). Tool calls in a message are replayed natively
 * (assistant `tool_calls` + `tool` messages) when the adapter uses native function calling, else as text.
 */
export function formatConversationHistory(adapter: HistoryFormatter, signature: Signature, history: unknown): Message[] {
  const items = historyMessages(history);
  if (!items) return [];
  const messages: Message[] = [];
  for (const message of items) {
    const found = toolCallsOf(message);
    let results = found ? toolCallResults(found[1].toolCallResults) : null;
    const user = adapter.formatUserMessageContent(signature, message);
    if (user) messages.push({ role: "user", content: user });

    if (adapter.useNativeFunctionCalling && found) {
      const calls = found[1].toolCalls;
      let contentSignature = signature;
      for (const field of Object.values(signature.outputFields)) {
        const isToolCalls = field.type.kind === "custom" && field.type.name === "ToolCalls";
        if (isToolCalls || readKey(message, field.name) === null) contentSignature = contentSignature.delete(field.name);
      }
      const content = Object.keys(contentSignature.outputFields).length
        ? adapter.formatAssistantMessageContent(contentSignature, message)
        : "";
      if (results) {
        const ids = calls.map((c) => c.id ?? null);
        const resultIds = results.map((r) => r.call_id);
        if (ids.length !== resultIds.length || ids.some((id, i) => id !== resultIds[i]) || !ids.every(Boolean)) results = null;
      }
      if (content || results) {
        const assistant: Message = { role: "assistant", content: content || null };
        if (results) assistant.tool_calls = calls.map(asMessageToolCall);
        messages.push(assistant);
      }
      for (const result of results ?? []) {
        messages.push({ role: "tool", tool_call_id: result.call_id as string, name: result.name, content: toolResultContent(result.value) });
      }
      continue;
    }

    let assistantValues: ValueRecord = message;
    if (found && results) assistantValues = { ...message, [found[0]]: new ToolCalls(found[1].toolCalls) };
    const assistant = adapter.formatAssistantMessageContent(signature, assistantValues);
    if (assistant) messages.push({ role: "assistant", content: assistant });
    if (results) {
      const content = adapter.formatUserMessageContent(TOOL_CALL_RESULTS_SIGNATURE, { tool_call_results: { tool_call_results: results } });
      messages.push({ role: "user", content });
    }
  }
  return messages;
}
