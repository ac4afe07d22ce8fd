/**
 * A conversation history input (`dspy.History`): each message is a record keyed by the signature's field
 * names; adapters render them as prior user/assistant turns.
 *
 * @example
 * const history = new History([{ question: "France?", answer: "Paris" }]);
 */
export class History {
  readonly messages: ReadonlyArray<Record<string, unknown>>;

  constructor(messages: ReadonlyArray<Record<string, unknown>>) {
    this.messages = messages;
  }
}

/** The messages of a `History` value, also accepting `{ messages: [...] }` and a bare array. */
export function historyMessages(value: unknown): ReadonlyArray<Record<string, unknown>> | null {
  if (value instanceof History) return value.messages;
  if (Array.isArray(value)) return value as Array<Record<string, unknown>>;
  if (typeof value === "object" && value !== null && Array.isArray((value as { messages?: unknown }).messages)) {
    return (value as { messages: Array<Record<string, unknown>> }).messages;
  }
  return null;
}
