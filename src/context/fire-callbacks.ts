import type { Callback } from "./callback.js";
import type { Settings } from "./settings.js";

/** Calls `hook` on each callback; a hook that throws is logged as a warning and the others still run. */
export function fireCallbacks(settings: Settings, callbacks: readonly Callback[], hook: (callback: Callback) => void): void {
  for (const callback of callbacks) {
    try {
      hook(callback);
    } catch (error) {
      settings.logger.warn(`Error when calling callback: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
