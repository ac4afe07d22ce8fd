/**
 * A demo or input record: a plain object or a record-like `Example` (fields read as own properties, see
 * `readKey`).
 */
export type ValueRecord = object;

/** Options of `formatUserMessageContent`. */
export interface UserMessageOptions {
  prefix?: string;
  suffix?: string;
  /** The final request: adds the "Respond with…" line. */
  mainRequest?: boolean;
}
