import { sleep as defaultSleep } from "./sleep.js";

export interface RetryOptions {
  /** Attempts after the first one (DSPy's `num_retries`). */
  retries: number;
  /** Whether a failure may succeed on another attempt. */
  isRetryable: (error: unknown) => boolean;
  /** Milliseconds the server asked to wait (`Retry-After`), if it said. */
  retryAfterMs?: (error: unknown) => number | undefined;
  /** First backoff delay; doubles on every retry. Default 500 ms. */
  baseDelayMs?: number;
  /** Cap of the exponential backoff. Default 8 s. */
  maxDelayMs?: number;
  /** A server-requested wait longer than this is replaced by the exponential backoff. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Injected for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A source of numbers in [0, 1) for the jitter. */
  random?: () => number;
  signal?: AbortSignal;
  /** Called before each wait. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/**
 * The wait before retry number `attempt` (0-based): exponential backoff with "equal jitter" (between half and all of
 * the exponential delay), or the server's `Retry-After` when it gave one within `maxRetryAfterMs`.
 */
export function backoffDelay(attempt: number, options: Omit<RetryOptions, "retries" | "isRetryable">, error?: unknown): number {
  const requested = error === undefined ? undefined : options.retryAfterMs?.(error);
  if (requested !== undefined && requested >= 0 && requested <= (options.maxRetryAfterMs ?? 60_000)) return requested;
  const exponential = Math.min(options.maxDelayMs ?? 8_000, (options.baseDelayMs ?? 500) * 2 ** attempt);
  const random = options.random ?? Math.random;
  return exponential / 2 + (exponential / 2) * random();
}

/**
 * Runs `task` until it succeeds, fails with a non-retryable error, or runs out of retries.
 *
 * @example
 * await withRetry(() => provider.doGenerate(request), { retries: 3, isRetryable: isRetryableLMError });
 */
export async function withRetry<T>(task: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await task(attempt);
    } catch (error) {
      if (attempt >= options.retries || options.signal?.aborted || !options.isRetryable(error)) throw error;
      const delay = backoffDelay(attempt, options, error);
      options.onRetry?.(error, attempt + 1, delay);
      await sleep(delay, options.signal);
    }
  }
}
