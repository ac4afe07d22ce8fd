import { describe, expect, it } from "vitest";
import type { Message } from "../../lm/message.js";
import prompts from "../__fixtures__/dspy-prompts.json" with { type: "json" };
import { parseChat } from "../__fixtures__/parse-chat.js";
import { SeededRandom } from "../seeded-random.js";
import { SimulatorModel } from "../simulator-model.js";
import { proposeFromAttempts, proposeFromBasic, proposeGrounded, proposePrefix } from "./propose-instruction.js";
import { readAttempts, readFieldLines, readScoredInstructions } from "./read-examples.js";

const fixtures = prompts as Record<string, Message[]>;
const model = new SimulatorModel();
const reply = async (messages: Message[], params: Record<string, unknown> = {}) => parseChat((await model.doGenerate({ model: "m", messages, params })).outputs[0]!.text!);
const withUser = (key: string, edit: (text: string) => string): Message[] => {
  const messages = structuredClone(fixtures[key]!);
  messages[messages.length - 1]!.content = edit(String(messages.at(-1)!.content));
  return messages;
};

const BASIC = "Given the fields `message`, produce the fields `route`.";
const VEXA = 'If the `message` mentions "zorp" or "quib", set `route` to "vexa".';
const MORLI = 'If the `message` mentions "plen" or "drask", set `route` to "morli".';

describe("the grounded proposer role (MIPROv2's GenerateSingleModuleInstruction)", () => {
  it("reads task demos written as `Prefix: value` lines", () => {
    const demos = readFieldLines("Message: glen the snib\nRoute: tarun\n\nMessage: a\nsecond line\nRoute: vexa", { inputs: ["message"], outputs: ["route"] });
    expect(demos).toEqual([{ inputs: { message: "glen the snib" }, outputs: { route: "tarun" } }, { inputs: { message: "a\nsecond line" }, outputs: { route: "vexa" } }]);
  });

  it("states the rules the dataset description gives, and what the tip asks for", async () => {
    // DSPy's own prompt: description with two rules, three demos of one value (no contrast: no rule from them), "descriptive" tip.
    expect((await reply(fixtures.mipro_propose_12!)).proposed_instruction).toBe(`${BASIC} ${VEXA} ${MORLI} Read \`message\` closely and give \`route\` exactly as the examples do.`);
    const persona = withUser("mipro_propose_12", (t) => t.replace("Make sure your instruction is very informative and descriptive.", 'Include a persona that is relevant to the task in the instruction (ie. "You are a ...")'));
    expect((await reply(persona)).proposed_instruction).toBe(`You are an expert at producing \`route\` from \`message\`. ${BASIC} ${VEXA} ${MORLI}`);
    const stakes = withUser("mipro_propose_12", (t) => t.replace("Make sure your instruction is very informative and descriptive.", "The instruction should include a high stakes scenario in which the LM must solve the task!"));
    expect((await reply(stakes)).proposed_instruction).toMatch(/Getting `route` right matters: a wrong answer has real consequences\.$/);
  });

  it("induces rules from contrasting demos, never from an answer key", () => {
    const demos = "Message: alder zorp cove\nRoute: vexa\n\nMessage: brim plen dune\nRoute: morli\n\nMessage: quib zorp heath\nRoute: vexa\n\nMessage: plen inlet\nRoute: morli";
    const instruction = proposeGrounded({ basicInstruction: BASIC, taskDemos: demos, tip: "" }, new SeededRandom("x"), false);
    expect(instruction).toBe(`${BASIC} If the \`message\` mentions "plen", set \`route\` to "morli". If the \`message\` mentions "zorp", set \`route\` to "vexa".`);
    const transform = "Phrase: cove alder brim\nCode: BRIM ALDER COVE\n\nPhrase: dune ember\nCode: EMBER DUNE";
    expect(proposeGrounded({ basicInstruction: "Given the fields `phrase`, produce the fields `code`.", taskDemos: transform }, new SeededRandom("x"), false)).toBe(
      "Given the fields `phrase`, produce the fields `code`. To produce `code` from `phrase`: first reverse the order of the words, then write every letter in upper case.",
    );
  });

  it("keeps sentences that scored better before and drops those that scored worse", () => {
    const history = `${BASIC} | Score: 40.0\n\n${BASIC} ${VEXA} | Score: 70.0\n\n${BASIC} Imagine a quiet harbour at dawn. | Score: 30.0\n\n`;
    expect(readScoredInstructions(history)).toHaveLength(3);
    const description = `${MORLI} Imagine a quiet harbour at dawn.`;
    const instruction = proposeGrounded({ basicInstruction: BASIC, previousInstructions: history, datasetDescription: description }, new SeededRandom("x"), false);
    expect(instruction).toBe(`${BASIC} ${VEXA} ${MORLI}`);
  });

  it("varies with the rollout at temperature > 0, and keeps the simple tip's rules short", async () => {
    const variants = new Set<string>();
    for (let r = 0; r < 12; r++) variants.add((await reply(fixtures.mipro_propose_9!, { temperature: 1, rollout_id: r })).proposed_instruction!);
    expect(variants.size).toBeGreaterThan(1);
    for (const v of variants) expect(v.startsWith(BASIC)).toBe(true);
    const long = 'If the `message` mentions "zorp", "quib", "lant" or "vorp", set `route` to "vexa".';
    expect(proposeGrounded({ basicInstruction: BASIC, datasetDescription: long, tip: "Keep the instruction clear and concise." }, new SeededRandom("x"), false)).toBe(
      `${BASIC} If the \`message\` mentions "zorp" or "quib", set \`route\` to "vexa".`,
    );
  });
});

