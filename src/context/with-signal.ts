import { AbortError } from "../errors/abort-error.js";
import { getSettings, withSettings } from "./settings.js";

/**
 * The signal in force here combined with `signal`: the scope's own (from an enclosing call's `signal` option or
 * `withSignal`), `signal`, or both (aborting either aborts it). `null` when there is none.
 */
export function activeSignal(signal?: AbortSignal | null): AbortSignal | null {
  const outer = getSettings().signal;
  if (!signal || signal === outer) return outer;
  if (!outer) return signal;
  return AbortSignal.any([outer, signal]);
}

/**
 * Runs `fn` so that aborting `signal` cancels everything it calls (LM requests, module calls, evaluations,
 * optimizers), together with any signal already in force. Calls made inside reject with `AbortError`.
 *
 * @example
 * const controller = new AbortController();
 * const pending = withSignal(controller.signal, () => program.call({ question }));
 * controller.abort();
 */
export function withSignal<T>(signal: AbortSignal | null | undefined, fn: () => T): T {
  if (!signal) return fn();
  return withSettings({ signal: activeSignal(signal) }, fn);
}

/**
 * Rethrows `error` when the scope's signal was aborted (or it is an `AbortError`): for code that catches failures
 * to carry on (a failed example, a failed attempt), so that a cancellation is never taken for one.
 */
export function rethrowIfCancelled(error: unknown): void {
  if (error instanceof AbortError || getSettings().signal?.aborted) throw error;
}
