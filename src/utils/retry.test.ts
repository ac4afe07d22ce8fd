import { describe, expect, it } from "vitest";
import { backoffDelay, withRetry } from "./retry.js";

class Flaky extends Error {
  constructor(readonly retryable: boolean, readonly after?: number) {
    super("flaky");
  }
}

describe("withRetry", () => {
  it("retries retryable failures with exponential, jittered waits and returns the first success", async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 4) throw new Flaky(true);
        return "ok";
      },
      { retries: 3, isRetryable: (e) => (e as Flaky).retryable, sleep: async (ms) => void waits.push(ms), random: () => 1, baseDelayMs: 100 },
    );
    expect(result).toBe("ok");
    expect(waits).toEqual([100, 200, 400]);
  });

  it("stops at the first non-retryable error and after the last retry", async () => {
    let calls = 0;
    await expect(
      withRetry(async () => { calls++; throw new Flaky(false); }, { retries: 5, isRetryable: (e) => (e as Flaky).retryable, sleep: async () => {} }),
    ).rejects.toThrow("flaky");
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      withRetry(async () => { calls++; throw new Flaky(true); }, { retries: 2, isRetryable: () => true, sleep: async () => {} }),
    ).rejects.toThrow("flaky");
    expect(calls).toBe(3);
  });

  it("honours the server's Retry-After unless it is longer than allowed", () => {
    const options = { retryAfterMs: (e: unknown) => (e as Flaky).after, random: () => 0, baseDelayMs: 1000 };
    expect(backoffDelay(0, options, new Flaky(true, 2500))).toBe(2500);
    expect(backoffDelay(2, options, new Flaky(true))).toBe(2000);
    expect(backoffDelay(0, { ...options, maxRetryAfterMs: 1000 }, new Flaky(true, 2500))).toBe(500);
    expect(backoffDelay(10, { maxDelayMs: 3000, random: () => 1 })).toBe(3000);
  });
});
