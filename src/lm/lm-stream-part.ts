import type { LMResponse } from "./lm-response.js";

/** One event of a streamed completion. The last event is always `finish`, carrying the whole response. */
export type LMStreamPart =
  | { type: "text-delta"; index: number; delta: string }
  | { type: "reasoning-delta"; index: number; delta: string }
  | { type: "tool-call-delta"; index: number; toolCallIndex: number; id?: string; name?: string; argsDelta: string }
  | { type: "finish"; response: LMResponse };
