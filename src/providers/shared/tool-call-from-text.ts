import type { LMToolCall } from "../../lm/lm-response.js";

/** A tool call from its JSON arguments text; invalid JSON keeps the text in `argsText`. */
export function toolCallFromText(id: string | undefined, name: string, text: string): LMToolCall {
  const call: LMToolCall = { ...(id ? { id } : {}), name, args: {} };
  if (text.trim() === "") return call;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) call.args = parsed as Record<string, unknown>;
    else call.argsText = text;
  } catch {
    call.argsText = text;
  }
  return call;
}
