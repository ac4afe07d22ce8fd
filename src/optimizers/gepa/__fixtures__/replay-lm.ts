import { BaseLM, type LMForwardRequest } from "../../../clients/base-lm.js";
import type { LMResponse } from "../../../lm/lm-response.js";
import type { Message } from "../../../lm/message.js";

/** One recorded LM call: the request's messages (or, for a bare prompt, `prompt`) and the outputs returned. */
export interface RecordedCall {
  messages: Message[] | null;
  prompt?: string | null;
  kwargs?: Record<string, unknown>;
  outputs: Array<string | { text: string }>;
}

/** JSON with sorted keys, so that key order does not matter when comparing requests. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The messages a recorded call was made with (`[{ role: "user", content: prompt }]` for a bare prompt). */
export function requestOf(call: RecordedCall): Message[] {
  return call.messages ?? [{ role: "user", content: call.prompt ?? "" }];
}

/**
 * DSPy's `DictDummyLM` from `test_gepa.py`: answers each request with the recorded outputs of the call whose
 * messages are exactly the same, and fails naming the request when none is. `calls` lists the recorded index of
 * every request in the order they came.
 */
export class ReplayLM extends BaseLM {
  readonly calls: number[] = [];
  readonly requests: Message[][] = [];
  private readonly byRequest = new Map<string, number>();

  /**
   * With `anyPrompt`, a bare-prompt call (DSPy records it with `messages: null`) answers with the recording whatever the
   * prompt is, as DSPy's `DictDummyLM` does (it looks up `repr(None)`).
   */
  constructor(
    readonly label: string,
    readonly recorded: readonly RecordedCall[],
    readonly options: { anyPrompt?: boolean; withParams?: boolean } = {},
  ) {
    super("dummy", { modelType: "chat", temperature: 0.0, maxTokens: 1000, cache: true });
    // As DSPy's dict: a request recorded twice answers with its last recording.
    recorded.forEach((call, i) => this.byRequest.set(this.keyOf(requestOf(call), call.kwargs ?? {}), i));
  }

  /** A request's lookup key: its messages, and with `withParams` its parameters too (rollouts differ only there). */
  private keyOf(messages: Message[], params: Record<string, unknown>): string {
    if (!this.options.withParams) return canonical(messages);
    const defined = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
    return `${canonical(messages)}|${canonical(defined)}`;
  }

  protected async forward(request: LMForwardRequest): Promise<LMResponse> {
    this.requests.push(request.messages);
    const bare = request.messages.length === 1 && request.messages[0]?.role === "user";
    const promptCall = this.options.anyPrompt && bare ? this.recorded.findIndex((call) => call.messages === null) : -1;
    const index = promptCall >= 0 ? promptCall : this.byRequest.get(this.keyOf(request.messages, request.params));
    if (index === undefined) {
      throw new Error(`${this.label}: request #${this.requests.length} was never recorded:\n${JSON.stringify(request.messages, null, 1).slice(0, 4000)}`);
    }
    this.calls.push(index);
    const outputs = (this.recorded[index] as RecordedCall).outputs.map((o) => ({ text: typeof o === "string" ? o : o.text, finishReason: "stop" }));
    return { outputs, usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 }, model: "dummy" };
  }
}
