import type { LMUsage } from "./lm-usage.js";
import type { Message } from "./message.js";

/** One LM call as recorded in history, with DSPy's keys so recorded fixtures are interchangeable. */
export interface HistoryEntry {
  prompt: string | null;
  messages: Message[] | null;
  kwargs: Record<string, unknown>;
  response: unknown;
  /** Like DSPy: the text when a completion has only text, else `{ text, reasoning_content?, tool_calls?, … }`. */
  outputs: Array<string | Record<string, unknown>>;
  usage: LMUsage;
  cost: number | null;
  /** ISO-8601 time of the call. */
  timestamp: string;
  uuid: string;
  model: string;
  response_model: string | null;
  model_type: string;
}
