import { LMUnsupportedFeatureError } from "../../errors/lm-errors.js";
import type { LMRequest } from "../../lm/lm-request.js";
import type { ContentPart, Message } from "../../lm/message.js";

/** Chat-shaped request parameters that the Responses API names differently. */
const RENAMED = new Set(["max_tokens", "max_completion_tokens", "reasoning_effort", "response_format", "tools", "tool_choice", "n", "stream_options"]);

/**
 * The Responses API request body (`POST /responses`) for a chat-shaped request, as DSPy converts it: messages become
 * `input` items, `max_tokens` becomes `max_output_tokens`, `reasoning_effort` becomes `reasoning: {effort, summary:
 * "auto"}`, `response_format` becomes `text.format`, function tools are flattened.
 */
export function openAIResponsesBody(request: LMRequest, options: { stream?: boolean } = {}): Record<string, unknown> {
  const params = request.params;
  if (typeof params.n === "number" && params.n > 1) {
    throw new LMUnsupportedFeatureError("The Responses API returns one completion per call; n > 1 is not supported.", {
      model: request.model,
      features: ["n"],
    });
  }
  const body: Record<string, unknown> = { model: request.model, input: request.messages.flatMap(messageToItems) };
  for (const [key, value] of Object.entries(params)) if (!RENAMED.has(key) && value !== undefined) body[key] = value;
  const maxTokens = params.max_tokens ?? params.max_completion_tokens;
  if (maxTokens !== undefined) body.max_output_tokens = maxTokens;
  if (params.reasoning_effort !== undefined && body.reasoning === undefined) {
    body.reasoning = { effort: params.reasoning_effort, summary: "auto" };
  }
  const format = responseFormatToText(params.response_format);
  if (format) body.text = { ...(body.text as object | undefined), format };
  if (Array.isArray(params.tools)) body.tools = params.tools.map(flattenTool);
  if (params.tool_choice !== undefined) body.tool_choice = flattenToolChoice(params.tool_choice);
  if (options.stream) body.stream = true;
  return body;
}

function messageToItems(message: Message): Array<Record<string, unknown>> {
  if (message.role === "tool") {
    return [{ type: "function_call_output", call_id: message.tool_call_id, output: textOf(message.content) }];
  }
  const items: Array<Record<string, unknown>> = [];
  const parts = contentParts(message.content, message.role === "assistant");
  if (parts.length > 0) items.push({ role: message.role, content: parts });
  for (const call of message.tool_calls ?? []) {
    items.push({ type: "function_call", call_id: call.id, name: call.function.name, arguments: call.function.arguments });
  }
  return items;
}

function contentParts(content: Message["content"], assistant: boolean): Array<Record<string, unknown>> {
  const textType = assistant ? "output_text" : "input_text";
  if (content === null) return [];
  if (typeof content === "string") return [{ type: textType, text: content }];
  return content.map((part: ContentPart) => {
    switch (part.type) {
      case "text":
        return { type: textType, text: part.text };
      case "image_url":
        return { type: "input_image", image_url: part.image_url.url, ...(part.image_url.detail ? { detail: part.image_url.detail } : {}) };
      case "file":
        return { type: "input_file", ...part.file };
      case "input_audio":
        return { type: "input_audio", input_audio: part.input_audio };
    }
  });
}

function textOf(content: Message["content"]): string {
  if (content === null) return "";
  if (typeof content === "string") return content;
  return content.map((part) => (part.type === "text" ? part.text : "")).join("");
}

function responseFormatToText(format: unknown): Record<string, unknown> | undefined {
  if (!format || typeof format !== "object") return undefined;
  const f = format as { type?: string; json_schema?: Record<string, unknown> };
  if (f.type === "json_schema" && f.json_schema) return { type: "json_schema", ...f.json_schema };
  if (f.type === "json_object" || f.type === "text") return { type: f.type };
  return undefined;
}

function flattenTool(tool: unknown): unknown {
  const t = tool as { type?: string; function?: Record<string, unknown> };
  return t && t.type === "function" && t.function ? { type: "function", ...t.function } : tool;
}

function flattenToolChoice(choice: unknown): unknown {
  const c = choice as { type?: string; function?: { name?: string } };
  return c && typeof c === "object" && c.type === "function" && c.function ? { type: "function", name: c.function.name } : choice;
}
