/**
 * A piece of one output field's text, streamed as the LM writes it (DSPy's `dspy.streaming.StreamResponse`).
 * `isLastChunk` is true on the field's last piece.
 */
export class StreamResponse {
  constructor(
    readonly predictName: string,
    readonly signatureFieldName: string,
    readonly chunk: string,
    readonly isLastChunk: boolean,
  ) {}
}
