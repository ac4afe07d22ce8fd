/**
 * A demo or input record: a plain object or a record-like `Example` (fields read as own properties, see
 * `readKey`).
 */
export type ValueRecord = object;

/**
 * What Predict lends an adapter while post-processing an output: `complete` runs a further LM call the adapter asks
 * for (its plans, fallback and parsing), so that adapters such as `TwoStepAdapter` never call an LM themselves.
 */
export interface PostprocessContext {
  complete(
    adapter: import("./adapter.js").Adapter,
    lm: import("../lm/lm-like.js").LMLike,
    signature: import("../signatures/signature.js").Signature,
    inputs: ValueRecord,
  ): Promise<Array<Record<string, unknown>>>;
}

/** Options of `formatUserMessageContent`. */
export interface UserMessageOptions {
  prefix?: string;
  suffix?: string;
  /** The final request: adds the "Respond with…" line. */
  mainRequest?: boolean;
}
