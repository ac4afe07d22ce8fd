import type { CodeInterpreter, InterpreterTool, SubmitField } from "./code-interpreter.js";

/**
 * Test helper: borrows one real interpreter (a test file starts Pyodide once and shuts it down in `afterAll`) and
 * records the code each run executes, so a replay can compare it with what DSPy executed. `shutdown()` leaves the
 * borrowed interpreter running.
 */
export class RecordingInterpreter implements CodeInterpreter {
  readonly executed: string[] = [];

  constructor(private readonly inner: CodeInterpreter) {}

  get tools(): ReadonlyMap<string, InterpreterTool> {
    return this.inner.tools;
  }

  start(): Promise<void> {
    return this.inner.start();
  }

  configure(options: { tools?: Readonly<Record<string, InterpreterTool>>; outputFields?: ReadonlyArray<SubmitField> }): Promise<void> {
    return this.inner.configure ? this.inner.configure(options) : Promise.resolve();
  }

  execute(code: string, variables?: Readonly<Record<string, unknown>>): Promise<unknown> {
    this.executed.push(code);
    return this.inner.execute(code, variables);
  }

  reset(): Promise<void> {
    return this.inner.reset ? this.inner.reset() : Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
