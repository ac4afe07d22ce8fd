/** A provider's non-2xx HTTP reply, as handed to its error mapper. */
export interface HttpErrorReply {
  status: number;
  headers: Headers;
  /** The body as text (already redacted of secrets). */
  bodyText: string;
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  json: unknown;
}
