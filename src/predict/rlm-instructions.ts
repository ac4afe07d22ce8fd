import { translateFieldType } from "../adapters/translate-field-type.js";
import type { Signature } from "../signatures/signature.js";
import type { Tool } from "../tools/tool.js";

/** DSPy's `ACTION_INSTRUCTIONS_TEMPLATE` (RLM's action prompt), filled in. */
export function rlmActionInstructions(signature: Signature, maxLlmCalls: number, executionInstructions: string, tools: ReadonlyMap<string, Tool>): string {
  const inputs = Object.keys(signature.inputFields).map((n) => `\`${n}\``).join(", ");
  const outputs = Object.values(signature.outputFields).map((f) => `- ${translateFieldType(f)}`).join("\n");
  const submitNames = Object.keys(signature.outputFields).join(", ");
  const task = signature.instructions ? `${signature.instructions}\n\n` : "";
  const rules = executionInstructions ? `\nExecution environment:\n${executionInstructions}\n` : "";
  return (
    `${task}You are tasked with producing the following outputs given the inputs ${inputs}:\n${outputs}\n\n` +
    "You have access to a Python REPL environment. Write Python code and it will be executed. You will see the output, then write more code based on what you learned. This is an iterative process.\n" +
    `${rules}\nAvailable:\n- Variables: ${inputs} (your input data)\n` +
    "- `llm_query(prompt)` - query a sub-LLM (~500K char capacity) for semantic analysis\n" +
    "- `llm_query_batched(prompts)` - query multiple prompts concurrently (much faster for multiple queries)\n" +
    "- `print()` - ALWAYS print to see results\n" +
    `- \`SUBMIT(${submitNames})\` - submit final output when done\n\n` +
    "IMPORTANT: This is ITERATIVE. Each code block you write will execute, you'll see the output, then you decide what to do next. Do NOT try to solve everything in one step.\n\n" +
    "1. EXPLORE FIRST - Look at your data before processing it. Print samples, check types/lengths, understand the structure.\n" +
    "2. ITERATE - Write small code snippets, observe outputs, then decide next steps. State persists between iterations.\n" +
    "3. VERIFY BEFORE SUBMITTING - If results seem wrong (zeros, empty, unexpected), reconsider your approach.\n" +
    "4. USE llm_query FOR SEMANTICS - String matching finds WHERE things are; llm_query understands WHAT things mean.\n" +
    "5. MINIMIZE RETYPING (INPUTS & OUTPUTS) - When values are long, precise, or error-prone (IDs, numbers, code, quotes), re-access them via variables and parse/compute in code instead of retyping. Use small, targeted prints to sanity-check, but avoid manual copying when variables can carry the exact value.\n" +
    "6. SUBMIT ONLY AFTER SEEING OUTPUTS - SUBMIT ends the current run immediately. If you need to inspect printed output, run it in one step, review the result, then call SUBMIT in a later step.\n\n" +
    `You have max ${maxLlmCalls} sub-LLM calls. When done, call SUBMIT() with your output.` +
    toolDocs(tools)
  );
}

/** DSPy's `_format_tool_docs`: one line per user tool, `name(arg: type, …)` and its description on one line. */
function toolDocs(tools: ReadonlyMap<string, Tool>): string {
  if (tools.size === 0) return "";
  const lines = ["\nAdditional tools available (use these instead of standard library equivalents):"];
  for (const tool of tools.values()) {
    const params = Object.entries(tool.args ?? {}).map(([name, schema]) => `${name}: ${typeof schema.type === "string" ? schema.type : "Any"}`);
    lines.push(`- \`${tool.name}(${params.join(", ")})\` - ${(tool.desc || "No description").replaceAll("\n", "  ")}`);
  }
  return lines.join("\n");
}

/** DSPy's instructions of RLM's extract step (the task's instructions first, when the signature has some). */
export function rlmExtractInstructions(signature: Signature): string {
  const task = signature.instructions ? `The trajectory was generated with the following objective: \n${signature.instructions}\n\n\n` : "";
  return (
    `${task}Based on the REPL trajectory, extract the final outputs now.\n\n` +
    "            Review your trajectory to see what information you gathered and what values you computed, then provide the final outputs."
  );
}
