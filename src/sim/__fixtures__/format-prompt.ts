import { ChatAdapter } from "../../adapters/chat-adapter.js";
import type { Message } from "../../lm/message.js";
import { signature } from "../../signatures/signature.js";

/** ChatAdapter's messages for a string signature with instructions, demos and inputs (tests only). */
export function chatPrompt(spec: string, instructions: string, demos: Array<Record<string, unknown>>, inputs: Record<string, unknown>): Message[] {
  return new ChatAdapter().format(signature(spec).withInstructions(instructions), demos, inputs);
}
