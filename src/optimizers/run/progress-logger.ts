import { consoleLogger, type Logger } from "../../context/logger.js";
import { getSettings } from "../../context/settings.js";

/** Progress, warnings and errors to standard error; debug lines are dropped. */
export const stderrLogger: Logger = Object.freeze({
  debug: () => {},
  info: (message: string) => void process.stderr.write(`${message}\n`),
  warn: (message: string) => void process.stderr.write(`${message}\n`),
  error: (message: string) => void process.stderr.write(`${message}\n`),
});

/**
 * Where an optimizer logs its progress: the `logger` it was given, else a logger set in settings, else standard
 * error (info included, as DSPy's optimizers log progress at INFO). Never standard output.
 */
export function resolveOptimizerLogger(logger: Logger | null | undefined): Logger {
  if (logger) return logger;
  const configured = getSettings().logger;
  return configured === consoleLogger ? stderrLogger : configured;
}
