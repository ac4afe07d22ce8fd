import { resetDefaultResponseCache } from "../clients/cache/default-response-cache.js";
import { resetSettings as resetContextSettings } from "../context/settings.js";

/**
 * Restores the default settings, clears the global history and drops the default response cache, so each test
 * starts from a fresh process state. Throws inside a `withSettings` scope.
 *
 * @example
 * afterEach(() => resetSettings());
 */
export function resetSettings(): void {
  resetContextSettings();
  resetDefaultResponseCache();
}
