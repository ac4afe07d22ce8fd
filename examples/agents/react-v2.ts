/**
 * ReActV2 (DSPy 3.3.1's experimental agent): several tool calls per turn, results fed back through the conversation
 * history, and the reserved `submit` tool for the final outputs. Scripted LM; with a model that supports native
 * function calling, set `adapter: new ChatAdapter({ useNativeFunctionCalling: true })` to send the tools natively.
 *
 *   npx tsx --conditions=source examples/agents/react-v2.ts
 */
import { ReActV2, Tool, withSettings } from "tsdspy";
import { DummyLM } from "tsdspy/testing";
import { runIfMain, type Print } from "../seed/run-example.js";

export async function main(print: Print): Promise<void> {
  // #region snippet
  const add = new Tool(({ a, b }) => a + b, { name: "add", desc: "Add two integers.", argTypes: { a: "int", b: "int" } });
  const multiply = new Tool(({ a, b }) => a * b, { name: "multiply", desc: "Multiply two integers.", argTypes: { a: "int", b: "int" } });
  const agent = new ReActV2("question -> answer: int", { tools: [add, multiply] });
  // #endregion
  const lm = new DummyLM([
    {
      next_thought: "Compute both parts at once.",
      tool_calls: { tool_calls: [{ name: "add", args: { a: 2, b: 3 } }, { name: "multiply", args: { a: 4, b: 5 } }] },
    },
    { next_thought: "5 + 20 = 25.", tool_calls: { tool_calls: [{ name: "submit", args: { answer: 25 } }] } },
  ]);
  const pred = await withSettings({ lm }, () => agent.call({ question: "What is (2 + 3) + (4 * 5)?" }));
  for (const message of pred.history.messages) {
    const calls = (message.tool_calls as { toPyJson(): { tool_call_results?: { tool_call_results: Array<{ name: string; value: unknown }> } } }).toPyJson();
    print(`turn: ${message.next_thought} -> ${calls.tool_call_results!.tool_call_results.map((r) => `${r.name}=${JSON.stringify(r.value)}`).join(", ")}`);
  }
  print(`answer: ${pred.answer} (${pred.termination_reason})`);
}

runIfMain(import.meta, main);
