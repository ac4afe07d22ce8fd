import type { Adapter } from "../adapters/adapter.js";
import { ChatAdapter } from "../adapters/chat-adapter.js";
import { BaseLM, type LMForwardRequest } from "../clients/base-lm.js";
import type { LMOutput, LMResponse } from "../lm/lm-response.js";
import type { Message } from "../lm/message.js";
import { ValueError } from "../errors/value-error.js";
import { makeField } from "../signatures/field.js";
import type { TypeNode } from "../signatures/type-node.js";

const ANY: TypeNode = { kind: "any" };

type Answer = Record<string, unknown>;

export interface DummyLMOptions {
  /** Answer with the assistant turn of the demo whose input matches the request (DSPy's `follow_examples`). */
  followExamples?: boolean;
  /** Also return `reasoningContent: "Some reasoning"`. */
  reasoning?: boolean;
  /** The adapter whose format the answers are written in (default ChatAdapter). */
  adapter?: Adapter;
}

const HEADER = /^\[\[ ## (\w+) ## \]\]/;

function text(message: Message | undefined): string {
  return typeof message?.content === "string" ? message.content : "";
}

/**
 * A scripted LM for tests (DSPy's `DummyLM`), with DSPy's three modes: a list of answers returned in turn; a record
 * of answers keyed by a substring of the last message; or `followExamples`, which replays the matching demo.
 * Answers are written in the adapter's own format, so any adapter parses them.
 *
 * @example
 * configure({ lm: new DummyLM([{ answer: "Paris" }]) });
 * await new Predict("question -> answer").call({ question: "Capital of France?" }); // answer: "Paris"
 */
export class DummyLM extends BaseLM {
  readonly answers: readonly Answer[] | Readonly<Record<string, Answer>>;
  readonly followExamples: boolean;
  readonly reasoning: boolean;
  readonly adapter: Adapter;
  /** The position in the answer list, shared with copies (`lm.copy(...)`) as DSPy's copies share its iterator. */
  private readonly cursor = { next: 0 };

  constructor(answers: readonly Answer[] | Readonly<Record<string, Answer>>, options: DummyLMOptions = {}) {
    super("dummy", { modelType: "chat", temperature: 0.0, maxTokens: 1000, cache: true });
    this.answers = answers;
    this.followExamples = options.followExamples ?? false;
    this.reasoning = options.reasoning ?? false;
    this.adapter = options.adapter ?? new ChatAdapter();
  }

  /** How many list answers were used so far. */
  get calls(): number {
    return this.cursor.next;
  }

  protected async forward(request: LMForwardRequest): Promise<LMResponse> {
    const n = typeof request.params.n === "number" ? request.params.n : 1;
    const outputs: LMOutput[] = [];
    for (let i = 0; i < n; i++) {
      const content = this.answerFor(request.messages);
      outputs.push({ text: content, finishReason: "stop", ...(this.reasoning ? { reasoningContent: "Some reasoning" } : {}) });
    }
    return { outputs, usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 }, model: "dummy" };
  }

  private answerFor(messages: Message[]): string | null {
    if (this.followExamples) return this.useExample(messages);
    if (!Array.isArray(this.answers)) {
      const last = text(messages[messages.length - 1]);
      for (const [key, answer] of Object.entries(this.answers as Record<string, Answer>)) {
        if (last.includes(key)) return this.formatAnswer(answer);
      }
      return "No more responses";
    }
    const list = this.answers as readonly Answer[];
    const answer = this.cursor.next < list.length ? list[this.cursor.next] : undefined;
    if (answer !== undefined) this.cursor.next++;
    return this.formatAnswer(answer ?? { answer: "No more responses" });
  }

  private formatAnswer(answer: Answer): string {
    // DSPy writes answers through a bare `OutputField()`, whose annotation is None: not `str`, so a list is written as
    // JSON (not a numbered list) and XML text is not escaped. An `Any` field formats the same way.
    const entries = Object.entries(answer).map(([name, value]) => [makeField(name, "output", { type: ANY }), value] as const);
    return this.adapter.formatFieldWithValue(entries, { role: "assistant" });
  }

  /** The assistant turn that follows the latest demo whose user turn contains the request's first section. */
  private useExample(messages: Message[]): string | null {
    const counts = new Map<string, number>();
    for (const message of messages) {
      const match = HEADER.exec(text(message));
      if (match) counts.set(match[0], (counts.get(match[0]) ?? 0) + 1);
    }
    // DSPy takes max() of these counts, which raises when no message starts with a `[[ ## field ## ]]` header
    // (e.g. XML prompts); the adapter then falls back to JSON as it does for any non-LM error.
    if (counts.size === 0) throw new ValueError("max() arg is an empty sequence");
    const max = Math.max(...counts.values());
    const outputFields = [...counts].filter(([, count]) => count !== max).map(([field]) => field);
    const finalInput = text(messages[messages.length - 1]).split("\n\n")[0] ?? "";
    for (let i = messages.length - 1; i >= 1; i--) {
      const input = text(messages[i - 1]);
      const output = text(messages[i]);
      if (outputFields.some((field) => output.includes(field)) && input.includes(finalInput)) return output;
    }
    return null;
  }
}