describe("COPRO's roles (BasicGenerateInstruction, GenerateInstructionGivenAttempts)", () => {
  it("adds generic sentences to the basic instruction, one completion differing from the next", async () => {
    const response = await model.doGenerate({ model: "m", messages: fixtures.copro_basic_0!, params: { n: 6, temperature: 1.4 } });
    const outs = response.outputs.map((o) => parseChat(o.text!));
    expect(new Set(outs.map((o) => o.proposed_instruction)).size).toBeGreaterThan(1);
    for (const out of outs) {
      expect(out.proposed_instruction!.startsWith(BASIC)).toBe(true);
      expect(out.proposed_prefix_for_output_field).toBe("Route:");
    }
    expect(proposeFromBasic("", new SeededRandom("x"))).toMatch(/^Complete the task using the given fields\./);
  });

  it("builds on the best-scoring attempt and drops sentences whose attempts scored worse", async () => {
    const text = String(fixtures.copro_attempts_19!.at(-1)!.content);
    expect(readAttempts(text)).toEqual([
      { instruction: BASIC, prefix: "Route:", score: 33.33 },
      { instruction: "Pick the queue for the message.", prefix: "Route:", score: 33.33 },
      { instruction: "Route the message.", prefix: "Route:", score: 33.33 },
    ]);
    const out = await reply(fixtures.copro_attempts_19!);
    expect(out.proposed_prefix_for_output_field).toBe("Route:");
    const scored = `[1] «Instruction #1: ${BASIC} Stay calm and be creative.»\n[2] «Prefix #1: Route:»\n[3] «Resulting Score #1: 20.0»\n[4] «Instruction #2: ${BASIC} Answer with exactly one of the allowed labels.»\n[5] «Prefix #2: Route:»\n[6] «Resulting Score #2: 60.0»`;
    const next = proposeFromAttempts(scored, new SeededRandom("y"));
    expect(next.startsWith(`${BASIC} Answer with exactly one of the allowed labels.`)).toBe(true);
    expect(next).not.toContain("Stay calm");
    expect(proposePrefix({ basicInstruction: "", attemptedInstructions: scored })).toBe("Route:");
    expect(proposePrefix({ basicInstruction: "Given the fields `a`, produce the fields `final_answer`." })).toBe("Final Answer:");
  });
});
