import type { HistoryEntry } from "./history-entry.js";
import type { LMCapabilities } from "./lm-capabilities.js";
import type { LMCopyOverrides } from "./lm-copy-overrides.js";
import type { LMParams } from "./lm-request.js";
import type { LMOutput } from "./lm-response.js";
import type { LMStreamPart } from "./lm-stream-part.js";
import type { Message } from "./message.js";

/** Per-call options that are not request parameters. */
export interface LMCallOptions {
  signal?: AbortSignal;
}

/**
 * What modules and adapters need from a language model: DSPy's `BaseLM` seen from the caller's side.
 * `BaseLM` (and `LM`, `DummyLM`, `SimLM`) implement it.
 */
export interface LMLike {
  /** The `provider/model` string. */
  readonly model: string;
  readonly modelType: "chat" | "text" | "responses";
  /** Default request parameters (`temperature`, `max_tokens`, …). */
  readonly kwargs: Readonly<LMParams>;
  readonly capabilities: LMCapabilities;
  /**
   * Waits for whatever must load before `capabilities` can be read (an `LM` made from a model string loads its
   * provider's code); returns `undefined` when nothing must. Predict awaits it before formatting a call.
   */
  prepare?(): Promise<void> | undefined;
  readonly history: HistoryEntry[];
  call(messages: Message[], params?: LMParams, options?: LMCallOptions): Promise<LMOutput[]>;
  /** The same call as `call`, as deltas then a `finish` part with the whole response (`BaseLM` implements it). */
  stream?(messages: Message[], params?: LMParams, options?: LMCallOptions): AsyncIterable<LMStreamPart>;
  /** A copy with some parameters changed, e.g. `{ rollout_id: 1, temperature: 1.0 }`. */
  copy(overrides?: LMCopyOverrides): LMLike;
  /** DSPy's `dump_state()`; never contains secrets. */
  dumpState(): Record<string, unknown>;
}
