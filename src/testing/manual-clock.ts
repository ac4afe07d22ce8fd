import type { Clock } from "../utils/clock.js";

interface Timer {
  id: number;
  due: number;
  callback: () => void;
}

/**
 * A clock that moves only when told to: `advance(ms)` fires the timers that fall due, in order. For testing
 * progress output and timeouts without waiting.
 *
 * @example
 * const clock = new ManualClock();
 * const fired: number[] = [];
 * clock.setTimeout(() => fired.push(clock.now()), 1000);
 * clock.advance(1000); // fired is [1000]
 */
export class ManualClock implements Clock {
  #now: number;
  #nextId = 1;
  #timers: Timer[] = [];

  constructor(start = 0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): number {
    const id = this.#nextId++;
    this.#timers.push({ id, due: this.#now + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers = this.#timers.filter((timer) => timer.id !== handle);
  }

  /** Timers not yet fired. */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** Moves time forward by `ms`, firing due timers (earliest first, including ones they schedule). */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      const next = this.#timers.filter((t) => t.due <= target).sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!next) break;
      this.#timers = this.#timers.filter((t) => t !== next);
      this.#now = next.due;
      next.callback();
    }
    this.#now = target;
  }
}
