/**
 * The framework's own cost of one `Predict.call` / `ChainOfThought.call`: settings lookup, input checks, adapter
 * formatting (3 demos), the BaseLM bookkeeping (history, usage, callbacks), parsing and the Prediction — against an
 * in-process LM that answers instantly, so everything measured is tsdspy.
 *
 *   npx tsx bench/predict.ts
 */
import { measure } from "./shared/measure.js";
import { BaseLM, ChainOfThought, configure, Example, Predict, silentLogger, type LMForwardRequest, type LMResponse } from "../src/index.js";

class InstantLM extends BaseLM {
  constructor(private readonly text: string) {
    super("bench/instant");
  }
  protected async forward(_request: LMForwardRequest): Promise<LMResponse> {
    return { outputs: [{ text: this.text }], usage: { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110 } };
  }
}


configure({ logger: silentLogger });
const demos = [1, 2, 3].map((i) => new Example({ question: `What is ${i} + ${i}?`, context: ["a passage", "another one"], answer: String(2 * i) }));

const predict = new Predict("question, context: list[str] -> answer");
predict.demos = demos;
predict.lm = new InstantLM("[[ ## answer ## ]]\n4\n\n[[ ## completed ## ]]");
const cot = new ChainOfThought("question, context: list[str] -> answer");
cot.predict.demos = demos;
cot.predict.lm = new InstantLM("[[ ## reasoning ## ]]\nAdd them.\n\n[[ ## answer ## ]]\n4\n\n[[ ## completed ## ]]");
const inputs = { question: "What is 2 + 2?", context: ["a passage about sums", "another passage"] };

console.log("Framework cost per call, instant in-process LM, 3 demos (node " + process.version + ")");
await measure("Predict.call", () => predict.call(inputs));
await measure("ChainOfThought.call", () => cot.call(inputs));
configure({ disableHistory: true });
await measure("Predict.call (history disabled)", () => predict.call(inputs));
