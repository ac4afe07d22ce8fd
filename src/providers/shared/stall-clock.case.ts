import { ManualClock } from "../../testing/manual-clock.js";
import type { Clock } from "../../utils/clock.js";
import type { FakeServer } from "./fake-server.case.js";

/**
 * The clock for LMs talking to a fake server that injects faults: their attempt deadlines pass exactly when every
 * attempt waiting on one is stalled on the server (a `hang` or `headersThenHang` reply), and never while any other
 * reply is on its way. A hung request is therefore always timed out and a slow good reply never is, whatever the
 * machine's load: the outcome of a fault-injection run depends on the fault schedule alone, not on wall-clock time.
 *
 * Why the count is exact: an LM arms an attempt's deadline before sending its request and keeps it armed while it
 * waits for the reply, so every stalled request still being waited on holds one pending timer; when the pending
 * timers are as many as those requests, nothing else is waiting and advancing the clock fires only theirs.
 */
export class StallClock implements Clock {
  /** Deadlines this clock let pass (each was an attempt stalled on the server). */
  expired = 0;
  private readonly clock = new ManualClock();
  private checkScheduled = false;
  private readonly stopListening: () => void;

  constructor(
    private readonly server: FakeServer,
    /** The LM's `timeoutMs`: how far the clock jumps when it lets the deadlines pass. */
    private readonly timeoutMs: number,
  ) {
    this.stopListening = server.onStall(() => this.scheduleCheck());
  }

  now(): number {
    return this.clock.now();
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.clock.setTimeout(callback, ms);
    this.scheduleCheck();
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.clock.clearTimeout(handle);
    this.scheduleCheck();
  }

  /** Stops watching the server. */
  dispose(): void {
    this.stopListening();
  }

  /** Checks on the next turn of the event loop, never inside the LM's own call to `setTimeout`. */
  private scheduleCheck(): void {
    if (this.checkScheduled) return;
    this.checkScheduled = true;
    setImmediate(() => {
      this.checkScheduled = false;
      const pending = this.clock.pendingTimers;
      if (pending === 0 || pending !== this.server.stalled - this.expired) return;
      this.expired += pending;
      this.clock.advance(this.timeoutMs);
    });
  }
}
