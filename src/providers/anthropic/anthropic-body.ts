import type { LMRequest } from "../../lm/lm-request.js";
import type { ContentPart, Message } from "../../lm/message.js";

/** The tool Anthropic is forced to call when a JSON schema is requested (litellm's technique). */
export const JSON_TOOL_NAME = "json_tool_call";

/** `max_tokens` when the request sets none (the Messages API requires it). */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

/** OpenAI parameters the Messages API has no equivalent for; they are dropped rather than rejected. */
const DROPPED = new Set([
  "n", "seed", "presence_penalty", "frequency_penalty", "logit_bias", "logprobs", "top_logprobs", "parallel_tool_calls",
  "response_format", "stream_options", "max_tokens", "max_completion_tokens", "stop", "tools", "tool_choice",
  "reasoning_effort", "user",
]);

/** Thinking budgets for `reasoning_effort`, as litellm maps them. */
const THINKING_BUDGET: Record<string, number> = { low: 1024, medium: 2048, high: 4096 };

type Block = Record<string, unknown>;

/**
 * The Messages API body for a chat-shaped request: system messages move to `system`, tool results become
 * `tool_result` blocks of a user turn, consecutive turns of one role are merged, `max_tokens` is always set, `stop`
 * becomes `stop_sequences`, tools and `tool_choice` are translated, `reasoning_effort` becomes `thinking`, and a
 * `json_schema` response format becomes a forced tool call.
 */
export function anthropicBody(request: LMRequest, options: { stream?: boolean } = {}): Record<string, unknown> {
  const params = request.params;
  const system: string[] = [];
  const turns: Array<{ role: "user" | "assistant"; content: Block[] }> = [];
  for (const message of request.messages) {
    if (message.role === "system" || message.role === "developer") {
      system.push(textOf(message.content));
      continue;
    }
    const role = message.role === "assistant" ? "assistant" : "user";
    const blocks = messageBlocks(message);
    const last = turns.at(-1);
    if (last && last.role === role) last.content.push(...blocks);
    else turns.push({ role, content: blocks });
  }
  const body: Record<string, unknown> = {
    model: request.model,
    max_tokens: params.max_tokens ?? params.max_completion_tokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
  };
  if (system.length === 1) body.system = system[0];
  else if (system.length > 1) body.system = system.map((text) => ({ type: "text", text }));
  body.messages = turns.map((turn) => ({ role: turn.role, content: simplify(turn.content) }));
  for (const [key, value] of Object.entries(params)) if (!DROPPED.has(key) && value !== undefined) body[key] = value;
  if (params.stop !== undefined) body.stop_sequences = Array.isArray(params.stop) ? params.stop : [params.stop];
  if (typeof params.reasoning_effort === "string" && body.thinking === undefined && params.reasoning_effort in THINKING_BUDGET) {
    body.thinking = { type: "enabled", budget_tokens: THINKING_BUDGET[params.reasoning_effort] };
  }
  const tools = Array.isArray(params.tools) ? params.tools.map(toAnthropicTool) : [];
  let toolChoice = params.tool_choice === undefined ? undefined : toAnthropicToolChoice(params.tool_choice);
  const schema = jsonSchemaOf(params.response_format);
  if (schema) {
    tools.push({ name: JSON_TOOL_NAME, description: "Respond with a JSON object.", input_schema: schema });
    toolChoice = { type: "tool", name: JSON_TOOL_NAME };
  }
  if (tools.length > 0) body.tools = tools;
  if (toolChoice !== undefined) {
    if (params.parallel_tool_calls === false && typeof toolChoice === "object") toolChoice = { ...toolChoice, disable_parallel_tool_use: true };
    body.tool_choice = toolChoice;
  }
  if (options.stream) body.stream = true;
  return body;
}

/** Whether the request asked for a JSON schema, i.e. the reply's forced tool call is the answer. */
export function wantsJsonTool(request: LMRequest): boolean {
  return jsonSchemaOf(request.params.response_format) !== undefined;
}

function jsonSchemaOf(format: unknown): Record<string, unknown> | undefined {
  const f = format as { type?: string; json_schema?: { schema?: Record<string, unknown> } } | undefined;
  return f?.type === "json_schema" && f.json_schema?.schema ? f.json_schema.schema : undefined;
}

function messageBlocks(message: Message): Block[] {
  if (message.role === "tool") {
    return [{ type: "tool_result", tool_use_id: message.tool_call_id, content: textOf(message.content) }];
  }
  const blocks: Block[] = [];
  if (typeof message.content === "string") {
    if (message.content !== "" || !message.tool_calls?.length) blocks.push({ type: "text", text: message.content });
  } else if (message.content) {
    blocks.push(...message.content.map(partToBlock));
  }
  for (const call of message.tool_calls ?? []) {
    blocks.push({ type: "tool_use", id: call.id, name: call.function.name, input: parseArgs(call.function.arguments) });
  }
  return blocks;
}

function partToBlock(part: ContentPart): Block {
  switch (part.type) {
    case "text":
      return { type: "text", text: part.text };
    case "image_url": {
      const data = /^data:([^;]+);base64,(.*)$/s.exec(part.image_url.url);
      return data
        ? { type: "image", source: { type: "base64", media_type: data[1], data: data[2] } }
        : { type: "image", source: { type: "url", url: part.image_url.url } };
    }
    case "file": {
      const data = /^data:([^;]+);base64,(.*)$/s.exec(part.file.file_data ?? "");
      if (data) return { type: "document", source: { type: "base64", media_type: data[1], data: data[2] } };
      return { type: "document", source: { type: "file", file_id: part.file.file_id } };
    }
    case "input_audio":
      return { type: "text", text: "[audio input is not supported by the Anthropic Messages API]" };
  }
}

/** A turn that is one text block is sent as a plain string, as people write it. */
function simplify(blocks: Block[]): string | Block[] {
  return blocks.length === 1 && blocks[0]!.type === "text" ? (blocks[0]!.text as string) : blocks;
}

function textOf(content: Message["content"]): string {
  if (content === null) return "";
  if (typeof content === "string") return content;
  return content.map((part) => (part.type === "text" ? part.text : "")).join("");
}

function parseArgs(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

function toAnthropicTool(tool: unknown): Block {
  const t = tool as { type?: string; function?: { name?: string; description?: string; parameters?: unknown } };
  if (t.type === "function" && t.function) {
    return {
      name: t.function.name,
      ...(t.function.description ? { description: t.function.description } : {}),
      input_schema: t.function.parameters ?? { type: "object", properties: {} },
    };
  }
  return tool as Block;
}

function toAnthropicToolChoice(choice: unknown): unknown {
  if (choice === "auto") return { type: "auto" };
  if (choice === "required") return { type: "any" };
  if (choice === "none") return { type: "none" };
  const c = choice as { type?: string; function?: { name?: string } };
  if (c && typeof c === "object" && c.type === "function" && c.function?.name) return { type: "tool", name: c.function.name };
  return choice;
}
