import { ValueError } from "../errors/value-error.js";

/** Two splits share examples. */
export class SplitLeakageError extends ValueError {
  readonly overlap: string[];
  constructor(overlap: string[], message: string) {
    super(message);
    this.name = "SplitLeakageError";
    this.overlap = overlap;
  }
}
