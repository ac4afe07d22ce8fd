import type { ProgressStream } from "../../utils/progress-bar.js";

/** Where an optimizer prints its progress lines (DSPy prints them to stdout); also receives Evaluate's progress bar. */
export type OptimizerOutput = ProgressStream;

/** Python's `print(text)` on the optimizer's output (default `process.stderr`: a library keeps stdout for its user). */
export function printLine(output: OptimizerOutput | undefined, text: string): void {
  (output ?? process.stderr).write(`${text}\n`);
}
