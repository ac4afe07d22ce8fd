import { getSettings } from "../context/settings.js";
import { formatErrorForLm } from "../errors/format-error-for-lm.js";
import { ContextWindowExceededError } from "../errors/lm-errors.js";
import { ValidationError } from "../errors/validation-error.js";
import { ValueError } from "../errors/value-error.js";
import { Module } from "../primitives/module.js";
import { Prediction } from "../primitives/prediction.js";
import { InputField, OutputField } from "../signatures/field.js";
import { ensureSignature, Signature } from "../signatures/signature.js";
import type { TypeNode } from "../signatures/type-node.js";
import { Tool, type ToolFunction } from "../tools/tool.js";
import { agentInputs, toolsByName } from "./agent-inputs.js";
import { ChainOfThoughtImpl } from "./chain-of-thought.js";
import { PredictImpl, type InputsOf, type OutputsOf } from "./predict.js";
import { formatTrajectory, truncateTrajectory, type Trajectory } from "./react-trajectory.js";
import { rethrowIfCancelled } from "../context/with-signal.js";

type Fields = Record<string, any>;

export interface ReActOptions {
  /** The tools the agent may call: `Tool`s or functions (a function becomes `new Tool(fn)`). */
  tools: ReadonlyArray<Tool | ToolFunction>;
  /** The most tool calls per run (default 20); `call(inputs, { maxIters })` overrides it per call. */
  maxIters?: number;
}

/** Per-call options of `ReAct.call`. */
export interface ReActCallOptions {
  maxIters?: number;
}

const DICT_STR_ANY: TypeNode = { kind: "dict", key: { kind: "str" }, value: { kind: "any" } };

/** DSPy's ReAct instructions: the task, the agent's protocol, and the numbered tools ending with `finish`. */
function reactInstructions(base: Signature, tools: ReadonlyMap<string, Tool>): string {
  const inputs = Object.keys(base.inputFields).map((k) => `\`${k}\``).join(", ");
  const outputs = Object.keys(base.outputFields).map((k) => `\`${k}\``).join(", ");
  const instr = base.instructions ? [`${base.instructions}\n`] : [];
  instr.push(
    `You are an Agent. In each episode, you will be given the fields ${inputs} as input. And you can see your past trajectory so far.`,
    `Your goal is to use one or more of the supplied tools to collect any necessary information for producing ${outputs}.\n`,
    "To do this, you will interleave next_thought, next_tool_name, and next_tool_args in each turn, and also when finishing the task.",
    "After each tool call, you receive a resulting observation, which gets appended to your trajectory.\n",
    "When writing next_thought, you may reason about the current situation and plan for future steps.",
    "When selecting the next_tool_name and its next_tool_args, the tool must be one of:\n",
  );
  [...tools.values()].forEach((tool, idx) => instr.push(`(${idx + 1}) ${tool.toString()}`));
  instr.push("When providing `next_tool_args`, the value inside the field must be in JSON format");
  return instr.join("\n");
}

/** Errors DSPy's ReAct treats as "the agent failed to select a valid tool" (Python's `ValueError` family). */
const isValueError = (error: unknown) => error instanceof ValueError || error instanceof ValidationError;

class ReActImpl<I extends Fields = Fields, O extends Fields = Fields> extends Module<I, Prediction<O & { trajectory: Trajectory }>> {
  readonly signature: Signature;
  maxIters: number;
  /** The tools by name, `finish` last (DSPy's `tools` dict). */
  readonly tools: Map<string, Tool>;
  /** Chooses the next thought, tool and arguments. */
  react: PredictImpl;
  /** Produces the outputs from the trajectory once the loop ends. */
  extract: ChainOfThoughtImpl;

  constructor(signature: Signature<I, O> | string, options: ReActOptions) {
    super();
    const base = ensureSignature(signature) as Signature;
    this.signature = base;
    this.maxIters = options.maxIters ?? 20;
    const tools = toolsByName(options.tools);
    const outputs = Object.keys(base.outputFields).map((k) => `\`${k}\``).join(", ");
    tools.set(
      "finish",
      new Tool(() => "Completed.", {
        name: "finish",
        desc: `Marks the task as complete. That is, signals that all information for producing the outputs, i.e. ${outputs}, are now available to be extracted.`,
        args: {},
      }),
    );
    this.tools = tools;

    const reactSignature = new Signature(Object.values(base.inputFields), [], reactInstructions(base, tools))
      .append("trajectory", InputField(), "str")
      .append("next_thought", OutputField(), "str")
      .append("next_tool_name", OutputField(), { kind: "literal", values: [...tools.keys()] })
      .append("next_tool_args", OutputField(), DICT_STR_ANY);
    const fallbackSignature = new Signature(
      Object.values(base.inputFields),
      Object.values(base.outputFields),
      base.instructions,
    ).append("trajectory", InputField(), "str");
    this.react = new PredictImpl(reactSignature);
    this.extract = new ChainOfThoughtImpl(fallbackSignature);
  }


