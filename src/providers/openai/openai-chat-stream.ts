import type { LMStreamPart } from "../../lm/lm-stream-part.js";
import type { LMUsage } from "../../lm/lm-usage.js";
import { parseOpenAIChatResponse } from "./openai-chat-response.js";

interface ChoiceState {
  content: string;
  hasContent: boolean;
  reasoning: string;
  toolCalls: Array<{ id?: string; type: "function"; function: { name: string; arguments: string } }>;
  finishReason: string | null;
  logprobs: unknown[];
}

/**
 * Assembles Chat Completions stream chunks into deltas and, at the end, one reply in the `chat.completion` shape
 * (as litellm's `stream_chunk_builder` does), so history and cache hold the same thing as for a non-streamed call.
 */
export class OpenAIChatStreamAssembler {
  private readonly choices = new Map<number, ChoiceState>();
  private id: string | undefined;
  private model: string | undefined;
  private created: number | undefined;
  private usage: LMUsage | undefined;

  /** Takes one parsed chunk and returns the deltas it carried. */
  push(chunk: Record<string, unknown>): LMStreamPart[] {
    const parts: LMStreamPart[] = [];
    if (typeof chunk.id === "string") this.id ??= chunk.id;
    if (typeof chunk.model === "string") this.model ??= chunk.model;
    if (typeof chunk.created === "number") this.created ??= chunk.created;
    if (chunk.usage && typeof chunk.usage === "object") this.usage = chunk.usage as LMUsage;
    for (const raw of (chunk.choices as Array<Record<string, unknown>> | undefined) ?? []) {
      const index = typeof raw.index === "number" ? raw.index : 0;
      const state = this.state(index);
      const delta = (raw.delta ?? {}) as Record<string, unknown>;
      if (typeof delta.content === "string") {
        state.hasContent = true;
        if (delta.content) {
          state.content += delta.content;
          parts.push({ type: "text-delta", index, delta: delta.content });
        }
      }
      const reasoning = delta.reasoning_content ?? delta.reasoning;
      if (typeof reasoning === "string" && reasoning) {
        state.reasoning += reasoning;
        parts.push({ type: "reasoning-delta", index, delta: reasoning });
      }
      for (const call of (delta.tool_calls as Array<Record<string, unknown>> | undefined) ?? []) {
        const callIndex = typeof call.index === "number" ? call.index : state.toolCalls.length;
        const fn = (call.function ?? {}) as { name?: string; arguments?: string };
        const target = (state.toolCalls[callIndex] ??= { type: "function", function: { name: "", arguments: "" } });
        if (typeof call.id === "string") target.id = call.id;
        if (fn.name) target.function.name += fn.name;
        if (fn.arguments) target.function.arguments += fn.arguments;
        parts.push({
          type: "tool-call-delta",
          index,
          toolCallIndex: callIndex,
          ...(typeof call.id === "string" ? { id: call.id } : {}),
          ...(fn.name ? { name: fn.name } : {}),
          argsDelta: fn.arguments ?? "",
        });
      }
      if (typeof raw.finish_reason === "string") state.finishReason = raw.finish_reason;
      const logprobs = (raw.logprobs as { content?: unknown[] } | null | undefined)?.content;
      if (Array.isArray(logprobs)) state.logprobs.push(...logprobs);
    }
    return parts;
  }

  /** Whether every choice seen so far has ended (has a finish_reason), and there was at least one. */
  get complete(): boolean {
    return this.choices.size > 0 && [...this.choices.values()].every((choice) => choice.finishReason !== null);
  }

  /** The whole reply, as `parseOpenAIChatResponse` reads it. */
  finish(withLogprobs: boolean): LMStreamPart {
    const choices = [...this.choices.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, s]) => ({
        index,
        message: {
          role: "assistant",
          content: s.hasContent || s.toolCalls.length === 0 ? s.content : null,
          ...(s.reasoning ? { reasoning_content: s.reasoning } : {}),
          ...(s.toolCalls.length ? { tool_calls: s.toolCalls } : {}),
        },
        finish_reason: s.finishReason,
        ...(withLogprobs ? { logprobs: { content: s.logprobs } } : {}),
      }));
    const raw = {
      id: this.id,
      object: "chat.completion",
      created: this.created,
      model: this.model,
      choices,
      ...(this.usage ? { usage: this.usage } : {}),
    };
    return { type: "finish", response: parseOpenAIChatResponse(raw, withLogprobs) };
  }

  private state(index: number): ChoiceState {
    let state = this.choices.get(index);
    if (!state) {
      state = { content: "", hasContent: false, reasoning: "", toolCalls: [], finishReason: null, logprobs: [] };
      this.choices.set(index, state);
    }
    return state;
  }
}
