import { describe, expect, it } from "vitest";
import type { Message } from "../lm/message.js";
import { chatPrompt } from "./__fixtures__/format-prompt.js";
import { parseChat } from "./__fixtures__/parse-chat.js";
import { SimulatorModel } from "./simulator-model.js";
import type { SimRule } from "./sim-rules.js";

const ROUTE = "message -> route: Literal['vexa', 'morli', 'tarun']";
const BASIC = "Given the fields `message`, produce the fields `route`.";
const RULES = 'If the `message` mentions "zorp" or "quib", set `route` to "vexa". If the `message` mentions "plen", set `route` to "morli". If the `message` mentions "kelvo", set `route` to "tarun".';
const QUERIES: Array<[string, string]> = [
  ["alder zorp cove", "vexa"],
  ["brim dune quib ember", "vexa"],
  ["fjord plen glen", "morli"],
  ["heath inlet kelvo jetty", "tarun"],
  ["knoll plen ledge moor", "morli"],
  ["nook kelvo oxbow", "tarun"],
];
const DEMOS = [
  { message: "alder brim zorp", route: "vexa" },
  { message: "cove dune plen", route: "morli" },
  { message: "ember fjord kelvo", route: "tarun" },
];

async function answer(messages: Message[], options: { disable?: SimRule[]; params?: Record<string, unknown> } = {}): Promise<Record<string, string>> {
  const model = new SimulatorModel({ disableRules: options.disable ?? [] });
  const response = await model.doGenerate({ model: "m", messages, params: options.params ?? {} });
  return parseChat(response.outputs[0]!.text!);
}

async function accuracy(instructions: string, demos: Array<Record<string, unknown>> = [], disable: SimRule[] = []): Promise<number> {
  let right = 0;
  for (const [message, route] of QUERIES) if ((await answer(chatPrompt(ROUTE, instructions, demos, { message }), { disable })).route === route) right++;
  return right / QUERIES.length;
}

describe("stated rules (rule stated-rules)", () => {
  it("follows a stated keyword rule, without any demo", async () => {
    expect(await accuracy(`${BASIC} ${RULES}`)).toBe(1);
    expect(await accuracy(BASIC)).toBeLessThan(0.6);
    expect(await accuracy(`${BASIC} ${RULES}`, [], ["stated-rules"])).toBeLessThan(0.6);
  });

  it("lets a stated rule win over the demos, so a right rule helps and a wrong one hurts", async () => {
    const demosAlone = await accuracy(BASIC, DEMOS);
    expect(demosAlone).toBeCloseTo(4 / 6); // two queries use signal words no demo shows
    expect(await accuracy(`${BASIC} ${RULES}`, DEMOS)).toBe(1);
    const wrong = 'If the `message` mentions "zorp" or "quib", set `route` to "tarun".';
    expect(await accuracy(`${BASIC} ${wrong}`, DEMOS)).toBeLessThan(demosAlone);
  });

  it("follows always/never rules and reads rules from a hint input", async () => {
    expect((await answer(chatPrompt(ROUTE, `${BASIC} Always answer "morli".`, [], { message: "alder zorp" }))).route).toBe("morli");
    const never = await answer(chatPrompt(ROUTE, BASIC, DEMOS, { message: "alder zorp" }));
    expect(never.route).toBe("vexa");
    expect((await answer(chatPrompt(ROUTE, `${BASIC} Never answer "vexa".`, DEMOS, { message: "alder zorp" }))).route).not.toBe("vexa");
    const demos = DEMOS.map((d) => ({ ...d, hint_: "N/A" }));
    const hinted = chatPrompt("message, hint_ -> route: Literal['vexa', 'morli', 'tarun']", BASIC, demos, { message: "cove plen", hint_: 'If the message mentions "plen", answer "tarun".' });
    expect((await answer(hinted)).route).toBe("tarun");
    expect((await answer(hinted, { disable: ["hint-inputs"] })).route).toBe("morli");
  });
});

