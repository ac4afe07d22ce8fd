import { ValueError } from "../errors/value-error.js";
import type { LMParams } from "../lm/lm-request.js";
import type { LMLike } from "../lm/lm-like.js";
import type { Signature } from "../signatures/signature.js";
import type { TypeNode } from "../signatures/type-node.js";
import type { Adapter, ValueRecord } from "./adapter.js";
import { readKey } from "./record-access.js";
import { functionToolSpec, ToolBase, type FunctionToolSpec } from "./types/tool-base.js";

const isCustom = (type: TypeNode, name: string) => type.kind === "custom" && type.name === name;

/** The input field holding the tools: `list[Tool]` or `Tool`. */
export function toolInputFieldName(signature: Signature): string | null {
  for (const field of Object.values(signature.inputFields)) {
    const t = field.type;
    if (isCustom(t, "Tool") || (t.kind === "list" && t.item !== null && isCustom(t.item, "Tool"))) return field.name;
  }
  return null;
}

/** The output field receiving native tool calls (typed `ToolCalls`). */
export function toolCallsOutputFieldName(signature: Signature): string | null {
  for (const field of Object.values(signature.outputFields)) if (isCustom(field.type, "ToolCalls")) return field.name;
  return null;
}

function functionSpec(tool: unknown): FunctionToolSpec {
  if (tool instanceof ToolBase) return tool.formatAsFunctionCall();
  const t = (tool ?? {}) as { name?: string; desc?: string | null; description?: string | null; args?: Record<string, Record<string, unknown>> };
  return functionToolSpec(t.name ?? "", t.desc ?? t.description ?? null, t.args ?? {});
}

/**
 * DSPy's `_call_preprocess`: native function calling (a `ToolCalls` output with tool inputs on an LM that
 * supports it → `tools` param, both fields removed from the prompt) and native reasoning (a `Reasoning`
 * output on a reasoning LM → `reasoning_effort`, field removed). Without native function calling, tool params
 * are dropped. Returns the signature to render and the params to send.
 */
export function prepareCall(
  adapter: Adapter,
  signature: Signature,
  lm: LMLike,
  params: LMParams,
  inputs: ValueRecord,
): { signature: Signature; params: LMParams } {
  const out: LMParams = { ...params };
  let sig = signature;
  if (!adapter.useNativeFunctionCalling) {
    for (const key of ["tools", "tool_choice", "parallel_tool_calls"]) delete out[key];
  } else {
    const toolInput = toolInputFieldName(signature);
    const toolOutput = toolCallsOutputFieldName(signature);
    if (toolOutput !== null && toolInput === null) {
      throw new ValueError(
        `You provided an output field ${toolOutput} to receive the tool calls information, but did not provide any tools as the input. ` +
          "Please provide a list of tools as the input by adding an input field with type `list[dspy.Tool]`.",
      );
    }
    if (toolOutput !== null && toolInput !== null && lm.capabilities.supportsFunctionCalling) {
      const tools = readKey(inputs, toolInput);
      out.tools = (Array.isArray(tools) ? tools : [tools]).map(functionSpec);
      if (adapter.parallelToolCalls !== null && out.parallel_tool_calls == null) out.parallel_tool_calls = adapter.parallelToolCalls;
      sig = sig.delete(toolOutput).delete(toolInput);
    }
  }
  for (const field of Object.values(sig.outputFields)) {
    if (isCustom(field.type, "Reasoning")) {
      const effort = "reasoning_effort" in out ? out.reasoning_effort : "reasoning_effort" in lm.kwargs ? lm.kwargs.reasoning_effort : "low";
      if (effort === null || effort === undefined || !lm.capabilities.supportsReasoning) continue;
      if (lm.model.includes("gpt-5") && lm.modelType === "chat") continue;
      out.reasoning_effort = effort;
      sig = sig.delete(field.name);
    } else if (isCustom(field.type, "Citations") && lm.model.startsWith("anthropic/")) {
      sig = sig.delete(field.name);
    }
  }
  return { signature: sig, params: out };
}
