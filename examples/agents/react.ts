/**
 * A ReAct agent that answers a question with two tool calls, end to end and offline: the LM is scripted
 * (`DummyLM`); set `TSDSPY_LM=provider/model` to run the same agent on a real model.
 *
 *   npx tsx --conditions=source examples/agents/react.ts
 */
import { z } from "zod";
import { configure, LM, ReAct, Tool } from "tsdspy";
import { DummyLM } from "tsdspy/testing";
import { runIfMain, type Print } from "../seed/run-example.js";

// #region snippet
const CAPITALS: Record<string, string> = { France: "Paris", Japan: "Tokyo", Peru: "Lima" };
const POPULATIONS: Record<string, number> = { Paris: 2_102_650, Tokyo: 14_094_034, Lima: 10_092_000 };

// A tool from a function and a zod schema of its arguments …
const capital = new Tool(({ country }: { country: string }) => CAPITALS[country] ?? `No capital known for ${country}`, {
  name: "capital",
  desc: "The capital city of a country.",
  schema: z.object({ country: z.string().describe("Country name in English") }),
});
// … and one in DSPy's (func, name, desc, args) form with DSPy type strings.
const population = new Tool(({ city }) => POPULATIONS[city] ?? "unknown", {
  name: "population",
  desc: "The population of a city.",
  argTypes: { city: "str" },
});

export const agent = new ReAct("question -> answer", { tools: [capital, population], maxIters: 5 });
// #endregion

const SCRIPT = [
  { next_thought: "First find the capital of France.", next_tool_name: "capital", next_tool_args: { country: "France" } },
  { next_thought: "Now the population of Paris.", next_tool_name: "population", next_tool_args: { city: "Paris" } },
  { next_thought: "I have both facts.", next_tool_name: "finish", next_tool_args: {} },
  { reasoning: "The capital of France is Paris, which has 2,102,650 inhabitants.", answer: "Paris, with about 2.1 million people" },
];

export async function main(print: Print): Promise<void> {
  configure({ lm: process.env.TSDSPY_LM ? new LM(process.env.TSDSPY_LM) : new DummyLM(SCRIPT) });
  const pred = await agent.call({ question: "What is the capital of France and how many people live there?" });
  const steps = Object.keys(pred.trajectory).filter((k) => k.startsWith("tool_name_"));
  for (const step of steps) {
    const i = step.slice("tool_name_".length);
    print(`${pred.trajectory[step]}(${JSON.stringify(pred.trajectory[`tool_args_${i}`])}) -> ${JSON.stringify(pred.trajectory[`observation_${i}`])}`);
  }
  print(`answer: ${pred.answer}`);
}

runIfMain(import.meta, main);
