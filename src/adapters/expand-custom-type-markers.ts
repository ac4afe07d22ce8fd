import type { ContentPart, Message } from "../lm/message.js";
import { parsePyJson } from "../python/py-json.js";
import { pyStr } from "../python/pyfmt.js";
import { pyStrip } from "../python/py-str.js";
import { CUSTOM_TYPE_END, CUSTOM_TYPE_START } from "./types/custom-type.js";

/** A marker payload: JSON, or JSON that was escaped once more inside a JSON string (`list[Image]` in a model). */
function parsePayload(payload: string): unknown {
  try {
    return parsePyJson(payload);
  } catch {
    try {
      return parsePyJson(parsePyJson(`"${payload}"`) as string);
    } catch {
      return undefined;
    }
  }
}

function payloadParts(payload: string): ContentPart[] {
  const parsed = parsePayload(payload);
  if (!Array.isArray(parsed)) return [{ type: "text", text: payload }];
  return parsed.map((block) =>
    typeof block === "object" && block !== null && !Array.isArray(block) ? (block as ContentPart) : { type: "text", text: pyStr(block) },
  );
}

/**
 * Splits a user message's text around DSPy's custom-type markers into content parts (text, `image_url`, …),
 * as DSPy does before the LM call. Other messages are returned unchanged.
 */
export function expandCustomTypeMarkers(message: Message): Message {
  if (message.role !== "user" || typeof message.content !== "string" || !message.content.includes(CUSTOM_TYPE_START)) return message;
  const text = message.content;
  const parts: ContentPart[] = [];
  // DSPy's `START(.*?)END` search (DOTALL), in linear time: once no END follows a START, none follows a later one.
  let last = 0;
  for (let start = text.indexOf(CUSTOM_TYPE_START); start !== -1; start = text.indexOf(CUSTOM_TYPE_START, last)) {
    const end = text.indexOf(CUSTOM_TYPE_END, start + CUSTOM_TYPE_START.length);
    if (end === -1) break;
    if (start > last) parts.push({ type: "text", text: text.slice(last, start) });
    for (const part of payloadParts(pyStrip(text.slice(start + CUSTOM_TYPE_START.length, end)))) parts.push(part);
    last = end + CUSTOM_TYPE_END.length;
  }
  if (last < text.length) parts.push({ type: "text", text: text.slice(last) });
  return { ...message, content: parts };
}
