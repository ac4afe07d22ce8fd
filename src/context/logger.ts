import type { ProgressStream } from "../utils/progress-bar.js";

/**
 * Where tsdspy writes its warnings, summary lines and progress bars; set `logger` in settings to capture or silence
 * them (`configure({ logger: silentLogger })` silences everything, like DSPy's `disable_logging()`).
 */
export interface Logger {
  debug(message: string): void;
  /** Summary lines: Evaluate's `Average Metric`, an optimizer's progress lines and candidate scores. */
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /**
   * Where live progress bars are drawn. A terminal gets a bar redrawn in place; any other stream only a line every
   * half minute of a long run. Without one, no bars are drawn.
   */
  readonly progress?: ProgressStream | undefined;
}

/**
 * The default logger: everything goes to standard error, never standard output — info, warnings and errors as lines,
 * progress bars live when standard error is a terminal. Debug lines are dropped (DSPy logs at INFO level).
 */
export const consoleLogger: Logger = Object.freeze({
  debug: () => {},
  info: (message: string) => void process.stderr.write(`${message}\n`),
  warn: (message: string) => void process.stderr.write(`${message}\n`),
  error: (message: string) => void process.stderr.write(`${message}\n`),
  get progress(): ProgressStream {
    return process.stderr;
  },
});

/** A logger that drops everything, progress bars included. */
export const silentLogger: Logger = Object.freeze({ debug: () => {}, info: () => {}, warn: () => {}, error: () => {} });
