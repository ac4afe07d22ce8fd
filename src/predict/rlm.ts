import { parseValue } from "../adapters/parse-value.js";
import { REPL_HISTORY_TYPE, REPLHistory, formatReplOutput } from "../adapters/types/repl-history.js";
import { REPLVariable, pythonTypeName } from "../adapters/types/repl-variable.js";
import { getSettings } from "../context/settings.js";
import { ArgumentTypeError } from "../errors/argument-type-error.js";
import { CodeExecutionError } from "../errors/code-execution-error.js";
import { CodeInterpreterError } from "../errors/code-interpreter-error.js";
import { formatErrorForLm } from "../errors/format-error-for-lm.js";
import { PythonSyntaxError } from "../errors/python-syntax-error.js";
import { ValueError } from "../errors/value-error.js";
import { FinalOutput, type CodeInterpreter, type SubmitField } from "../interpreters/code-interpreter.js";
import { PythonInterpreter } from "../interpreters/pyodide/python-interpreter.js";
import type { LMLike } from "../lm/lm-like.js";
import { Module } from "../primitives/module.js";
import { Prediction } from "../primitives/prediction.js";
import { pyRepr, pyStr } from "../python/pyfmt.js";
import { InputField, OutputField } from "../signatures/field.js";
import { ensureSignature, Signature } from "../signatures/signature.js";
import { typeName } from "../signatures/type-name.js";
import type { Tool, ToolFunction } from "../tools/tool.js";
import { toolsByName } from "./agent-inputs.js";
import { interpreterTools } from "./interpreter-tools.js";
import { PredictImpl, type InputsOf, type OutputsOf } from "./predict.js";
import { rlmActionInstructions, rlmExtractInstructions } from "./rlm-instructions.js";
import { llmQueryTools } from "./rlm-llm-tools.js";
import { stripCodeFences } from "./strip-code-fences.js";
import { WarmInterpreter } from "./warm-interpreter.js";

type Fields = Record<string, any>;

/** One REPL step of the trajectory an RLM prediction carries. */
export type RLMStep = { reasoning: string; code: string; output: string };
type RLMResult<O> = O & { trajectory: RLMStep[]; final_reasoning: string };

export interface RLMOptions {
  /** The most REPL steps before the extract step answers from the history (default 20; DSPy's `max_iters`). */
  maxIterations?: number;
  /** The most `llm_query` / `llm_query_batched` prompts per call (default 50). */
  maxLlmCalls?: number;
  /** The longest output a step shows the LM; longer ones lose their middle (default 10,000 characters). */
  maxOutputChars?: number;
  /** Logs each step's reasoning and code at info level. */
  verbose?: boolean;
  /** Functions the code may call besides `llm_query`; they run in TypeScript. */
  tools?: ReadonlyArray<Tool | ToolFunction>;
  /** The LM answering `llm_query` (default: the configured LM). */
  subLm?: LMLike;
  /** Makes the interpreter the module keeps warm; it must implement `configure` (default `PythonInterpreter`). */
  interpreterFactory?: () => CodeInterpreter;
  /** The runtime description in the action prompt (default: `PythonInterpreter.executionInstructions` with the default factory, else none). */
  executionInstructions?: string;
}

/** Per-call options of `RLM.call`. */
export interface RLMCallOptions {
  /** A caller-owned interpreter implementing `configure` (not reset or shut down; not shared by overlapping calls). */
  interpreter?: CodeInterpreter;
}

const RESERVED_SANDBOX_NAMES = new Set(["llm_query", "llm_query_batched", "SUBMIT", "print"]);
const RESERVED_RESULT_NAMES = new Set(["trajectory", "final_reasoning"]);
const PY_KEYWORDS = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(" "),
);
const SIMPLE_SUBMIT_TYPES = new Set(["str", "int", "float", "bool", "none"]);

const sortedRepr = (names: Iterable<string>) => pyRepr([...names].sort());

