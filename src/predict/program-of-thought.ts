import { getSettings } from "../context/settings.js";
import { CodeExecutionError } from "../errors/code-execution-error.js";
import { ProgramOfThoughtError } from "../errors/program-of-thought-error.js";
import { PythonSyntaxError } from "../errors/python-syntax-error.js";
import { FinalOutput, type CodeInterpreter } from "../interpreters/code-interpreter.js";
import { PythonInterpreter } from "../interpreters/pyodide/python-interpreter.js";
import { Module } from "../primitives/module.js";
import type { Prediction } from "../primitives/prediction.js";
import { pyJsonDumps } from "../python/pyfmt.js";
import { InputField, OutputField } from "../signatures/field.js";
import { ensureSignature, Signature } from "../signatures/signature.js";
import { ChainOfThoughtImpl } from "./chain-of-thought.js";
import type { InputsOf, OutputsOf } from "./predict.js";
import { WarmInterpreter } from "./warm-interpreter.js";

type Fields = Record<string, any>;
type Mode = "generate" | "regenerate" | "answer";

export interface ProgramOfThoughtOptions {
  /** Attempts at code that runs, the first included (default 3). */
  maxIters?: number;
  /** Makes the interpreter the module keeps warm (default: `new PythonInterpreter()`, which needs `pyodide`). */
  interpreterFactory?: () => CodeInterpreter;
}

/** Per-call options of `ProgramOfThought.call`. */
export interface ProgramOfThoughtCallOptions {
  /** A caller-owned interpreter for this call (not reset, not shut down; DSPy's positional `interpreter`). */
  interpreter?: CodeInterpreter;
}

const quoted = (names: string[]) => names.map((n) => `\`${n}\``).join(", ");

/**
 * The group of DSPy's `` ```python[ \n](.*?)[ \n]```? `` (DOTALL) search. Only the first `` ```python `` followed by a
 * space or newline can match: a later one would need its closing `` `` `` later still. So one scan finds the same
 * group in linear time (the regex retried every opening fence to the end of the text).
 */
