import { describe, expect, it } from "vitest";
import type { Message } from "../../lm/message.js";
import prompts from "../__fixtures__/dspy-prompts.json" with { type: "json" };
import { chatPrompt } from "../__fixtures__/format-prompt.js";
import { parseChat } from "../__fixtures__/parse-chat.js";
import { SimulatorModel } from "../simulator-model.js";
import { readFeedbackRecords } from "./read-examples.js";
import { readFeedback } from "./reflect-instruction.js";

const fixtures = prompts as Record<string, Message[]>;
const model = new SimulatorModel();
const text = async (messages: Message[]) => (await model.doGenerate({ model: "m", messages, params: {} })).outputs[0]!.text!;
/** What gepa's output extractor takes from a reply: the text between the first and last ``` fences. */
const extract = (reply: string) => reply.slice(reply.indexOf("```") + 3, reply.lastIndexOf("```")).replace(/^\S*\n/, "").trim();

describe("the reflection role (GEPA's instruction-proposal prompt)", () => {
  it("reads the reflective dataset and what each feedback says the output should have been", () => {
    const records = readFeedbackRecords(String(fixtures.gepa_reflection![0]!.content));
    expect(records).toHaveLength(3);
    expect(records[0]).toEqual({ inputs: { message: "alder zorp cove" }, outputs: { route: "morli" }, feedback: 'Wrong: expected "vexa", because the message mentions "zorp".' });
    expect(readFeedback(records[0]!, "route")).toEqual({ expected: "vexa", evidence: ["zorp"] });
    expect(readFeedback(records[1]!, "route")).toEqual({ expected: "morli", evidence: [] }); // "Correct." keeps the output
    expect(readFeedback(records[2]!, "route")).toEqual({ expected: "tarun", evidence: [] });
    expect(readFeedback({ inputs: {}, outputs: { route: "vexa" }, feedback: "This trajectory got a score of 1.0." }, "route")).toEqual({ expected: "vexa", evidence: [] });
    expect(readFeedback({ inputs: {}, outputs: { route: "vexa" }, feedback: "This trajectory got a score of 0.0." }, "route")).toEqual({ evidence: [] });
    for (const feedback of ["The correct route is morli.", 'route should be "morli"', "Expected: morli", "expected morli but got vexa", "Wrong. Gold: morli.", "The right answer would be `morli`."]) {
      expect(readFeedback({ inputs: {}, outputs: { route: "vexa" }, feedback }, "route").expected, feedback).toBe("morli");
    }
  });

  it("turns feedback that names the reason into a rule, and the rewrite fixes what the feedback flagged", async () => {
    const rewrite = extract(await text(fixtures.gepa_reflection!));
    expect(rewrite).toBe('Given the fields `message`, produce the fields `route`. If the `message` mentions "zorp", set `route` to "vexa".');
    const spec = "message -> route: Literal['vexa', 'morli', 'tarun']";
    const messages = ["alder zorp cove", "zorp brim", "dune ember zorp", "heath zorp inlet jetty"];
    const routes = async (instruction: string) => Promise.all(messages.map(async (message) => parseChat(await text(chatPrompt(spec, instruction, [], { message }))).route));
    expect(await routes(rewrite)).toEqual(["vexa", "vexa", "vexa", "vexa"]);
    expect((await routes("Given the fields `message`, produce the fields `route`.")).filter((r) => r === "vexa").length).toBeLessThan(4);
  });

  it("answers DSPy's structured proposer (GenerateEnhancedMultimodalInstructionFromFeedback) the same way", async () => {
    const out = parseChat(await text(fixtures.gepa_multimodal_proposer!));
    expect(out.improved_instruction).toBe('Given the fields `message`, produce the fields `route`. If the `message` mentions "zorp", set `route` to "vexa".');
  });

  it("induces a text form from the expected outputs the feedback gives", async () => {
    const rewrite = extract(await text(fixtures.gepa_reflection_form!));
    expect(rewrite).toBe("Given the fields `phrase`, produce the fields `code`. To produce `code` from `phrase`: first reverse the order of the words, then write every letter in upper case.");
    expect(parseChat(await text(chatPrompt("phrase -> code", rewrite, [], { phrase: "fjord glen heath" }))).code).toBe("HEATH GLEN FJORD");
  });

  it("adds what negative feedback asks for, and keeps rules it already has", async () => {
    const prompt = (instruction: string, feedback: string, generated = "vexa") =>
      `I provided an assistant with the following instructions to perform a task for me:\n\`\`\`\n${instruction}\n\`\`\`\n\nThe following are examples of different task inputs provided to the assistant along with the assistant's response for each of them, and some feedback on how the assistant's response could be better:\n\`\`\`\n# Example 1\n## Inputs\n### message\nplen a\n\n## Generated Outputs\n### route\n${generated}\n\n## Feedback\n${feedback}\n\n\n\`\`\`\n\nYour task is to write a new instruction for the assistant.\n\nProvide the new instructions within \`\`\` blocks.`;
    const long = extract(await text([{ role: "user", content: prompt("Route it.", "Wrong, and the answer is too long.") }]));
    expect(long).toBe("Route it. Keep the answer concise.");
    const kept = 'Route it. If the `message` mentions "zorp", set `route` to "vexa".';
    const merged = extract(await text([{ role: "user", content: prompt(kept, 'Wrong: expected "morli" because the message mentions "plen".') }]));
    expect(merged).toBe('Route it. If the `message` mentions "zorp", set `route` to "vexa". If the `message` mentions "plen", set `route` to "morli".');
    const again = extract(await text([{ role: "user", content: prompt(merged, 'Wrong: expected "vexa" because the message mentions "quib".', "morli").replace("plen a", "quib a") }]));
    expect(again).toBe('Route it. If the `message` mentions "zorp" or "quib", set `route` to "vexa". If the `message` mentions "plen", set `route` to "morli".');
  });
});