  override async forward(inputs: I, options: ReActCallOptions = {}): Promise<Prediction<O & { trajectory: Trajectory }>> {
    const logger = getSettings().logger;
    const { inputArgs, maxIters } = agentInputs(inputs, options.maxIters ?? this.maxIters);
    const trajectory: Trajectory = {};
    for (let idx = 0; idx < maxIters; idx++) {
      let pred: Prediction;
      try {
        pred = await this.callWithTruncation(this.react, trajectory, inputArgs);
      } catch (error) {
        if (error instanceof ContextWindowExceededError) {
          logger.warn(`Ending the trajectory: ${formatErrorForLm(error, { tracebackFrames: 5 })}`);
          break;
        }
        if (isValueError(error)) {
          logger.warn(`Ending the trajectory: Agent failed to select a valid tool: ${formatErrorForLm(error, { tracebackFrames: 5 })}`);
          break;
        }
        throw error;
      }
      const toolName = pred.next_tool_name as string;
      trajectory[`thought_${idx}`] = pred.next_thought;
      trajectory[`tool_name_${idx}`] = toolName;
      trajectory[`tool_args_${idx}`] = pred.next_tool_args;
      try {
        const tool = this.tools.get(toolName);
        if (!tool) throw new ValueError(`Unknown tool '${toolName}'; the tools are: ${[...this.tools.keys()].join(", ")}.`);
        trajectory[`observation_${idx}`] = await tool.call((pred.next_tool_args ?? {}) as Record<string, unknown>);
      } catch (error) {
        rethrowIfCancelled(error);
        trajectory[`observation_${idx}`] = `Execution error in ${toolName}: ${formatErrorForLm(error, { tracebackFrames: 5 })}`;
      }
      if (toolName === "finish") break;
    }
    const extract = await this.callWithTruncation(this.extract, trajectory, inputArgs);
    return new Prediction({ trajectory, ...extract.toDict() }) as Prediction<O & { trajectory: Trajectory }>;
  }

  /** DSPy's `_call_with_potential_trajectory_truncation`: up to three attempts, dropping the oldest step after each overflow. */
  private async callWithTruncation(module: Module<Fields, Prediction>, trajectory: Trajectory, inputArgs: Record<string, unknown>): Promise<Prediction> {
    let lastError: unknown;
    let current = trajectory;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        return await module.call({ ...inputArgs, trajectory: formatTrajectory(current) });
      } catch (error) {
        if (!(error instanceof ContextWindowExceededError)) throw error;
        getSettings().logger.warn("Trajectory exceeded the context window, truncating the oldest tool call information.");
        lastError = error;
        current = this.truncateTrajectory(current);
      }
    }
    throw new ContextWindowExceededError("The context window was exceeded even after 3 attempts to truncate the trajectory.", {
      cause: lastError,
    });
  }

  /** Drops the oldest tool call so the prompt fits (override to truncate differently). */
  truncateTrajectory(trajectory: Trajectory): Trajectory {
    return truncateTrajectory(trajectory);
  }
}

export interface ReActConstructor {
  /** A tool-using agent; with a string literal signature, inputs and outputs are typed from it. */
  new <const S extends string | Signature<any, any> = Signature>(
    signature: S,
    options: ReActOptions,
  ): ReActImpl<InputsOf<S>, OutputsOf<S>>;
  readonly prototype: ReActImpl;
}

/**
 * Reasoning and acting (DSPy's `dspy.ReAct`): the LM picks a thought, a tool and its arguments each turn, sees the
 * tool's observation, and calls `finish` when it has what it needs; a `ChainOfThought` then extracts the outputs from
 * the trajectory. Prompts, trajectory and truncation follow DSPy 3.3.1.
 *
 * @example
 * const agent = new ReAct("question -> answer", { tools: [search, add], maxIters: 5 });
 * const { answer, trajectory } = await agent.call({ question: "What is 2 + the year Paris was founded?" });
 */
export const ReAct = ReActImpl as unknown as ReActConstructor;
export type ReAct<I extends Fields = Fields, O extends Fields = Fields> = ReActImpl<I, O>;
export { ReActImpl };
