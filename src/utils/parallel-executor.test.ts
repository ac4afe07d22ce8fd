import { AsyncLocalStorage } from "node:async_hooks";
import { describe, expect, it, vi } from "vitest";
import { AbortError } from "../errors/abort-error.js";
import { ExecutionCancelledError } from "../errors/execution-cancelled-error.js";
import { ManualClock } from "../testing/manual-clock.js";
import { ParallelExecutor, type ParallelExecutorOptions } from "./parallel-executor.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recordingLogger() {
  const errors: string[] = [];
  const warnings: string[] = [];
  return { errors, warnings, logger: { error: (m: string) => errors.push(m), warn: (m: string) => warnings.push(m) } };
}

function executor(options: Partial<ParallelExecutorOptions> = {}) {
  const log = recordingLogger();
  const ex = new ParallelExecutor({
    numThreads: 3,
    maxErrors: 10,
    provideTraceback: false,
    logger: log.logger,
    disableProgressBar: true,
    ...options,
  });
  return { ex, ...log };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run. */
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("ParallelExecutor", () => {
  it("returns results in input order, whatever order items finish in", async () => {
    const { ex } = executor({ numThreads: 4 });
    const delays = [9, 1, 6, 0, 4, 2, 8, 3];
    const results = await ex.execute(async (ms: number) => {
      await sleep(ms);
      return ms * 2;
    }, delays);
    expect(results).toEqual(delays.map((d) => d * 2));
  });

  it("keeps at most numThreads items in flight", async () => {
    const { ex } = executor({ numThreads: 3 });
    let inFlight = 0;
    let peak = 0;
    await ex.execute(async (i: number) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await sleep(i % 3);
      inFlight--;
    }, Array.from({ length: 20 }, (_, i) => i));
    expect(peak).toBe(3);
  });

  it("runs tasks in the caller's async context", async () => {
    const store = new AsyncLocalStorage<string>();
    const { ex } = executor({ numThreads: 2 });
    const seen = await store.run("outer", () =>
      ex.execute(async (i: number) => {
        await sleep(1);
        return `${i}:${store.getStore()}`;
      }, [0, 1, 2, 3]),
    );
    expect(seen).toEqual(["0:outer", "1:outer", "2:outer", "3:outer"]);
  });

  it("gives failed items null, records indices and exceptions, and logs DSPy's line", async () => {
    const { ex, errors } = executor({ maxErrors: 3 });
    const results = await ex.execute(async (item: number) => {
      if (item === 3) throw new TypeError("test error for 3");
      if (item === 5) throw new RangeError("test error for 5");
      return item;
    }, [1, 2, 3, 4, 5]);
    expect(results).toEqual([1, 2, null, 4, null]);
    expect([...ex.failedIndices].sort()).toEqual([2, 4]);
    expect(ex.exceptions.get(2)).toBeInstanceOf(TypeError);
    expect(String((ex.exceptions.get(4) as Error).message)).toBe("test error for 5");
    expect(errors.sort()).toEqual([
      "Error for 3: test error for 3. Set `provideTraceback: true` to log the stack trace.",
      "Error for 5: test error for 5. Set `provideTraceback: true` to log the stack trace.",
    ]);
  });

  it("logs the stack with provideTraceback", async () => {
    const { ex, errors } = executor({ provideTraceback: true });
    await ex.execute(() => {
      throw new Error("boom");
    }, ["item"]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Error for item: boom\nError: boom\n\s+at /);
  });

  it("cancels when maxErrors is reached: no new item starts, and it rejects with DSPy's message", async () => {
    const { ex, warnings } = executor({ numThreads: 2, maxErrors: 2 });
    const started: number[] = [];
    const run = ex.execute(async (item: number) => {
      started.push(item);
      await sleep(1);
      throw new Error(`bad ${item}`);
    }, [0, 1, 2, 3, 4, 5]);
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecutionCancelledError);
    expect((error as Error).message).toBe("Execution cancelled due to errors or interruption.");
    expect((error as ExecutionCancelledError).failedIndices.sort()).toEqual([0, 1]);
    await sleep(5);
    // item 0's failure freed a slot for item 2; item 1's failure (the second) stopped everything
    expect(started).toEqual([0, 1, 2]);
    expect(warnings).toEqual(["Execution cancelled due to errors or interruption."]);
  });

  it("cancels when the last item's failure reaches maxErrors (as DSPy does)", async () => {
    const { ex } = executor({ maxErrors: 1 });
    await expect(
      ex.execute(async (item: number) => {
        if (item === 2) throw new Error("last");
        return item;
      }, [0, 1, 2]),
    ).rejects.toThrow("Execution cancelled due to errors or interruption.");
  });

  it("cancels on abort", async () => {
    const controller = new AbortController();
    const { ex } = executor({ signal: controller.signal });
    const gate = deferred<void>();
    const run = ex.execute(async () => gate.promise, [1, 2]);
    controller.abort(new Error("user stop"));
    await expect(run).rejects.toBeInstanceOf(AbortError);
    await expect(run).rejects.toThrow("The parallel run (0 of 2 items finished) was cancelled: its AbortSignal was aborted (user stop).");
    gate.resolve();
  });

  it("resolves an empty list at once", async () => {
    const { ex } = executor();
    expect(await ex.execute(async (x: number) => x, [])).toEqual([]);
  });

  it("starts a duplicate of a straggler once few items remain; the first attempt to finish wins", async () => {
    const clock = new ManualClock();
    const { ex } = executor({ numThreads: 4, timeout: 10, stragglerLimit: 2, clock });
    const attempts: Array<{ item: number; gate: ReturnType<typeof deferred<string>>; signal: AbortSignal }> = [];
    const run = ex.execute((item: number, { signal }) => {
      const gate = deferred<string>();
      attempts.push({ item, gate, signal });
      return gate.promise;
    }, [0, 1, 2, 3]);
    await flush();
    expect(attempts.map((a) => a.item)).toEqual([0, 1, 2, 3]);
    clock.advance(3_000);
    attempts[0]?.gate.resolve("a0");
    await flush();
    // 3 remain (> stragglerLimit): no timer yet, so nothing is duplicated however long they run
    clock.advance(20_000);
    await flush();
    expect(attempts).toHaveLength(4);
    attempts[1]?.gate.resolve("a1");
    await flush();
    // 2 remain: items 2 and 3 have run 23 s >= 10 s, so each gets exactly one duplicate
    expect(clock.pendingTimers).toBe(1);
    clock.advance(0);
    await flush();
    expect(attempts.map((a) => a.item)).toEqual([0, 1, 2, 3, 2, 3]);
    clock.advance(60_000);
    await flush();
    expect(attempts).toHaveLength(6);
    attempts[4]?.gate.resolve("duplicate 2");
    await flush();
    expect(attempts[2]?.signal.aborted).toBe(true);
    attempts[2]?.gate.resolve("original 2");
    attempts[3]?.gate.resolve("original 3");
    expect(await run).toEqual(["a0", "a1", "duplicate 2", "original 3"]);
    expect(attempts[5]?.signal.aborted).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });

  it("wakes exactly when the oldest remaining attempt reaches the timeout", async () => {
    const clock = new ManualClock();
    const { ex } = executor({ numThreads: 2, timeout: 5, stragglerLimit: 3, clock });
    const store = new AsyncLocalStorage<string>();
    const calls: string[] = [];
    const gates: Array<ReturnType<typeof deferred<number>>> = [];
    const run = store.run("caller", () =>
      ex.execute((item: number) => {
        calls.push(`${item}:${store.getStore()}`);
        const gate = deferred<number>();
        gates.push(gate);
        return gate.promise;
      }, [7]),
    );
    await flush();
    clock.advance(4_999);
    await flush();
    expect(calls).toEqual(["7:caller"]);
    clock.advance(1); // fired from outside the caller's context: the duplicate still runs inside it
    await flush();
    expect(calls).toEqual(["7:caller", "7:caller"]);
    gates[0]?.resolve(1);
    expect(await run).toEqual([1]);
  });

  it("shows the running average score with compareResults (successes only)", async () => {
    const clock = new ManualClock();
    const chunks: string[] = [];
    const { ex } = executor({
      numThreads: 1,
      compareResults: true,
      disableProgressBar: false,
      clock,
      stream: { isTTY: true, write: (t: string) => chunks.push(t) },
    });
    await ex.execute(async (item: number) => {
      clock.advance(250);
      if (item === 9) throw new Error("no");
      return [item, item > 1] as const;
    }, [1, 2, 3, 9]);
    expect(chunks.slice(-2)).toEqual(["\rAverage Metric: 2.00 / 3 (66.7%): 100%|██████████| 4/4 [00:01<00:00,  4.00it/s]", "\n"]);
  });

  it("counts processed items without compareResults", async () => {
    const chunks: string[] = [];
    const { ex } = executor({ disableProgressBar: false, stream: { isTTY: true, write: (t: string) => chunks.push(t) } });
    await ex.execute(async (x: number) => x, [1, 2, 3, 4]);
    expect(chunks.at(-2)).toMatch(/^\rProcessed 4 \/ 4 examples: 100%\|██████████\| 4\/4 \[00:00<00:00, /);
  });

  it("draws nothing without a stream, and nothing per item on a stream that is not a terminal", async () => {
    const piped: string[] = [];
    const { ex } = executor({ disableProgressBar: false, stream: { isTTY: false, write: (t: string) => piped.push(t) } });
    expect(await ex.execute(async (x: number) => x, [1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
    expect(piped).toEqual([]);
    const stdout = vi.spyOn(process.stdout, "write");
    const stderr = vi.spyOn(process.stderr, "write");
    try {
      await executor({ disableProgressBar: false }).ex.execute(async (x: number) => x, [1, 2]);
      expect(stdout).not.toHaveBeenCalled();
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });

  it("rejects with the error when its own logging fails, instead of leaving an unhandled rejection", async () => {
    const broken = new Error("logger is broken");
    const { ex } = executor({
      logger: {
        error: () => {
          throw broken;
        },
        warn: () => {},
      },
    });
    await expect(
      ex.execute(async () => {
        throw new Error("task");
      }, [1]),
    ).rejects.toBe(broken);
  });

  it("rejects a non-positive numThreads", () => {
    expect(() => executor({ numThreads: 0 })).toThrow("numThreads must be a positive integer, got 0.");
  });
});
