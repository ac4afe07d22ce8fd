import { getSettings } from "../context/settings.js";
import { ContextWindowExceededError } from "../errors/lm-errors.js";
import type { CodeInterpreter } from "../interpreters/code-interpreter.js";
import { PythonInterpreter } from "../interpreters/pyodide/python-interpreter.js";
import { Module } from "../primitives/module.js";
import { Prediction } from "../primitives/prediction.js";
import { InputField, OutputField } from "../signatures/field.js";
import { ensureSignature, Signature } from "../signatures/signature.js";
import type { Tool, ToolFunction } from "../tools/tool.js";
import { agentInputs, toolsByName } from "./agent-inputs.js";
import { ChainOfThoughtImpl } from "./chain-of-thought.js";
import { interpreterTools } from "./interpreter-tools.js";
import { PredictImpl, type InputsOf, type OutputsOf } from "./predict.js";
import { executeCode, parseGeneratedCode } from "./program-of-thought.js";
import { formatTrajectory, truncateTrajectory, type Trajectory } from "./react-trajectory.js";
import { WarmInterpreter } from "./warm-interpreter.js";

type Fields = Record<string, any>;

export interface CodeActOptions {
  /** Functions the generated code may call; they run in TypeScript, called from Python by name. */
  tools: ReadonlyArray<Tool | ToolFunction>;
  /** The most code steps per run (default 5); `call(inputs, { maxIters })` overrides it per call. */
  maxIters?: number;
  /** Makes the interpreter the module keeps warm, given the tools as host functions (default: `PythonInterpreter`). */
  interpreterFactory?: (tools: ReturnType<typeof interpreterTools>) => CodeInterpreter;
}

/** Per-call options of `CodeAct.call`. */
export interface CodeActCallOptions {
  maxIters?: number;
  /** A caller-owned interpreter exposing the tools (`interpreterTools(codeAct.tools.values())`); not reset or shut down. */
  interpreter?: CodeInterpreter;
}

/** DSPy's CodeAct instructions: the task, the protocol, and the numbered tools. */
function codeActInstructions(base: Signature, tools: ReadonlyMap<string, Tool>): string {
  const inputs = Object.keys(base.inputFields).map((k) => `\`${k}\``).join(", ");
  const outputs = Object.keys(base.outputFields).map((k) => `\`${k}\``).join(", ");
  const instr = base.instructions ? [`${base.instructions}\n`] : [];
  instr.push(
    `You are an intelligent agent. For each episode, you will receive the fields ${inputs} as input.\n` +
      `Your goal is to generate executable Python code that collects any necessary information for producing ${outputs}.\n` +
      "For each iteration, you will generate a code snippet that either solves the task or progresses towards the solution.\n" +
      "Ensure any output you wish to extract from the code is printed to the console. The code should be enclosed in a fenced code block.\n" +
      `When all information for producing the outputs (${outputs}) are available to be extracted, mark \`finished=True\` besides the final Python code.\n` +
      "You have access to the Python Standard Library and the following functions:",
  );
  [...tools.values()].forEach((tool, idx) => instr.push(`(${idx + 1}) ${tool.toString()}`));
  return instr.join("\n");
}

class CodeActImpl<I extends Fields = Fields, O extends Fields = Fields> extends Module<I, Prediction<O & { trajectory: Trajectory }>> {
  readonly signature: Signature;
  maxIters: number;
  readonly tools: Map<string, Tool>;
  /** Writes the next code step and says whether it is the last. */
  codeact: PredictImpl;
  /** Produces the outputs from the trajectory. */
  extractor: ChainOfThoughtImpl;
  private readonly warm: WarmInterpreter;

