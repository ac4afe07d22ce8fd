import type { LMOutput } from "./lm-response.js";
import type { LMUsage } from "./lm-usage.js";
import type { Message } from "./message.js";

/** One LM call as recorded in history, with DSPy's keys so recorded fixtures are interchangeable. */
export interface HistoryEntry {
  prompt: string | null;
  messages: Message[] | null;
  kwargs: Record<string, unknown>;
  response: unknown;
  outputs: Array<string | LMOutput>;
  usage: LMUsage;
  cost: number | null;
  /** ISO-8601 time of the call. */
  timestamp: string;
  uuid: string;
  model: string;
  response_model: string | null;
  model_type: string;
}
