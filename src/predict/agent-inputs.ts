import { Tool, type ToolFunction } from "../tools/tool.js";

/** An agent's tools by name, in order (a function becomes `new Tool(fn)`; a later tool of the same name wins). */
export function toolsByName(tools: ReadonlyArray<Tool | ToolFunction>): Map<string, Tool> {
  const byName = new Map<string, Tool>();
  for (const t of tools) {
    const tool = t instanceof Tool ? t : new Tool(t);
    byName.set(tool.name, tool);
  }
  return byName;
}

/** A copy of the inputs without DSPy's per-call `max_iters` input, and the iteration limit for this call. */
export function agentInputs(inputs: object, maxIters: number): { inputArgs: Record<string, unknown>; maxIters: number } {
  const inputArgs: Record<string, unknown> = { ...inputs };
  if (!("max_iters" in inputArgs)) return { inputArgs, maxIters };
  const limit = Number(inputArgs.max_iters);
  delete inputArgs.max_iters;
  return { inputArgs, maxIters: limit };
}
