import { getSettings } from "../../context/settings.js";
import type { ProgressStream } from "../../utils/progress-bar.js";

/**
 * Where an optimizer writes its progress lines and progress bars instead of the settings' logger (DSPy prints them to
 * standard output; tsdspy writes only to the stream the caller gives here).
 */
export type OptimizerOutput = ProgressStream;

/** One of DSPy's `print(text)` lines of an optimizer: to `output` when given, else the settings' logger (`info`). */
export function printLine(output: OptimizerOutput | undefined, text: string): void {
  if (output) output.write(`${text}\n`);
  else getSettings().logger.info(text);
}

/** Where an optimizer draws a progress bar: its `output` when given, else the settings' logger's progress stream. */
export function progressStream(output: OptimizerOutput | undefined): ProgressStream | undefined {
  return output ?? getSettings().logger.progress;
}
