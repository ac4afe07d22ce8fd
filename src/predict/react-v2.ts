import { History } from "../adapters/types/history.js";
import { ToolCallResults } from "../adapters/types/tool-call-results.js";
import { ToolCalls, type ToolCall } from "../adapters/types/tool-calls.js";
import { decodeToolArguments } from "../adapters/decode-tool-arguments.js";
import { getSettings } from "../context/settings.js";
import { AdapterParseError } from "../errors/adapter-parse-error.js";
import { formatErrorForLm } from "../errors/format-error-for-lm.js";
import { ContextWindowExceededError } from "../errors/lm-errors.js";
import { ValidationError } from "../errors/validation-error.js";
import { ValueError } from "../errors/value-error.js";
import type { LMParams } from "../lm/lm-request.js";
import { Module } from "../primitives/module.js";
import { Prediction } from "../primitives/prediction.js";
import { makeField, type Field } from "../signatures/field.js";
import { jsonSchemaOf } from "../signatures/json-schema.js";
import { ensureSignature, Signature } from "../signatures/signature.js";
import { allowsNone, makeUnion, NONE, type TypeNode } from "../signatures/type-node.js";
import { Tool } from "../tools/tool.js";
import { agentInputs, toolsByName } from "./agent-inputs.js";
import { PredictImpl, type InputsOf, type OutputsOf } from "./predict.js";
import type { ReActCallOptions, ReActOptions } from "./react.js";
import { rethrowIfCancelled } from "../context/with-signal.js";

type Fields = Record<string, any>;

/** Why a `ReActV2` run ended: `submit`, `forced_submit`, or the reason the loop broke before the forced submit. */
export type TerminationReason = "submit" | "forced_submit" | "max_iters" | "parse_error" | "context_window_exceeded" | "empty_tool_calls" | "failed";

const CUSTOM = (name: "History" | "Tool" | "Reasoning" | "ToolCalls"): TypeNode => ({ kind: "custom", name });

/** DSPy's `_optional_annotation`: `T | None` unless the type already allows None. */
function optional(type: TypeNode): TypeNode {
  return allowsNone(type) ? type : makeUnion([type, NONE], "pep604");
}

function schemaFor(type: TypeNode): Record<string, unknown> {
  try {
    return jsonSchemaOf(type);
  } catch {
    return { type: "string" };
  }
}

const isParseFailure = (error: unknown) =>
  error instanceof AdapterParseError || error instanceof ValueError || error instanceof ValidationError;

class ReActV2Impl<I extends Fields = Fields, O extends Fields = Fields> extends Module<I, Prediction<O & { history: History; termination_reason: TerminationReason }>> {
  readonly signature: Signature;
  maxIters: number;
  /** The user's tools by name, then the reserved `submit`. */
  readonly tools: Map<string, Tool>;
  react: PredictImpl;

  constructor(signature: Signature<I, O> | string, options: ReActOptions) {
    super();
    this.signature = ensureSignature(signature) as Signature;
    this.maxIters = options.maxIters ?? 20;
    this.tools = toolsByName(options.tools);
    if (this.tools.has("submit")) throw new ValueError("`submit` is reserved by ReActV2 as the final-output tool.");
    this.tools.set("submit", this.makeSubmitTool());
    this.react = new PredictImpl(this.makeReactSignature());
  }

  private makeSubmitTool(): Tool {
    const outputs = Object.values(this.signature.outputFields);
    const names = outputs.map((f) => f.name);
    const submit = (kwargs: Record<string, unknown>) => {
      const missing = names.filter((name) => !(name in kwargs));
      if (missing.length) throw new ValueError(`Missing required final output field(s): ${missing.join(", ")}`);
      return Object.fromEntries(names.map((name) => [name, kwargs[name]]));
    };
    return new Tool(submit, {
      name: "submit",
      desc: "Submit the final outputs for the task.",
      args: Object.fromEntries(outputs.map((f) => [f.name, schemaFor(f.type)])),
      argTypes: Object.fromEntries(outputs.map((f) => [f.name, f.type])),
      acceptsExtraArgs: true,
      checkRequired: false,
    });
  }

