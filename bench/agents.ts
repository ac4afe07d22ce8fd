/**
 * The framework's own cost in an agent: `Tool.call` (argument validation against JSON schemas, pydantic-style parsing,
 * callbacks) and one ReAct step (react predictor + tool + trajectory formatting), against an instant in-process LM.
 *
 *   npx tsx --conditions=source bench/agents.ts
 */
import { z } from "zod";
import { measure } from "./shared/measure.js";
import { BaseLM, configure, ReAct, silentLogger, Tool, type LMForwardRequest, type LMResponse } from "../src/index.js";

class ScriptLM extends BaseLM {
  private next = 0;
  constructor(private readonly texts: string[]) {
    super("bench/script");
  }
  protected async forward(_request: LMForwardRequest): Promise<LMResponse> {
    const text = this.texts[this.next++ % this.texts.length]!;
    return { outputs: [{ text }], usage: { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110 } };
  }
}


configure({ logger: silentLogger });
const typed = new Tool(({ a, b }) => a + b, { name: "add", argTypes: { a: "int", b: "list[float]" } });
const zodTool = new Tool(({ query }) => query, { name: "search", schema: z.object({ query: z.string(), limit: z.number().int().default(3) }) });
const search = new Tool(({ query }) => [`Result for ${query}`, "Another passage"], { name: "search", argTypes: { query: "str" } });

console.log("Framework cost, instant in-process LM (node " + process.version + ")");
await measure("Tool.call (argTypes, 2 args)", () => typed.call({ a: 2, b: [1.5, 2] }), 50_000);
await measure("Tool.call (zod schema)", () => zodTool.call({ query: "cats" }), 50_000);
const agent = new ReAct("question -> answer", { tools: [search], maxIters: 3 });
agent.react.lm = new ScriptLM([
  '[[ ## next_thought ## ]]\nSearch.\n\n[[ ## next_tool_name ## ]]\nsearch\n\n[[ ## next_tool_args ## ]]\n{"query": "cats"}\n\n[[ ## completed ## ]]',
  "[[ ## next_thought ## ]]\nDone.\n\n[[ ## next_tool_name ## ]]\nfinish\n\n[[ ## next_tool_args ## ]]\n{}\n\n[[ ## completed ## ]]",
]);
agent.extract.predict.lm = new ScriptLM(["[[ ## reasoning ## ]]\nFound.\n\n[[ ## answer ## ]]\ncats\n\n[[ ## completed ## ]]"]);
await measure("ReAct.call (2 steps + extract, 3 LM calls)", () => agent.call({ question: "What about cats?" }), 3_000, 300);
