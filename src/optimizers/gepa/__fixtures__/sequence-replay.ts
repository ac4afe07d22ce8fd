import { BaseLM, type LMForwardRequest } from "../../../clients/base-lm.js";
import type { LMResponse } from "../../../lm/lm-response.js";
import type { Message } from "../../../lm/message.js";
import { canonical } from "./replay-lm.js";

/** A recorded call with message contents and replies as indices into the fixture's `strings`. */
export interface CompactCall {
  lm: string;
  messages: Array<{ role: string; content: number }>;
  kwargs: Record<string, unknown>;
  outputs: number[];
}

/** The first request that differed from the recording, described for a test failure. */
export interface Divergence {
  index: number;
  lm: string;
  reason: string;
  expected: unknown;
  actual: unknown;
}

/**
 * Replays a recorded sequence of LM calls in order, across several LMs (`task`, `reflection`, …): request `i` must
 * come from the LM with the recorded label and have the recorded messages and parameters. The first request that
 * does not is kept in `divergence` (and every later request fails), so a test can name it.
 */
export class SequenceReplay {
  cursor = 0;
  divergence: Divergence | null = null;
  readonly calls: CompactCall[];

  constructor(
    calls: CompactCall[],
    readonly strings: string[],
  ) {
    this.calls = calls;
  }

  lm(label: string): BaseLM {
    return new SequenceLM(this, label);
  }

  expand(call: CompactCall): Message[] {
    return call.messages.map((m) => ({ role: m.role, content: this.strings[m.content] as string }) as Message);
  }

  answer(label: string, request: LMForwardRequest): string[] {
    const index = this.cursor++;
    const expected = this.calls[index];
    if (this.divergence) throw new Error(`replay already diverged at request #${this.divergence.index}`);
    const fail = (reason: string, e: unknown, a: unknown) => {
      this.divergence = { index, lm: label, reason, expected: e, actual: a };
      throw new Error(`replay diverged at request #${index} (${label}): ${reason}`);
    };
    if (!expected) return fail("more requests than recorded", null, request.messages);
    if (expected.lm !== label) fail(`expected a ${expected.lm} request`, expected.lm, label);
    const messages = this.expand(expected);
    if (canonical(messages) !== canonical(request.messages)) fail("messages differ", messages, request.messages);
    const params = Object.fromEntries(Object.entries(request.params).filter(([, v]) => v !== undefined));
    if (canonical(expected.kwargs) !== canonical(params)) fail("parameters differ", expected.kwargs, params);
    return expected.outputs.map((i) => this.strings[i] as string);
  }
}

class SequenceLM extends BaseLM {
  constructor(
    private readonly replay: SequenceReplay,
    readonly label: string,
  ) {
    super("dummy", { modelType: "chat", temperature: 0.0, maxTokens: 1000, cache: true });
  }

  protected async forward(request: LMForwardRequest): Promise<LMResponse> {
    const texts = this.replay.answer(this.label, request);
    return { outputs: texts.map((text) => ({ text, finishReason: "stop" })), usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 }, model: "dummy" };
  }
}
