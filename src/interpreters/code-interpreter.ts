/** A host function that sandboxed code can call by name with keyword arguments (DSPy's interpreter `tools`). */
export interface InterpreterTool {
  /** The Python parameters of the wrapper function: names in order, a simple type and a JSON default when known. */
  readonly parameters?: ReadonlyArray<InterpreterToolParameter>;
  /** Runs the tool with the keyword arguments the Python code passed. */
  call(kwargs: Record<string, unknown>): unknown;
}

/** One parameter of a tool's Python wrapper (`name: type = default`). */
export interface InterpreterToolParameter {
  readonly name: string;
  /** One of Python's simple types: `str`, `int`, `float`, `bool`, `list`, `dict`, `NoneType`. */
  readonly type?: string;
  /** A JSON value; absent means the parameter is required. */
  readonly default?: unknown;
}

/** One output of a typed `SUBMIT(...)` (DSPy's `output_fields` entries). */
export interface SubmitField {
  readonly name: string;
  readonly type?: string;
}

/** What `execute` returns when the code called `SUBMIT(...)`: the submitted values (DSPy's `FinalOutput`). */
export class FinalOutput {
  constructor(readonly output: unknown) {}
}

/**
 * A code execution environment with state kept across `execute` calls (DSPy's `CodeInterpreter` protocol).
 * `execute` resolves to a `FinalOutput` when the code called `SUBMIT`, otherwise to the value of the code's last
 * expression or, when that is `None`, its captured stdout; it rejects with `CodeExecutionError` (recoverable),
 * `PythonSyntaxError`, or `CodeInterpreterError` (the session is unusable).
 */
export interface CodeInterpreter {
  /** The host functions the code can call. */
  readonly tools: ReadonlyMap<string, InterpreterTool>;
  /** Starts the sandbox now instead of on the first `execute` (idempotent). */
  start(): Promise<void>;
  /** Runs `code` with `variables` defined as top-level names first. */
  execute(code: string, variables?: Readonly<Record<string, unknown>>): Promise<unknown>;
  /**
   * Adds host tools (replacing those of the same name) and sets the outputs of a typed `SUBMIT(...)`, forgetting the
   * names earlier runs defined (optional; RLM calls it before each run, as DSPy's RLM updates `tools` and
   * `output_fields`).
   */
  configure?(options: { tools?: Readonly<Record<string, InterpreterTool>>; outputFields?: ReadonlyArray<SubmitField> }): Promise<void>;
  /** Forgets the names earlier runs defined, keeping the warm sandbox (optional; modules call it between programs). */
  reset?(): Promise<void>;
  /** Releases the sandbox; the interpreter cannot be used afterwards. */
  shutdown(): Promise<void>;
}
