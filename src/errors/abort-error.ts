import { DSPyError } from "./dspy-error.js";

function reasonText(reason: unknown): string {
  if (reason === undefined) return "";
  if (reason instanceof Error) return reason.name === "AbortError" && /operation was aborted/i.test(reason.message) ? "" : reason.message;
  return String(reason);
}

/**
 * An operation stopped because its `AbortSignal` (the `signal` option, or one inherited from an enclosing call) was
 * aborted. `operation` names what was cancelled (`Evaluate of 1000 examples`, `LM call to openai/gpt-4o-mini`,
 * `BootstrapFewShot.compile()`); `cause` is the signal's reason. Its `name` is `"AbortError"`, as for `fetch`.
 *
 * @example
 * const controller = new AbortController();
 * setTimeout(() => controller.abort(), 1000);
 * try { await evaluate.call(program, { signal: controller.signal }); } catch (e) { if (AbortError.isAbort(e)) console.error(e.message); }
 */
export class AbortError extends DSPyError {
  readonly operation: string;

  /** `reason` is the signal's reason (shown in the message); `cause` defaults to it. */
  constructor(operation: string, options: { reason?: unknown; cause?: unknown } = {}) {
    const reason = reasonText(options.reason);
    const cause = "cause" in options ? options.cause : options.reason;
    super(`${operation} was cancelled: its AbortSignal was aborted${reason ? ` (${reason})` : ""}.`, cause === undefined ? {} : { cause });
    this.name = "AbortError";
    this.operation = operation;
  }

  /** Throws an `AbortError` naming `operation` when `signal` is already aborted. */
  static throwIfAborted(signal: AbortSignal | null | undefined, operation: string): void {
    if (signal?.aborted) throw new AbortError(operation, { reason: signal.reason });
  }

  /** Whether `error` reports a cancellation: an `AbortError` of tsdspy or of the platform (`DOMException`). */
  static isAbort(error: unknown): boolean {
    return error instanceof AbortError || (error instanceof Error && error.name === "AbortError") || (typeof DOMException !== "undefined" && error instanceof DOMException && error.name === "AbortError");
  }

  /**
   * What a call given `signal` rejects with: when the signal was aborted and `error` is a cancellation (or the
   * signal's reason itself), an
   * `AbortError` naming `operation` (the inner one as its cause); any other error unchanged.
   */
  static wrap(error: unknown, signal: AbortSignal | null | undefined, operation: string): unknown {
    if (!signal?.aborted) return error;
    const cause = error instanceof Error ? error.cause : undefined;
    if (!(AbortError.isAbort(error) || error === signal.reason || AbortError.isAbort(cause))) return error;
    if (error instanceof AbortError && error.operation === operation) return error;
    return new AbortError(operation, { reason: signal.reason, cause: error });
  }
}
