import type { LMResponse } from "../lm/lm-response.js";
import type { LMStreamPart } from "../lm/lm-stream-part.js";

/**
 * A whole response as the deltas a stream would have carried (reasoning, text, tool calls, per completion), for a
 * cache hit replayed as a stream and for models that cannot stream. The `finish` part is not included.
 */
export function* responseParts(response: LMResponse): Generator<LMStreamPart> {
  for (const [index, output] of response.outputs.entries()) {
    if (output.reasoningContent) yield { type: "reasoning-delta", index, delta: output.reasoningContent };
    if (output.text) yield { type: "text-delta", index, delta: output.text };
    for (const [toolCallIndex, call] of (output.toolCalls ?? []).entries()) {
      yield {
        type: "tool-call-delta",
        index,
        toolCallIndex,
        ...(call.id !== undefined ? { id: call.id } : {}),
        name: call.name,
        argsDelta: call.argsText ?? JSON.stringify(call.args),
      };
    }
  }
}
