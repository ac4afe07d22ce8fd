// The `tsdspy/otel` entry point: OpenTelemetry tracing. Needs the optional peer dependency `@opentelemetry/api`.
export { OpenTelemetryCallback, type OpenTelemetryOptions } from "./opentelemetry-callback.js";
export { instrument } from "./instrument.js";
