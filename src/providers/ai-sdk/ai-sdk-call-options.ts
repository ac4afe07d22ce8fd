import type { LMRequest } from "../../lm/lm-request.js";
import type { ContentPart, Message } from "../../lm/message.js";

type Version = "v2" | "v3" | "v4";
type Part = Record<string, unknown>;

/**
 * The AI SDK call options (`LanguageModelV2/V3/V4CallOptions`) for a chat-shaped request: messages become the
 * standardized prompt, OpenAI-named parameters their camelCase counterparts.
 */
export function aiSdkCallOptions(request: LMRequest, version: Version): Record<string, unknown> {
  const params = request.params;
  const toolNames = new Map<string, string>();
  const prompt = request.messages.map((message) => toPromptMessage(message, version, toolNames));
  const options: Record<string, unknown> = { prompt };
  const maxTokens = params.max_tokens ?? params.max_completion_tokens;
  if (maxTokens !== undefined) options.maxOutputTokens = maxTokens;
  const simple: Record<string, string> = {
    temperature: "temperature",
    top_p: "topP",
    top_k: "topK",
    presence_penalty: "presencePenalty",
    frequency_penalty: "frequencyPenalty",
    seed: "seed",
  };
  for (const [from, to] of Object.entries(simple)) if (params[from] !== undefined) options[to] = params[from];
  if (params.stop !== undefined) options.stopSequences = Array.isArray(params.stop) ? params.stop : [params.stop];
  const format = params.response_format as { type?: string; json_schema?: { name?: string; description?: string; schema?: unknown } } | undefined;
  if (format?.type === "json_object") options.responseFormat = { type: "json" };
  if (format?.type === "json_schema") {
    options.responseFormat = {
      type: "json",
      ...(format.json_schema?.schema ? { schema: format.json_schema.schema } : {}),
      ...(format.json_schema?.name ? { name: format.json_schema.name } : {}),
      ...(format.json_schema?.description ? { description: format.json_schema.description } : {}),
    };
  }
  if (Array.isArray(params.tools)) {
    options.tools = params.tools.map((tool) => {
      const fn = (tool as { function?: { name?: string; description?: string; parameters?: unknown } }).function ?? {};
      return {
        type: "function",
        name: fn.name,
        ...(fn.description ? { description: fn.description } : {}),
        inputSchema: fn.parameters ?? { type: "object", properties: {} },
      };
    });
  }
  if (params.tool_choice !== undefined) options.toolChoice = toolChoice(params.tool_choice);
  if (version === "v4" && typeof params.reasoning_effort === "string") options.reasoning = params.reasoning_effort;
  if (request.signal) options.abortSignal = request.signal;
  if (request.headers) options.headers = request.headers;
  return options;
}

function toPromptMessage(message: Message, version: Version, toolNames: Map<string, string>): Record<string, unknown> {
  switch (message.role) {
    case "system":
    case "developer":
      return { role: "system", content: textOf(message.content) };
    case "user":
      return { role: "user", content: typeof message.content === "string" ? [{ type: "text", text: message.content }] : (message.content ?? []).map((p) => userPart(p, version)) };
    case "assistant": {
      const content: Part[] = [];
      const text = textOf(message.content);
      if (text) content.push({ type: "text", text });
      for (const call of message.tool_calls ?? []) {
        toolNames.set(call.id, call.function.name);
        content.push({ type: "tool-call", toolCallId: call.id, toolName: call.function.name, input: parseJson(call.function.arguments) });
      }
      return { role: "assistant", content };
    }
    case "tool":
      return {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: message.tool_call_id ?? "",
            toolName: toolNames.get(message.tool_call_id ?? "") ?? message.name ?? "",
            output: { type: "text", value: textOf(message.content) },
          },
        ],
      };
  }
}

function userPart(part: ContentPart, version: Version): Part {
  if (part.type === "text") return { type: "text", text: part.text };
  let url: string;
  let mediaType: string;
  if (part.type === "image_url") {
    url = part.image_url.url;
    mediaType = "image";
  } else if (part.type === "input_audio") {
    url = `data:audio/${part.input_audio.format};base64,${part.input_audio.data}`;
    mediaType = `audio/${part.input_audio.format}`;
  } else {
    url = part.file.file_data ?? "";
    mediaType = "application/octet-stream";
  }
  const data = /^data:([^;]+);base64,(.*)$/s.exec(url);
  if (data) {
    const mime = data[1]!;
    return { type: "file", mediaType: mime, data: version === "v4" ? { type: "data", data: data[2] } : data[2] };
  }
  if (version === "v4") return { type: "file", mediaType: mediaType === "image" ? "image" : mediaType, data: { type: "url", url: new URL(url) } };
  return { type: "file", mediaType: mediaType === "image" ? "image/*" : mediaType, data: new URL(url) };
}

function textOf(content: Message["content"]): string {
  if (content === null) return "";
  if (typeof content === "string") return content;
  return content.map((p) => (p.type === "text" ? p.text : "")).join("");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toolChoice(choice: unknown): Record<string, unknown> {
  if (choice === "auto" || choice === "none" || choice === "required") return { type: choice };
  const c = choice as { type?: string; function?: { name?: string } };
  if (c?.type === "function" && c.function?.name) return { type: "tool", toolName: c.function.name };
  return { type: "auto" };
}
