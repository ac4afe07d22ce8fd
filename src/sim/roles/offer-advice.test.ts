import { describe, expect, it } from "vitest";
import type { Message } from "../../lm/message.js";
import prompts from "../__fixtures__/dspy-prompts.json" with { type: "json" };
import { parseChat } from "../__fixtures__/parse-chat.js";
import { SimulatorModel } from "../simulator-model.js";
import { offerAdvice } from "./offer-advice.js";

const fixtures = prompts as Record<string, Message[]>;
const model = new SimulatorModel();
const reply = async (messages: Message[]) => parseChat((await model.doGenerate({ model: "m", messages, params: {} })).outputs[0]!.text!);

describe("the advice role (SIMBA's and Refine's OfferFeedback)", () => {
  it("advises each module with a rule built from the evidence the better trajectory used", async () => {
    const out = await reply(fixtures.simba_offer_feedback!);
    expect(JSON.parse(out.module_advice!)).toEqual({ "pick.predict": 'If the `message` mentions "zorp", set `route` to "vexa".' });
    expect(out.discussion).toBe('`pick.predict` gave `route` = "morli" in the worse run but "vexa" in the better one.');
  });

  it("prefers the example's label when the prompt shows it, states a text form when one explains it, and leaves agreeing modules be", () => {
    const step = (route: string, reasoning = "") => ({ module_name: "pick", inputs: { message: "cove zorp" }, outputs: { reasoning, route } });
    expect(offerAdvice({ moduleNames: ["pick"], better: [step("morli")], worse: [step("tarun")], oracle: { route: "vexa" } }).advice.pick).toBe('If the `message` mentions "cove" or "zorp", set `route` to "vexa".');
    const form = offerAdvice({
      moduleNames: ["encode"],
      better: [{ module_name: "encode", inputs: { phrase: "alder brim" }, outputs: { code: "BRIM ALDER" } }],
      worse: [{ module_name: "encode", inputs: { phrase: "alder brim" }, outputs: { code: "alder brim" } }],
      oracle: {},
    });
    expect(form.advice.encode).toBe("To produce `code` from `phrase`: first reverse the order of the words, then write every letter in upper case.");
    expect(offerAdvice({ moduleNames: ["pick", "other"], better: [step("vexa")], worse: [step("vexa")], oracle: {} }).advice).toEqual({ pick: "Keep producing `route` as in the better run.", other: "N/A" });
  });

  it("tells a module not to repeat a value that scored below the threshold (Refine), and the retry follows the hint", async () => {
    const out = await reply(fixtures.refine_feedback_1!);
    expect(JSON.parse(out.advice!)).toEqual({ self: 'Do not answer "morli" for `route`; give a different answer for this input.' });
    // Refine's retry shows the hint in `hint_`: the avoided value is not given again.
    const retry = await reply(fixtures.refine_hint_2!);
    expect(String(fixtures.refine_hint_2!.at(-1)!.content)).toContain('Do not answer "morli" for `route`');
    expect(retry.route).not.toBe("morli");
  });
});
