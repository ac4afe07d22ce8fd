import { systemClock, type Clock } from "../utils/clock.js";

/**
 * The signal of one attempt at an LM request: it aborts when the caller's signal does, when the attempt is disposed,
 * or when the deadline passes while armed (then with a `TimeoutError` reason, which providers turn into
 * `LMTimeoutError`). `race` also gives up at that moment on a provider that ignores its signal.
 */
export class AttemptDeadline {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private timer: unknown = null;
  private expired = false;
  private readonly onOuterAbort: () => void;

  constructor(
    private readonly timeoutMs: number,
    private readonly outer: AbortSignal | undefined,
    private readonly clock: Clock = systemClock,
  ) {
    this.signal = this.controller.signal;
    this.onOuterAbort = () => this.controller.abort(outer!.reason);
    if (outer?.aborted) this.controller.abort(outer.reason);
    else outer?.addEventListener("abort", this.onOuterAbort, { once: true });
  }

  /** Whether the deadline passed (as opposed to the caller aborting). */
  get timedOut(): boolean {
    return this.expired;
  }

  /** Starts the clock (a no-op while it runs). */
  arm(): void {
    if (this.timer !== null || this.signal.aborted) return;
    this.timer = this.clock.setTimeout(() => {
      this.expired = true;
      this.controller.abort(new DOMException(`The LM call took longer than ${this.timeoutMs} ms.`, "TimeoutError"));
    }, this.timeoutMs);
  }

  /** Stops the clock; `arm` starts it afresh. */
  disarm(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Awaits `work`, or rejects with the abort reason as soon as the signal aborts, whichever comes first. */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.signal.aborted) {
      work.catch(() => {});
      return Promise.reject(this.signal.reason);
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        work.catch(() => {});
        reject(this.signal.reason);
      };
      this.signal.addEventListener("abort", onAbort, { once: true });
      work.then(
        (value) => {
          this.signal.removeEventListener("abort", onAbort);
          resolve(value);
        },
        (error: unknown) => {
          this.signal.removeEventListener("abort", onAbort);
          reject(error);
        },
      );
    });
  }

  /** Ends the attempt: stops the clock, detaches from the caller's signal and, unless it finished, aborts whatever is still reading. */
  dispose(finished: boolean): void {
    this.disarm();
    this.outer?.removeEventListener("abort", this.onOuterAbort);
    if (!finished && !this.signal.aborted) this.controller.abort(new DOMException("The LM attempt was abandoned.", "AbortError"));
  }
}