describe("stated output forms (rule output-form)", () => {
  const CODE = "phrase -> code";
  const queries = ["heath alder cove", "dune brim", "oxbow glen jetty knoll"];

  it("applies a stated sequence of operations to the input", async () => {
    const instruction = "Given the fields `phrase`, produce the fields `code`. First reverse the order of the words in the `phrase`, then join them with hyphens in upper case.";
    for (const phrase of queries) {
      const expected = phrase.split(" ").reverse().join("-").toUpperCase();
      expect((await answer(chatPrompt(CODE, instruction, [], { phrase }))).code).toBe(expected);
    }
    expect((await answer(chatPrompt(CODE, instruction, [], { phrase: queries[0] }), { disable: ["output-form"] })).code).not.toBe("COVE-ALDER-HEATH");
  });

  it("restyles an answer found otherwise when the form only restyles it", async () => {
    const demos = [{ phrase: "alder brim", code: "alder brim" }, { phrase: "cove dune ember", code: "cove dune ember" }];
    expect((await answer(chatPrompt(CODE, "Copy the phrase.", demos, { phrase: "fjord glen" }))).code).toBe("fjord glen");
    expect((await answer(chatPrompt(CODE, "Copy the phrase. Answer in upper case.", demos, { phrase: "fjord glen" }))).code).toBe("FJORD GLEN");
  });

  it("answers with the span of a stated shape, from the passage the rules point to", async () => {
    const spec = "records, request -> code";
    const records = "Vornek Ledger: the kalim is kept under QX-4821.\nBrastin Roll: the dovel is kept under KT-1193.";
    const shaped = 'Answer `code` with the part of the input shaped like "AB-1234".';
    expect((await answer(chatPrompt(spec, shaped, [], { records, request: "Where is the dovel kept?" }))).code).toBe("KT-1193");
    const sourced = `${shaped} If the request mentions "glint", use the passage titled "Vornek Ledger".`;
    expect((await answer(chatPrompt(spec, shaped, [], { records, request: "Where is the glint item?" }))).code).toBe("QX-4821"); // first of two ties
    expect((await answer(chatPrompt(spec, sourced, [], { records: records.split("\n").reverse().join("\n"), request: "Where is the glint item?" }))).code).toBe("QX-4821");
  });
});

describe("harmful and irrelevant instructions", () => {
  it("makes irrelevant sentences cost about a tenth of the answers each (rule distraction)", async () => {
    const noise = ["Imagine a quiet harbour at dawn.", "Remember that violets bloom in early spring.", "Count the clouds above the hills."];
    const rate = async (sentences: string[], disable: SimRule[] = []) => {
      let wrong = 0;
      const total = 150;
      for (let i = 0; i < total; i++) {
        const message = `item${i} ${i % 2 ? "zorp" : "plen"} note${i}`;
        const expected = i % 2 ? "vexa" : "morli";
        if ((await answer(chatPrompt(ROUTE, [BASIC, RULES, ...sentences].join(" "), [], { message }), { disable })).route !== expected) wrong++;
      }
      return wrong / total;
    };
    expect(await rate([])).toBe(0);
    const one = await rate(noise.slice(0, 1));
    const three = await rate(noise);
    expect(one).toBeGreaterThan(0.03);
    expect(one).toBeLessThan(0.2);
    expect(three).toBeGreaterThan(one);
    expect(await rate(noise, ["distraction"])).toBe(0);
    // A persona or a sentence about the task is not noise.
    expect(await rate(["You are a meticulous dispatcher.", "Read the message carefully."])).toBe(0);
  });

  it("ignores the demos, guesses or pads the answer when told to (rule harmful-directives)", async () => {
    const demosAlone = await accuracy(BASIC, DEMOS);
    expect(await accuracy(`${BASIC} Ignore the examples.`, DEMOS)).toBeLessThan(demosAlone);
    expect(await accuracy(`${BASIC} Ignore the examples.`, DEMOS, ["harmful-directives"])).toBe(demosAlone);
    expect(await accuracy(`${BASIC} ${RULES} Answer at random.`)).toBeLessThan(0.6);
    const padded = await answer(chatPrompt("phrase -> code", "Copy the phrase. Be verbose.", [{ phrase: "alder brim", code: "alder brim" }], { phrase: "cove dune" }));
    expect(padded.code!.startsWith("cove dune To explain further")).toBe(true);
  });
});