  constructor(signature: Signature<I, O> | string, options: CodeActOptions) {
    super();
    const base = ensureSignature(signature) as Signature;
    this.signature = base;
    this.maxIters = options.maxIters ?? 5;
    this.tools = toolsByName(options.tools);
    this.codeact = new PredictImpl(
      new Signature(Object.values(base.inputFields), [], codeActInstructions(base, this.tools))
        .append("trajectory", InputField(), "str")
        .append("generated_code", OutputField({ desc: "Python code that when executed, produces output relevant to answering the question" }), "str")
        .append("finished", OutputField({ desc: "a boolean flag to determine if the process is done" }), "bool"),
    );
    this.extractor = new ChainOfThoughtImpl(
      new Signature(Object.values(base.inputFields), Object.values(base.outputFields), base.instructions).append("trajectory", InputField(), "str"),
    );
    const hostTools = interpreterTools(this.tools.values());
    const factory = options.interpreterFactory ?? ((tools) => new PythonInterpreter({ tools }));
    this.warm = new WarmInterpreter(() => factory(hostTools));
  }

  /** Shuts down the interpreter this module keeps warm. */
  shutdown(): Promise<void> {
    return this.warm.shutdown();
  }

  override forward(inputs: I, options: CodeActCallOptions = {}): Promise<Prediction<O & { trajectory: Trajectory }>> {
    if (options.interpreter !== undefined) return this.run(inputs, options.interpreter, options.maxIters);
    return this.warm.use((interpreter) => this.run(inputs, interpreter, options.maxIters));
  }

  private async run(inputs: I, interpreter: CodeInterpreter, maxItersOverride: number | undefined): Promise<Prediction<O & { trajectory: Trajectory }>> {
    const { inputArgs, maxIters } = agentInputs(inputs, maxItersOverride ?? this.maxIters);
    const trajectory: Trajectory = {};
    for (let idx = 0; idx < maxIters; idx++) {
      const codeData = await this.codeact.call({ ...inputArgs, trajectory });
      const { code, error: parseError } = parseGeneratedCode(codeData.generated_code);
      if (parseError !== null) {
        trajectory[`observation_${idx}`] = `Failed to parse the generated code: ${parseError}`;
        continue;
      }
      trajectory[`generated_code_${idx}`] = code;
      const { output, error } = await executeCode(code, interpreter);
      if (error === null) trajectory[`code_output_${idx}`] = output;
      else trajectory[`observation_${idx}`] = `Failed to execute the generated code: ${error}`;
      if (codeData.finished) break;
    }
    const extract = await this.extractWithTruncation(trajectory, inputArgs);
    return new Prediction({ trajectory, ...extract.toDict() }) as Prediction<O & { trajectory: Trajectory }>;
  }

  /** ReAct's `_call_with_potential_trajectory_truncation`, which DSPy's CodeAct inherits. */
  private async extractWithTruncation(trajectory: Trajectory, inputArgs: Record<string, unknown>): Promise<Prediction> {
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        return await this.extractor.call({ ...inputArgs, trajectory: formatTrajectory(trajectory) });
      } catch (error) {
        if (!(error instanceof ContextWindowExceededError)) throw error;
        getSettings().logger.warn("Trajectory exceeded the context window, truncating the oldest tool call information.");
        lastError = error;
        truncateTrajectory(trajectory);
      }
    }
    throw new ContextWindowExceededError("The context window was exceeded even after 3 attempts to truncate the trajectory.", { cause: lastError });
  }
}

export interface CodeActConstructor {
  /** A code-writing agent; with a string literal signature, inputs and outputs are typed from it. */
  new <const S extends string | Signature<any, any> = Signature>(signature: S, options: CodeActOptions): CodeActImpl<InputsOf<S>, OutputsOf<S>>;
  readonly prototype: CodeActImpl;
}

/**
 * An agent that acts by writing Python (DSPy's `dspy.CodeAct`): each step writes code that may call the tools —
 * TypeScript functions exposed in the sandbox as Python functions — and its printed output or error joins the
 * trajectory, until the LM marks `finished` or `maxIters` steps have run; then `extractor` produces the outputs.
 *
 * @example
 * const agent = new CodeAct("n -> factorial", { tools: [new Tool(({ n }) => fact(n), { name: "fact", argTypes: { n: "int" } })] });
 * const { factorial } = await agent.call({ n: 5 });
 * await agent.shutdown();
 */
export const CodeAct = CodeActImpl as unknown as CodeActConstructor;
export type CodeAct<I extends Fields = Fields, O extends Fields = Fields> = CodeActImpl<I, O>;
export { CodeActImpl };