  private makeReactSignature(): Signature {
    const base = this.signature;
    const inputs: Field[] = Object.values(base.inputFields).map((f) =>
      makeField(f.name, "input", { type: optional(f.type), desc: f.desc }),
    );
    inputs.push(makeField("history", "input", { type: CUSTOM("History") }));
    inputs.push(makeField("tools", "input", { type: { kind: "list", item: CUSTOM("Tool") } }));
    const outputs = [makeField("next_thought", "output", { type: CUSTOM("Reasoning") }), makeField("tool_calls", "output", { type: CUSTOM("ToolCalls") })];
    const names = (keys: string[]) => keys.map((k) => `\`${k}\``).join(", ");
    const instructions = [
      base.instructions,
      `You are an Agent. Use the supplied tools to produce ${names(Object.keys(base.outputFields))} from ${names(Object.keys(base.inputFields))}.`,
      "Call tools when more information is needed.",
      `When the final answer is ready, call \`submit\` with ${names(Object.keys(base.outputFields))}.`,
      `The available tools are: ${names([...this.tools.keys()])}.`,
    ]
      .join("\n")
      .trim();
    return new Signature(inputs, outputs, instructions);
  }


  override async forward(inputs: I & { history?: History }, options: ReActCallOptions = {}): Promise<Prediction<O & { history: History; termination_reason: TerminationReason }>> {
    const logger = getSettings().logger;
    const { inputArgs, maxIters } = agentInputs(inputs, options.maxIters ?? this.maxIters);
    const messages: Array<Record<string, unknown>> = inputArgs.history instanceof History ? (inputArgs.history.messages as Array<Record<string, unknown>>) : [];
    const history = inputArgs.history instanceof History ? inputArgs.history : new History(messages);
    delete inputArgs.history;
    let pending: Record<string, unknown> = Object.fromEntries(Object.keys(this.signature.inputFields).filter((k) => k in inputArgs).map((k) => [k, inputArgs[k]]));

    let breakReason: TerminationReason = "max_iters";
    for (let turn = 0; turn < maxIters; turn++) {
      let pred: Prediction;
      let toolCalls: ToolCalls;
      try {
        pred = await this.react.call({ history, tools: [...this.tools.values()], ...pending });
        toolCalls = coerceToolCalls(pred.tool_calls);
      } catch (error) {
        if (isParseFailure(error)) {
          logger.warn(`Ending ReActV2 loop after parse failure: ${formatErrorForLm(error, { tracebackFrames: 5 })}`);
          breakReason = "parse_error";
          break;
        }
        if (error instanceof ContextWindowExceededError) {
          logger.warn("Ending ReActV2 loop after context window exceeded.");
          breakReason = "context_window_exceeded";
          break;
        }
        throw error;
      }
      if (toolCalls.toolCalls.length === 0) {
        breakReason = "empty_tool_calls";
        break;
      }
      toolCalls = ensureToolCallIds(toolCalls, turn);
      const { results, finalOutputs } = await this.executeToolCalls(toolCalls);
      const event = historyEvent(pending, pred, toolCalls, results);
      if (finalOutputs) Object.assign(event, finalOutputs);
      if (Object.keys(event).length) messages.push(event);
      pending = {};
      if (finalOutputs) return new Prediction({ ...finalOutputs, history, termination_reason: "submit" }) as never;
    }
    return this.forcedSubmit(history, messages, pending, breakReason, maxIters) as never;
  }

  /** Runs each call (unknown tools and failures become error results); a `submit` returning outputs ends the run. */
  private async executeToolCalls(toolCalls: ToolCalls): Promise<{ results: ToolCallResults; finalOutputs: Record<string, unknown> | null }> {
    const values: unknown[] = [];
    const isErrors: boolean[] = [];
    let finalOutputs: Record<string, unknown> | null = null;
    for (const call of toolCalls.toolCalls) {
      const tool = this.tools.get(call.name);
      if (!tool) {
        values.push(`Unknown tool: ${call.name}`);
        isErrors.push(true);
        continue;
      }
      try {
        const value = await tool.call(call.args ?? {});
        values.push(value);
        isErrors.push(false);
        if (call.name === "submit" && typeof value === "object" && value !== null && !Array.isArray(value)) finalOutputs = value as Record<string, unknown>;
      } catch (error) {
        rethrowIfCancelled(error);
        values.push(`Execution error in ${call.name}: ${formatErrorForLm(error, { tracebackFrames: 5 })}`);
        isErrors.push(true);
      }
    }
    return { results: ToolCallResults.fromToolCallsAndValues(toolCalls, values, isErrors), finalOutputs };
  }