class RLMImpl<I extends Fields = Fields, O extends Fields = Fields> extends Module<I, Prediction<RLMResult<O>>> {
  readonly signature: Signature;
  maxIterations: number;
  maxLlmCalls: number;
  maxOutputChars: number;
  verbose: boolean;
  subLm: LMLike | undefined;
  /** User tools (not `llm_query` / `llm_query_batched`). */
  readonly tools: ReadonlyMap<string, Tool>;
  /** Writes the next step's reasoning and code. */
  generate_action: PredictImpl;
  /** Answers from the REPL history when `maxIterations` steps did not SUBMIT. */
  extract: PredictImpl;
  private readonly warm: WarmInterpreter;

  constructor(signature: Signature<I, O> | string, options: RLMOptions = {}) {
    super();
    this.signature = ensureSignature(signature) as Signature;
    this.maxIterations = options.maxIterations ?? 20;
    this.maxLlmCalls = options.maxLlmCalls ?? 50;
    this.maxOutputChars = options.maxOutputChars ?? 10_000;
    this.verbose = options.verbose ?? false;
    this.subLm = options.subLm;
    this.tools = toolsByName(options.tools ?? []);
    this.checkNames();
    const executionInstructions =
      options.executionInstructions ?? (options.interpreterFactory === undefined ? PythonInterpreter.executionInstructions : "");
    this.generate_action = new PredictImpl(
      new Signature([], [], rlmActionInstructions(this.signature, this.maxLlmCalls, executionInstructions, this.tools))
        .append("variables_info", InputField({ desc: "Metadata about the variables available in the REPL" }), "str")
        .append("repl_history", InputField({ desc: "Previous REPL code executions and their outputs" }), REPL_HISTORY_TYPE)
        .append("iteration", InputField({ desc: "Current iteration number (1-indexed) out of max_iters" }), "str")
        .append("reasoning", OutputField({ desc: "Think step-by-step: what do you know? What remains? Plan your next action." }), "str")
        .append("code", OutputField({ desc: "Python code to execute. Use markdown code block format: ```python\\n<code>\\n```" }), "str"),
    );
    this.extract = new PredictImpl(
      new Signature([], Object.values(this.signature.outputFields), rlmExtractInstructions(this.signature))
        .prepend("repl_history", InputField({ desc: "Your REPL interactions so far" }), REPL_HISTORY_TYPE)
        .prepend("variables_info", InputField({ desc: "Metadata about the variables available in the REPL" }), "str"),
    );
    this.warm = new WarmInterpreter(options.interpreterFactory ?? (() => new PythonInterpreter()));
  }

