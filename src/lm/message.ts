/** One content part of a multimodal message, in OpenAI's chat format (what DSPy sends to litellm). */
export type ContentPart =
  | { type: "text"; text: string }
  | { type: "image_url"; image_url: { url: string; detail?: string } }
  | { type: "input_audio"; input_audio: { data: string; format: string } }
  | { type: "file"; file: { file_data?: string; file_id?: string; filename?: string } };

/** A tool call the model asked for, as carried on an assistant message. */
export interface MessageToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

/** A chat message in OpenAI's format, the lingua franca of DSPy adapters and history entries. */
export interface Message {
  role: "system" | "developer" | "user" | "assistant" | "tool";
  content: string | ContentPart[] | null;
  name?: string;
  tool_calls?: MessageToolCall[];
  tool_call_id?: string;
}