  /** One more turn that must call `submit` (`tool_choice` for native tool calling, native reasoning off). */
  private async forcedSubmit(
    history: History,
    messages: Array<Record<string, unknown>>,
    pending: Record<string, unknown>,
    breakReason: TerminationReason,
    turn: number,
  ): Promise<Prediction> {
    const config: LMParams = { tool_choice: { type: "function", function: { name: "submit" } }, reasoning_effort: null };
    let pred: Prediction;
    let toolCalls: ToolCalls;
    try {
      pred = await this.react.call({ history, tools: [...this.tools.values()], ...pending }, { config });
      toolCalls = ensureToolCallIds(coerceToolCalls(pred.tool_calls), turn);
    } catch (error) {
      if (!isParseFailure(error) && !(error instanceof ContextWindowExceededError)) throw error;
      getSettings().logger.warn(`Forced submit failed: ${formatErrorForLm(error, { tracebackFrames: 5 })}`);
      return new Prediction({ history, termination_reason: breakReason || "failed" });
    }
    const submitCalls = new ToolCalls(toolCalls.toolCalls.filter((c) => c.name === "submit"));
    if (submitCalls.toolCalls.length === 0) return new Prediction({ history, termination_reason: breakReason || "failed" });
    const { results, finalOutputs } = await this.executeToolCalls(submitCalls);
    const event = historyEvent(pending, pred, submitCalls, results);
    if (finalOutputs) Object.assign(event, finalOutputs);
    if (Object.keys(event).length) messages.push(event);
    if (finalOutputs) return new Prediction({ ...finalOutputs, history, termination_reason: "forced_submit" });
    return new Prediction({ history, termination_reason: breakReason || "failed" });
  }
}

function coerceToolCalls(value: unknown): ToolCalls {
  if (value === null || value === undefined) return new ToolCalls([]);
  return ToolCalls.fromValue(value, decodeToolArguments);
}

/** DSPy's `_ensure_tool_call_ids`: calls without an id get `call_<turn>_<index>`. */
function ensureToolCallIds(toolCalls: ToolCalls, turn: number): ToolCalls {
  return new ToolCalls(toolCalls.toolCalls.map((call: ToolCall, i) => (call.id == null ? { ...call, id: `call_${turn}_${i}` } : call)));
}

/** DSPy's `_history_event`: the turn's new inputs, its thought and its tool calls with their results. */
function historyEvent(pending: Record<string, unknown>, pred: Prediction, toolCalls: ToolCalls, results: ToolCallResults): Record<string, unknown> {
  const event: Record<string, unknown> = { ...pending };
  const thought = pred.get("next_thought");
  if (thought !== null && thought !== undefined) event.next_thought = thought;
  if (toolCalls.toolCalls.length) event.tool_calls = results.results.length ? new ToolCalls(toolCalls.toolCalls, results) : toolCalls;
  return event;
}

export interface ReActV2Constructor {
  /** A native-tool-calling agent; with a string literal signature, inputs and outputs are typed from it. */
  new <const S extends string | Signature<any, any> = Signature>(signature: S, options: ReActOptions): ReActV2Impl<InputsOf<S>, OutputsOf<S>>;
  readonly prototype: ReActV2Impl;
}

/**
 * An agent over native tool calls (DSPy 3.3.1's experimental `dspy.ReActV2`): each turn the LM writes a thought and
 * one or more tool calls (natively with `useNativeFunctionCalling`, else as a `ToolCalls` field); results go back
 * through the conversation `history`; the reserved `submit` tool returns the outputs. When the loop ends without a
 * submit, one forced turn asks for it.
 *
 * @example
 * const agent = new ReActV2("question -> answer", { tools: [search] });
 * const { answer, termination_reason } = await agent.call({ question: "Capital of France?" });
 */
export const ReActV2 = ReActV2Impl as unknown as ReActV2Constructor;
export type ReActV2<I extends Fields = Fields, O extends Fields = Fields> = ReActV2Impl<I, O>;
export { ReActV2Impl };