  /** DSPy's `_validate_namespace`: tool names are identifiers, and no name clashes with the sandbox's or the result's. */
  private checkNames(): void {
    for (const name of this.tools.keys()) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || PY_KEYWORDS.has(name)) {
        throw new ValueError(`Invalid tool name '${name}': must be a valid Python identifier and not a keyword`);
      }
      if (RESERVED_SANDBOX_NAMES.has(name)) throw new ValueError(`Tool name '${name}' conflicts with built-in sandbox function`);
    }
    const inputs = Object.keys(this.signature.inputFields);
    const reserved = inputs.filter((n) => RESERVED_SANDBOX_NAMES.has(n));
    if (reserved.length > 0) throw new ValueError(`Input fields conflict with built-in sandbox functions: ${sortedRepr(reserved)}`);
    const clashing = inputs.filter((n) => this.tools.has(n));
    if (clashing.length > 0) throw new ValueError(`Input fields conflict with user tools: ${sortedRepr(clashing)}`);
    const results = Object.keys(this.signature.outputFields).filter((n) => RESERVED_RESULT_NAMES.has(n));
    if (results.length > 0) throw new ValueError(`Output fields conflict with RLM result metadata: ${sortedRepr(results)}`);
  }

  /** The typed `SUBMIT(...)` outputs: a Python type for simple ones (DSPy's `_get_output_fields_info`). */
  submitFields(): SubmitField[] {
    return Object.values(this.signature.outputFields).map((field) => {
      const kind = field.type.kind;
      const simple =
        SIMPLE_SUBMIT_TYPES.has(kind) || (kind === "list" && field.type.item === null) || (kind === "dict" && field.type.key === null && field.type.value === null);
      return simple ? { name: field.name, type: kind === "none" ? "NoneType" : kind } : { name: field.name };
    });
  }

  /** Shuts down the interpreter this module keeps warm. */
  shutdown(): Promise<void> {
    return this.warm.shutdown();
  }

  override async forward(inputs: I, options: RLMCallOptions = {}): Promise<Prediction<RLMResult<O>>> {
    if ("interpreter" in inputs && !("interpreter" in this.signature.inputFields)) {
      throw new ArgumentTypeError("To use a caller-owned interpreter with RLM, pass it as call(inputs, { interpreter }).");
    }
    const names = Object.keys(this.signature.inputFields);
    const unexpected = Object.keys(inputs).filter((n) => !names.includes(n));
    if (unexpected.length > 0) throw new ValueError(`Unexpected inputs not declared in the signature: ${sortedRepr(unexpected)}`);
    const missing = names.filter((n) => !(n in inputs));
    if (missing.length > 0) throw new ValueError(`Missing required inputs: ${sortedRepr(missing)}`);
    if (options.interpreter !== undefined) return this.run(inputs, options.interpreter);
    return this.warm.use((interpreter) => this.run(inputs, interpreter));
  }

  private async run(inputs: I, interpreter: CodeInterpreter): Promise<Prediction<RLMResult<O>>> {
    if (interpreter.configure === undefined) {
      throw new CodeInterpreterError("RLM needs an interpreter with configure() to expose llm_query, llm_query_batched and SUBMIT (PythonInterpreter has it).");
    }
    const inputArgs: Record<string, unknown> = { ...inputs };
    const variablesInfo = Object.entries(inputArgs).map(([name, value]) => REPLVariable.fromValue(name, value, this.signature.inputFields[name]).format());
    await interpreter.configure({
      tools: { ...llmQueryTools(this.maxLlmCalls, this.subLm), ...interpreterTools(this.tools.values()) },
      outputFields: this.submitFields(),
    });
    await interpreter.start();
    let history = new REPLHistory([], this.maxOutputChars);
    for (let i = 0; i < this.maxIterations; i++) {
      const step = await this.step(interpreter, variablesInfo, history, i, inputArgs);
      if (step instanceof Prediction) return step as Prediction<RLMResult<O>>;
      history = step;
    }
    getSettings().logger.warn("RLM reached max iterations, using extract to get final output");
    const extracted = await this.extract.call({ variables_info: variablesInfo, repl_history: history });
    const outputs = Object.fromEntries(Object.keys(this.signature.outputFields).map((n) => [n, extracted.get(n)]));
    return new Prediction({ trajectory: trajectoryOf(history), final_reasoning: "Extract forced final output", ...outputs }) as Prediction<RLMResult<O>>;
  }

  /** One REPL step: the action, its code run, and the history with the step added (or the prediction on SUBMIT). */
  private async step(interpreter: CodeInterpreter, variablesInfo: string[], history: REPLHistory, i: number, inputArgs: Record<string, unknown>): Promise<Prediction | REPLHistory> {
    const action = await this.generate_action.call({ variables_info: variablesInfo, repl_history: history, iteration: `${i + 1}/${this.maxIterations}` });
    const reasoning = pyStr(action.get("reasoning") ?? "");
    const rawCode = pyStr(action.get("code") ?? "");
    if (this.verbose) getSettings().logger.info(`RLM iteration ${i + 1}/${this.maxIterations}\nReasoning: ${reasoning}\nCode:\n${rawCode}`);
    let code = rawCode;
    let result: unknown;
    try {
      code = stripCodeFences(rawCode);
      result = await interpreter.execute(code, inputArgs);
    } catch (error) {
      if (!(error instanceof CodeExecutionError || error instanceof PythonSyntaxError)) throw error;
      result = `[Error] ${formatErrorForLm(error)}`;
    }
    if (result instanceof FinalOutput) {
      const { outputs, error } = this.parseFinal(result.output);
      if (error !== null) return history.append({ reasoning, code, output: error });
      const done = history.append({ reasoning, code, output: `FINAL: ${pyRepr(outputs)}` });
      return new Prediction({ ...outputs, trajectory: trajectoryOf(done), final_reasoning: reasoning });
    }
    let output = Array.isArray(result) ? result.map(pyStr).join("\n") : pyTruthy(result) ? pyStr(result) : "";
    if (!output) output = "(no output - did you forget to print?)";
    if (this.verbose) getSettings().logger.info(formatReplOutput(output, this.maxOutputChars));
    return history.append({ reasoning, code, output });
  }

  /** DSPy's `_process_final_output`: the submitted values parsed to the output types, or the error text the LM sees. */
  private parseFinal(raw: unknown): { outputs: Record<string, unknown>; error: null } | { outputs: null; error: string } {
    const names = Object.keys(this.signature.outputFields);
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      return { outputs: null, error: `[Error] FINAL returned ${pythonTypeName(raw)}, expected dict with fields: ${pyRepr(names)}` };
    }
    const submitted = raw as Record<string, unknown>;
    const missing = names.filter((n) => !(n in submitted));
    if (missing.length > 0) return { outputs: null, error: `[Error] Missing output fields: ${sortedRepr(missing)}. Use SUBMIT(${names.join(", ")})` };
    const outputs: Record<string, unknown> = {};
    const typeErrors: string[] = [];
    for (const name of names) {
      const type = this.signature.outputFields[name]!.type;
      try {
        outputs[name] = parseValue(submitted[name], type);
      } catch (error) {
        typeErrors.push(`${name}: expected ${typeName(type)}, got ${pythonTypeName(submitted[name])}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (typeErrors.length > 0) return { outputs: null, error: `[Type Error] ${typeErrors.join("; ")}` };
    return { outputs, error: null };
  }
}

/** Python truthiness of a value the interpreter returned. */
function pyTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === "") return false;
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) return Object.keys(value).length > 0;
  return true;
}

const trajectoryOf = (history: REPLHistory): RLMStep[] => history.entries.map((e) => ({ reasoning: e.reasoning, code: e.code, output: e.output }));

export interface RLMConstructor {
  /** A recursive language model; with a string literal signature, inputs and outputs are typed from it. */
  new <const S extends string | Signature<any, any> = Signature>(signature: S, options?: RLMOptions): RLMImpl<InputsOf<S>, OutputsOf<S>>;
  readonly prototype: RLMImpl;
}

/**
 * A recursive language model (DSPy's `dspy.RLM`): the inputs live as variables in a Python REPL instead of the
 * prompt; each step the LM sees their previews and the REPL history, writes code that explores them — calling a
 * sub-LM with `llm_query(prompt)` / `llm_query_batched(prompts)` (at most `maxLlmCalls` prompts per call) — and
 * ends with `SUBMIT(...)`; after `maxIterations` steps without it, `extract` answers from the history.
 *
 * @example
 * const rlm = new RLM("context, query -> answer", { maxIterations: 10, subLm: cheapLm });
 * const { answer, trajectory } = await rlm.call({ context: longText, query: "What is the vault code?" });
 * await rlm.shutdown();
 */
export const RLM = RLMImpl as unknown as RLMConstructor;
export type RLM<I extends Fields = Fields, O extends Fields = Fields> = RLMImpl<I, O>;
export { RLMImpl };
