import type { CodeInterpreter } from "../interpreters/code-interpreter.js";

/**
 * One interpreter a module creates on first use and keeps warm: each program runs alone on it, after a `reset()`
 * that forgets the previous program's names (DSPy creates a fresh interpreter per call; a Pyodide cold start takes
 * seconds, so tsdspy reuses one). Copies of the module share it.
 */
export class WarmInterpreter {
  private interpreter: CodeInterpreter | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly create: () => CodeInterpreter) {}

  /** Runs `program` with the interpreter to itself, after the previous program has finished. */
  use<T>(program: (interpreter: CodeInterpreter) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      this.interpreter ??= this.create();
      await this.interpreter.reset?.();
      return program(this.interpreter);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Shuts the interpreter down (a later `use` starts a new one). */
  async shutdown(): Promise<void> {
    await this.queue;
    const interpreter = this.interpreter;
    this.interpreter = null;
    await interpreter?.shutdown();
  }
}
