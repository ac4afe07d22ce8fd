/**
 * Runs `task` with a signal that aborts when the caller's signal does or after `timeoutMs` (then with a
 * `TimeoutError` reason, which providers turn into `LMTimeoutError`). Cleans up its timer and listener either way.
 */
export async function withAttemptTimeout<T>(timeoutMs: number, outer: AbortSignal | undefined, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  if (outer?.aborted) throw outer.reason;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`The LM call took longer than ${timeoutMs} ms.`, "TimeoutError")), timeoutMs);
  const onAbort = () => controller.abort(outer!.reason);
  outer?.addEventListener("abort", onAbort, { once: true });
  try {
    return await task(controller.signal);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onAbort);
  }
}
