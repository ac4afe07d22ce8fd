/** A demo or input record: a plain object or a record-like `Example`. */
export type ValueRecord = Readonly<Record<string, unknown>>;

/** Options of `formatUserMessageContent`. */
export interface UserMessageOptions {
  prefix?: string;
  suffix?: string;
  /** The final request: adds the "Respond with…" line. */
  mainRequest?: boolean;
}
