import type { Logger } from "../../context/logger.js";
import type { ProgressStream } from "../../utils/progress-bar.js";
import type { OptimizerOutput } from "../shared/print-line.js";

/**
 * Where an optimizer's DSPy-style lines go: its `output` stream when given, else its logger's `info` (so an optimizer's
 * own `logger` option also silences them).
 */
export function optimizerLines(output: OptimizerOutput | undefined, logger: Logger): OptimizerOutput {
  return output ?? { write: (text: string) => void logger.info(text.endsWith("\n") ? text.slice(0, -1) : text) };
}

/** Where an optimizer's progress bars go: its `output` stream when given, else its logger's progress stream (if any). */
export function optimizerProgress(output: OptimizerOutput | undefined, logger: Logger): ProgressStream | undefined {
  return output ?? logger.progress;
}
