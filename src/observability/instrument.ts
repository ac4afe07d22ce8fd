import { configure, getSettings } from "../context/settings.js";
import { OpenTelemetryCallback, type OpenTelemetryOptions } from "./opentelemetry-callback.js";

/**
 * Adds an `OpenTelemetryCallback` to the process-wide callbacks and returns it: from then on every module call, LM
 * request, tool call, evaluation and optimizer run is traced.
 *
 * @example
 * import { instrument } from "tsdspy/otel";
 * instrument({ captureContent: false });
 */
export function instrument(options: OpenTelemetryOptions = {}): OpenTelemetryCallback {
  const callback = new OpenTelemetryCallback(options);
  configure({ callbacks: [...getSettings().callbacks, callback] });
  return callback;
}
