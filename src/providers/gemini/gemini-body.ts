import type { LMRequest } from "../../lm/lm-request.js";
import type { ContentPart, Message } from "../../lm/message.js";

type Part = Record<string, unknown>;

/** Parameters that go into `generationConfig`, with their Gemini names. */
const GENERATION_CONFIG: Record<string, string> = {
  temperature: "temperature",
  top_p: "topP",
  top_k: "topK",
  max_tokens: "maxOutputTokens",
  max_completion_tokens: "maxOutputTokens",
  n: "candidateCount",
  seed: "seed",
  presence_penalty: "presencePenalty",
  frequency_penalty: "frequencyPenalty",
};

/** OpenAI parameters Gemini has no equivalent for; dropped. */
const DROPPED = new Set(["logit_bias", "logprobs", "top_logprobs", "parallel_tool_calls", "user", "stream_options"]);

/** Thinking budgets for `reasoning_effort`, as litellm maps them. */
const THINKING_BUDGET: Record<string, number> = { low: 1024, medium: 2048, high: 4096 };

/**
 * The `generateContent` body for a chat-shaped request: system messages become `systemInstruction`, assistant turns
 * use role `model`, tool calls and results become `functionCall`/`functionResponse` parts, sampling parameters go
 * into `generationConfig`, `response_format` becomes `responseMimeType` (+ `responseJsonSchema`), tools become
 * `functionDeclarations`.
 */
export function geminiBody(request: LMRequest): Record<string, unknown> {
  const params = request.params;
  const system: Part[] = [];
  const contents: Array<{ role: string; parts: Part[] }> = [];
  const toolNames = new Map<string, string>();
  for (const message of request.messages) {
    if (message.role === "system" || message.role === "developer") {
      system.push({ text: textOf(message.content) });
      continue;
    }
    for (const call of message.tool_calls ?? []) toolNames.set(call.id, call.function.name);
    const role = message.role === "assistant" ? "model" : "user";
    const parts = messageParts(message, toolNames);
    const last = contents.at(-1);
    if (last && last.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  }
  const body: Record<string, unknown> = { contents };
  if (system.length > 0) body.systemInstruction = { parts: system };
  const generationConfig: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || DROPPED.has(key)) continue;
    const name = GENERATION_CONFIG[key];
    if (name) generationConfig[name] = value;
    else if (!["stop", "response_format", "tools", "tool_choice", "reasoning_effort"].includes(key)) body[key] = value;
  }
  if (params.stop !== undefined) generationConfig.stopSequences = Array.isArray(params.stop) ? params.stop : [params.stop];
  const format = params.response_format as { type?: string; json_schema?: { schema?: unknown } } | undefined;
  if (format?.type === "json_object" || format?.type === "json_schema") generationConfig.responseMimeType = "application/json";
  if (format?.type === "json_schema" && format.json_schema?.schema) generationConfig.responseJsonSchema = format.json_schema.schema;
  if (typeof params.reasoning_effort === "string") {
    const budget = params.reasoning_effort === "disable" || params.reasoning_effort === "none" ? 0 : THINKING_BUDGET[params.reasoning_effort];
    if (budget !== undefined) generationConfig.thinkingConfig = { thinkingBudget: budget, ...(budget > 0 ? { includeThoughts: true } : {}) };
  }
  if (Object.keys(generationConfig).length > 0) body.generationConfig = { ...(body.generationConfig as object | undefined), ...generationConfig };
  if (Array.isArray(params.tools)) body.tools = [{ functionDeclarations: params.tools.map(toDeclaration) }];
  if (params.tool_choice !== undefined) body.toolConfig = { functionCallingConfig: toCallingConfig(params.tool_choice) };
  return body;
}

function messageParts(message: Message, toolNames: Map<string, string>): Part[] {
  if (message.role === "tool") {
    const name = toolNames.get(message.tool_call_id ?? "") ?? message.name ?? "";
    return [{ functionResponse: { name, response: { result: textOf(message.content) } } }];
  }
  const parts: Part[] = [];
  if (typeof message.content === "string") {
    if (message.content !== "" || !message.tool_calls?.length) parts.push({ text: message.content });
  } else if (message.content) {
    parts.push(...message.content.map(partOf));
  }
  for (const call of message.tool_calls ?? []) {
    let args: unknown = {};
    try {
      args = JSON.parse(call.function.arguments);
    } catch {
      args = {};
    }
    parts.push({ functionCall: { name: call.function.name, args } });
  }
  return parts;
}

function partOf(part: ContentPart): Part {
  switch (part.type) {
    case "text":
      return { text: part.text };
    case "image_url": {
      const data = /^data:([^;]+);base64,(.*)$/s.exec(part.image_url.url);
      return data ? { inlineData: { mimeType: data[1], data: data[2] } } : { fileData: { fileUri: part.image_url.url } };
    }
    case "input_audio":
      return { inlineData: { mimeType: `audio/${part.input_audio.format}`, data: part.input_audio.data } };
    case "file": {
      const data = /^data:([^;]+);base64,(.*)$/s.exec(part.file.file_data ?? "");
      return data ? { inlineData: { mimeType: data[1], data: data[2] } } : { fileData: { fileUri: part.file.file_id } };
    }
  }
}

function textOf(content: Message["content"]): string {
  if (content === null) return "";
  if (typeof content === "string") return content;
  return content.map((part) => (part.type === "text" ? part.text : "")).join("");
}

function toDeclaration(tool: unknown): unknown {
  const t = tool as { type?: string; function?: { name?: string; description?: string; parameters?: unknown } };
  if (t.type !== "function" || !t.function) return tool;
  return {
    name: t.function.name,
    ...(t.function.description ? { description: t.function.description } : {}),
    ...(t.function.parameters ? { parametersJsonSchema: t.function.parameters } : {}),
  };
}

function toCallingConfig(choice: unknown): Record<string, unknown> {
  if (choice === "auto") return { mode: "AUTO" };
  if (choice === "required") return { mode: "ANY" };
  if (choice === "none") return { mode: "NONE" };
  const c = choice as { type?: string; function?: { name?: string } };
  if (c?.type === "function" && c.function?.name) return { mode: "ANY", allowedFunctionNames: [c.function.name] };
  return { mode: "AUTO" };
}
