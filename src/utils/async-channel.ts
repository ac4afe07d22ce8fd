import { DSPyError } from "../errors/dspy-error.js";

/** A value was sent to an `AsyncChannel` after its reader went away. */
export class ChannelClosedError extends DSPyError {
  constructor() {
    super("The stream's reader stopped reading (it broke out of the loop or was cancelled); nothing more can be sent.");
    this.name = "ChannelClosedError";
  }
}

/**
 * A buffer between one writer and one reader: `send` queues a value at once and, when the buffer is over `capacity`,
 * returns a promise that resolves once the reader made room (so a fast writer waits for a slow reader; with room it
 * returns nothing, sparing a promise per value); `next` takes values in order; `end` and `fail` finish it.
 */
export class AsyncChannel<T> {
  private readonly items: T[] = [];
  private readonly roomWaiters: Array<() => void> = [];
  private readerWaiter: (() => void) | null = null;
  private ended = false;
  private failure: { error: unknown } | null = null;
  private closed = false;

  constructor(private readonly capacity: number) {}

  send(value: T): Promise<void> | undefined {
    if (this.closed) return Promise.reject(new ChannelClosedError());
    this.items.push(value);
    this.wakeReader();
    if (this.items.length <= this.capacity) return undefined;
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** Throws `ChannelClosedError` once the reader went away. */
  checkOpen(): void {
    if (this.closed) throw new ChannelClosedError();
  }

  /** No more values: the reader gets what is queued, then the end. */
  end(): void {
    this.ended = true;
    this.wakeReader();
  }

  /** The writer failed: the reader gets what is queued, then `error`. */
  fail(error: unknown): void {
    this.failure = { error };
    this.wakeReader();
  }

  /** The reader went away: pending and later sends reject with `ChannelClosedError`. */
  close(): void {
    this.closed = true;
    this.items.length = 0;
    for (const wake of this.roomWaiters.splice(0)) wake();
  }

  /** The next value if one is queued, without waiting. */
  poll(): IteratorResult<T, undefined> | undefined {
    if (this.items.length === 0) return undefined;
    const value = this.items.shift() as T;
    if (this.items.length <= this.capacity) this.roomWaiters.shift()?.();
    return { done: false, value };
  }

  /** The next value, or `done` once the writer ended; throws the writer's error. */
  async next(): Promise<IteratorResult<T, undefined>> {
    for (;;) {
      const queued = this.poll();
      if (queued) return queued;
      if (this.failure) throw this.failure.error;
      if (this.ended) return { done: true, value: undefined };
      await new Promise<void>((resolve) => (this.readerWaiter = resolve));
    }
  }

  private wakeReader(): void {
    const wake = this.readerWaiter;
    this.readerWaiter = null;
    wake?.();
  }
}
