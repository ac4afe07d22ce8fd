import type { Logger } from "../../context/logger.js";
import { getSettings } from "../../context/settings.js";

/**
 * Where an optimizer logs its progress: the `logger` it was given, else the settings' logger (by default standard
 * error, info included, as DSPy's optimizers log progress at INFO). Never standard output.
 */
export function resolveOptimizerLogger(logger: Logger | null | undefined): Logger {
  return logger ?? getSettings().logger;
}
