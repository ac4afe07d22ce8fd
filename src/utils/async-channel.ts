import { DSPyError } from "../errors/dspy-error.js";

/** A value was sent to an `AsyncChannel` after its reader went away. */
export class ChannelClosedError extends DSPyError {
  constructor() {
    super("The stream's reader stopped reading (it broke out of the loop or was cancelled); nothing more can be sent.");
    this.name = "ChannelClosedError";
  }
}

/**
 * A buffer between one writer and one reader: `send` queues a value at once and resolves when the buffer is below
 * `capacity` again (so a fast writer waits for a slow reader); `next` takes values in order; `end` and `fail` finish it.
 */
export class AsyncChannel<T> {
  private readonly items: T[] = [];
  private readonly roomWaiters: Array<() => void> = [];
  private readerWaiter: (() => void) | null = null;
  private ended = false;
  private failure: { error: unknown } | null = null;
  private closed = false;

  constructor(private readonly capacity: number) {}

  send(value: T): Promise<void> {
    if (this.closed) return Promise.reject(new ChannelClosedError());
    this.items.push(value);
    this.wakeReader();
    if (this.items.length <= this.capacity) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
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

  /** The next value, or `done` once the writer ended; throws the writer's error. */
  async next(): Promise<IteratorResult<T, undefined>> {
    for (;;) {
      if (this.items.length > 0) {
        const value = this.items.shift() as T;
        if (this.items.length <= this.capacity) this.roomWaiters.shift()?.();
        return { done: false, value };
      }
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
