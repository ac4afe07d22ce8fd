import { describe, expect, it } from "vitest";
import type { Message } from "../../lm/message.js";
import prompts from "../__fixtures__/dspy-prompts.json" with { type: "json" };
import { parseChat } from "../__fixtures__/parse-chat.js";
import { SimulatorModel } from "../simulator-model.js";
import { decideToolStep, readTools, readTrajectory } from "./use-tools.js";

const fixtures = prompts as Record<string, Message[]>;
const model = new SimulatorModel();
const reply = async (messages: Message[]) => parseChat((await model.doGenerate({ model: "m", messages, params: {} })).outputs[0]!.text!);

describe("the tool-use role (ReAct)", () => {
  it("reads DSPy's tool list and formatted trajectory", () => {
    const system = String(fixtures.react_0![0]!.content);
    expect(readTools(system)).toEqual([
      { name: "capital_of", description: "Returns the capital city of a country.", args: { country: { type: "string" } } },
      { name: "population_of", description: "Returns the population of a city.", args: { city: { type: "string" } } },
      { name: "finish", description: expect.stringContaining("Marks the task as complete"), args: {} },
    ]);
    const user = String(fixtures.react_2!.at(-1)!.content);
    expect(readTrajectory(user.slice(user.indexOf("[[ ## trajectory ## ]]") + 23, user.indexOf("\n\nRespond with")))).toEqual([
      { tool: "capital_of", args: '{"country": "Zorland"}', observation: "The capital of Zorland is Vexburg." },
      { tool: "population_of", args: '{"city": "Vexburg"}', observation: "Vexburg has 41,000 inhabitants." },
    ]);
  });

  it("answers a two-hop question with two tool calls, finishes, and extracts the answer from the last observation", async () => {
    const first = await reply(fixtures.react_0!);
    expect([first.next_tool_name, JSON.parse(first.next_tool_args!)]).toEqual(["capital_of", { country: "Zorland" }]);
    const second = await reply(fixtures.react_1!);
    expect([second.next_tool_name, JSON.parse(second.next_tool_args!)]).toEqual(["population_of", { city: "Vexburg" }]);
    const third = await reply(fixtures.react_2!);
    expect([third.next_tool_name, JSON.parse(third.next_tool_args!)]).toEqual(["finish", {}]);
    expect((await reply(fixtures.react_3!)).answer).toBe("Vexburg has 41,000 inhabitants.");
  });

  it("finishes after a failed call, and takes numbers for number arguments", () => {
    const tools = [{ name: "square", description: "Squares a number.", args: { x: { type: "integer" } } }];
    expect(decideToolStep("What is 12 squared?", tools, [])).toMatchObject({ tool: "square", args: { x: 12 } });
    expect(decideToolStep("What is 12 squared?", tools, [{ tool: "square", args: "{}", observation: "Execution error in square: boom" }]).tool).toBe("finish");
  });
});
