import { DSPyError } from "./dspy-error.js";

/**
 * A tsdspy project is not usable as it is: its project file (`tsdspy.config.ts`), its data, its run directory or an
 * artifact. The message names the file and what to change; `file` is that file when there is one.
 */
export class ProjectError extends DSPyError {
  readonly file: string | null;

  constructor(message: string, options: { file?: string | null; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ProjectError";
    this.file = options.file ?? null;
  }
}
