/** Where tsdspy writes warnings and progress lines; set `logger` in settings to capture or silence them. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Warnings and errors to stderr; info and debug are dropped (DSPy's default logging level is WARNING). */
export const consoleLogger: Logger = Object.freeze({
  debug: () => {},
  info: () => {},
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
});

/** A logger that drops everything. */
export const silentLogger: Logger = Object.freeze({ debug: () => {}, info: () => {}, warn: () => {}, error: () => {} });