function pythonFenceBody(text: string): string | null {
  const open = /```python[ \n]/.exec(text);
  if (!open) return null;
  const close = /[ \n]``/g;
  close.lastIndex = open.index + open[0].length;
  const end = close.exec(text);
  return end ? text.slice(open.index + open[0].length, end.index) : null;
}

/** DSPy's `_parse_code`: the fenced block (or the text), `---`/blank-line tails cut, a final `x = …` echoed as `x`. */
export function parseGeneratedCode(generated: unknown): { code: string; error: string | null } {
  const text = (typeof generated === "string" ? generated : "").split("---")[0]!.split("\n\n\n")[0]!;
  let block = pythonFenceBody(text) ?? text;
  if (!block) return { code: text, error: "Error: Empty code after parsing." };
  if (!block.includes("\n") && block.split("=").length - 1 > 1) return { code: text, error: "Error: Code format is not correct." };
  const lines = block.split("\n");
  const assigned = /^([\p{L}\p{N}_]+)\s*=/u.exec(lines[lines.length - 1]!.trim());
  if (assigned && lines.length > 1) block += `\n${assigned[1]}`;
  return { code: block, error: null };
}

class ProgramOfThoughtImpl<I extends Fields = Fields, O extends Fields = Fields> extends Module<I, Prediction<O & { reasoning: string }>> {
  readonly signature: Signature;
  maxIters: number;
  /** Writes the first program. */
  code_generate: ChainOfThoughtImpl;
  /** Rewrites a program that failed, given its code and error. */
  code_regenerate: ChainOfThoughtImpl;
  /** Reads the outputs off the final program and what it returned. */
  generate_output: ChainOfThoughtImpl;
  private readonly warm: WarmInterpreter;

  constructor(signature: Signature<I, O> | string, options: ProgramOfThoughtOptions = {}) {
    super();
    this.signature = ensureSignature(signature) as Signature;
    this.maxIters = options.maxIters ?? 3;
    this.code_generate = new ChainOfThoughtImpl(this.modeSignature("generate"));
    this.code_regenerate = new ChainOfThoughtImpl(this.modeSignature("regenerate"));
    this.generate_output = new ChainOfThoughtImpl(this.modeSignature("answer"));
    this.warm = new WarmInterpreter(options.interpreterFactory ?? (() => new PythonInterpreter()));
  }

  /** DSPy's `_generate_signature(mode)` with `_generate_instruction(mode)`. */
  private modeSignature(mode: Mode): Signature {
    let sig = new Signature(Object.values(this.signature.inputFields), [], "");
    if (mode === "generate") sig = sig.append("generated_code", OutputField({ desc: "python code that answers the question" }), "str");
    else if (mode === "regenerate") {
      sig = sig
        .append("previous_code", InputField({ desc: "previously-generated python code that errored" }), "str")
        .append("error", InputField({ desc: "error message from previously-generated python code" }), "str")
        .append("generated_code", OutputField({ desc: "python code that answers the question" }), "str");
    } else {
      sig = sig
        .append("final_generated_code", InputField({ desc: "python code that answers the question" }), "str")
        .append("code_output", InputField({ desc: "output of previously-generated python code" }), "str");
      sig = new Signature(Object.values(sig.inputFields), Object.values(this.signature.outputFields), "");
    }
    const inputs = quoted(Object.keys(sig.inputFields));
    const outputs = quoted(Object.keys(sig.outputFields));
    const finals = quoted(Object.keys(this.signature.outputFields));
    const instructions =
      mode === "generate"
        ? [
            `You will be given ${inputs} and you will respond with ${outputs}.`,
            `Generating executable Python code that programmatically computes the correct ${outputs}.`,
            "After you're done with the computation and think you have the final output, make sure to submit your output by calling the preloaded function `SUBMIT()`.",
            `You must structure your output in a dict, like {"field_a": value_a, ...}, with the correct value mapping for the field(s): ${finals}.`,
          ]
        : mode === "regenerate"
          ? [`You are given ${inputs} due to an error in previous code.`, "Your task is to correct the error and provide the new `generated_code`."]
          : [`Given the final code ${inputs}, provide the final ${outputs}.`];
    return sig.withInstructions(instructions.join("\n"));
  }

  /** Shuts down the interpreter this module keeps warm. */
  shutdown(): Promise<void> {
    return this.warm.shutdown();
  }

  override forward(inputs: I, options: ProgramOfThoughtCallOptions = {}): Promise<Prediction<O & { reasoning: string }>> {
    if (options.interpreter !== undefined) return this.run(inputs, options.interpreter);
    return this.warm.use((interpreter) => this.run(inputs, interpreter));
  }

  private async run(inputs: I, interpreter: CodeInterpreter): Promise<Prediction<O & { reasoning: string }>> {
    const logger = getSettings().logger;
    const inputArgs: Record<string, unknown> = Object.fromEntries(Object.keys(this.signature.inputFields).map((k) => [k, inputs[k]]));
    let { code, error } = parseGeneratedCode((await this.code_generate.call(inputArgs)).generated_code);
    let output: string | null = null;
    if (error === null) ({ output, error } = await executeCode(code, interpreter));
    let hop = 1;
    while (error !== null) {
      logger.error(`Error in code execution: ${error}`);
      if (hop === this.maxIters) throw new ProgramOfThoughtError(`Max hops reached. Failed to run ProgramOfThought: ${error}`);
      Object.assign(inputArgs, { previous_code: code, error });
      ({ code, error } = parseGeneratedCode((await this.code_regenerate.call(inputArgs)).generated_code));
      if (error === null) ({ output, error } = await executeCode(code, interpreter));
      hop += 1;
    }
    Object.assign(inputArgs, { final_generated_code: code, code_output: output });
    return (await this.generate_output.call(inputArgs)) as Prediction<O & { reasoning: string }>;
  }
}

/** DSPy's `_execute_code`: the result as `json.dumps` text, or the error text the LM sees. */
export async function executeCode(code: string, interpreter: CodeInterpreter): Promise<{ output: string | null; error: string | null }> {
  if (!code) return { output: null, error: "Error: Empty code before execution." };
  try {
    let result = await interpreter.execute(code);
    if (result instanceof FinalOutput) result = result.output;
    return { output: pyJsonDumps(result), error: null };
  } catch (error) {
    if (error instanceof CodeExecutionError || error instanceof PythonSyntaxError) return { output: null, error: error.message };
    throw error;
  }
}

export interface ProgramOfThoughtConstructor {
  /** Code-writing reasoning; with a string literal signature, inputs and outputs are typed from it. */
  new <const S extends string | Signature<any, any> = Signature>(
    signature: S,
    options?: ProgramOfThoughtOptions,
  ): ProgramOfThoughtImpl<InputsOf<S>, OutputsOf<S>>;
  readonly prototype: ProgramOfThoughtImpl;
}

/**
 * Answers by writing Python and running it (DSPy's `dspy.ProgramOfThought`): `code_generate` writes a program, a
 * program that fails goes back with its error to `code_regenerate` (up to `maxIters` attempts in all), and
 * `generate_output` reads the outputs off the final code and its result. The code runs in a `PythonInterpreter`
 * (Pyodide, kept warm and reset between calls) unless you pass `interpreterFactory` or a per-call `interpreter`.
 *
 * @example
 * const pot = new ProgramOfThought("question -> answer");
 * const { answer } = await pot.call({ question: "What is 17 * 23 - 4?" });
 * await pot.shutdown();
 */
export const ProgramOfThought = ProgramOfThoughtImpl as unknown as ProgramOfThoughtConstructor;
export type ProgramOfThought<I extends Fields = Fields, O extends Fields = Fields> = ProgramOfThoughtImpl<I, O>;
export { ProgramOfThoughtImpl };
