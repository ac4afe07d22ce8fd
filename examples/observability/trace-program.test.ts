import { afterEach, describe, expect, it } from "vitest";
import { resetSettings } from "../../src/context/settings.js";
import { main } from "./trace-program.js";

afterEach(() => resetSettings());

const PIPELINE = ["Pipeline.call", "  Predict.call", "    chat dummy  [unknown]", "  ChainOfThought.call", "    Predict.call", "      chat dummy  [unknown]"];
const indent = (lines: string[]) => lines.map((line) => `  ${line}`);

describe("examples/observability/trace-program", () => {
  it("runs offline, prints the answers and writes the span tree: both Parallel branches under the program, the evaluation's under Evaluate", async () => {
    const printed: string[] = [];
    let tree = "";
    await main((line) => printed.push(line), (text) => void (tree += text));
    expect(printed).toEqual(["answer: 4", "answer: Paris", "score: 100"]);
    expect(tree).toBe([
      "AskAll.call",
      ...indent(PIPELINE),
      ...indent(PIPELINE),
      "Evaluate  [score 100]",
      ...indent(PIPELINE),
      ...indent(PIPELINE),
    ].join("\n") + "\n");
  });
});
