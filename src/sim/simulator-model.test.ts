import { describe, expect, it } from "vitest";
import { LMInvalidRequestError } from "../errors/lm-errors.js";
import type { LMRequest } from "../lm/lm-request.js";
import type { Message } from "../lm/message.js";
import prompts from "./__fixtures__/dspy-prompts.json" with { type: "json" };
import { ALL_POLICIES, POLICIES, supportMessages, TICKETS, type SupportDemo } from "./__fixtures__/support-task.js";
import { SimulatorModel } from "./simulator-model.js";

const fixtures = prompts as Record<string, Message[]>;
const model = new SimulatorModel({ now: () => 0 });

async function reply(messages: Message[], params: LMRequest["params"] = {}): Promise<string> {
  const response = await model.doGenerate({ model: model.modelId, messages, params });
  return response.outputs[0]!.text!;
}

/** A tiny ChatAdapter-style parse: `[[ ## name ## ]]` sections, first occurrence wins. */
function parseChat(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  const parts = text.split(/^\[\[ ## (\w+) ## \]\]$/m);
  for (let i = 1; i + 1 < parts.length; i += 2) if (!(parts[i]! in fields)) fields[parts[i]!] = parts[i + 1]!.trim();
  return fields;
}

function withQuery(messages: Message[], content: string): Message[] {
  return [...messages.slice(0, -1), { role: "user", content }];
}

const demo = (i: number, context = ALL_POLICIES): SupportDemo => ({ context, ticket: TICKETS[i]!.ticket, resolution: TICKETS[i]!.resolution });

describe("SimulatorModel: Chat replies", () => {
  it("writes every output field and the completed marker, parseable back with typed values", async () => {
    const text = await reply(fixtures.chat_urgency!);
    expect(text).toMatch(/^\[\[ ## urgency ## \]\]\n.*\n\n\[\[ ## confidence ## \]\]\n.*\n\n\[\[ ## escalate ## \]\]\n.*\n\n\[\[ ## completed ## \]\]$/);
    const fields = parseChat(text);
    expect(["low", "medium", "high"]).toContain(fields.urgency);
    expect(Number.isFinite(Number(fields.confidence))).toBe(true);
    expect(["True", "False"]).toContain(fields.escalate);
    const keywords = parseChat(await reply(fixtures.chat_keywords!));
    expect(Array.isArray(JSON.parse(keywords.keywords!))).toBe(true);
    expect(Object.keys(JSON.parse(keywords.card!))).toEqual(["headline", "score"]);
    expect(Number.isInteger(Number(keywords.count))).toBe(true);
  });

  it("answers label fields by analogy with the most similar demos", async () => {
    const outage = parseChat(await reply(fixtures.chat_urgency!));
    expect(outage).toMatchObject({ urgency: "high", escalate: "True" });
    const billing = parseChat(
      await reply(withQuery(fixtures.chat_urgency!, fixtures.chat_urgency!.at(-1)!.content!.toString().replace("The whole site is down for customers", "A typo in the invoice").replace('["outage"]', '["billing"]'))),
    );
    expect(billing).toMatchObject({ urgency: "low", confidence: "0.8", escalate: "False" });
  });

  it("induces a template from the demos and fills it from the query's context, not the demo's", async () => {
    const demos = [demo(0, POLICIES.late), demo(3, POLICIES.refund), demo(6, POLICIES.damage)];
    const query = { context: POLICIES.lost, ticket: TICKETS[9]!.ticket };
    const fields = parseChat(await reply(supportMessages({ demos, query })));
    expect(fields.resolution).toBe("Per the lost-package policy, you qualify for a full reshipment.");
    expect(fields.reasoning).toContain("Lost Package Policy");
    // The same with the whole policy list as context: the relevant passage is picked for the ticket.
    const all = parseChat(await reply(supportMessages({ demos: [demo(0), demo(3)], query: { context: ALL_POLICIES, ticket: TICKETS[7]!.ticket } })));
    expect(all.resolution).toBe("Per the damaged-item policy, you qualify for a free replacement.");
  });

  it("scores better with relevant demos than with none or with unrelated ones", async () => {
    const unrelated: SupportDemo[] = [
      { context: "Store Hours: open 9 to 5.", ticket: "When are you open?", resolution: "We are open from 9 to 5 on weekdays." },
      { context: "Shipping: free over $50.", ticket: "Is shipping free?", resolution: "Shipping is free for orders above $50." },
    ];
    const score = async (demos: SupportDemo[]) => {
      let exact = 0;
      for (const held of [1, 4, 8, 10]) {
        const fields = parseChat(await reply(supportMessages({ demos, query: { context: ALL_POLICIES, ticket: TICKETS[held]!.ticket } })));
        if (fields.resolution === TICKETS[held]!.resolution) exact++;
      }
      return exact;
    };
    const relevant = await score([0, 3, 6, 9].map((i) => demo(i)));
    expect(relevant).toBe(4);
    expect(await score([])).toBe(0);
    expect(await score(unrelated)).toBeLessThan(relevant);
  });

  it("is deterministic, and varies with rollout_id only when temperature > 0", async () => {
    const messages = supportMessages({ demos: [demo(0), demo(3), demo(6), demo(9)], query: { context: ALL_POLICIES, ticket: TICKETS[5]!.ticket } });
    const first = await reply(messages);
    expect(await reply(messages)).toBe(first);
    expect(await reply(messages, { rollout_id: 7, temperature: 0 })).toBe(first);
    const sampled = await Promise.all(Array.from({ length: 20 }, (_, r) => reply(messages, { rollout_id: r, temperature: 1 })));
    expect(await reply(messages, { rollout_id: 3, temperature: 1 })).toBe(sampled[3]);
    const resolutions = new Set(sampled.map((text) => parseChat(text).resolution));
    expect(resolutions.size).toBeGreaterThan(1);
    expect(resolutions).toContain(parseChat(first).resolution);
    expect(new SimulatorModel({ seed: 1 }).modelId).toBe("tsdspy-sim-1");
  });

  it("makes a seeded guess among allowed values when no demo helps", async () => {
    const zeroShot = [fixtures.chat_urgency![0]!, fixtures.chat_urgency!.at(-1)!];
    const a = parseChat(await reply(zeroShot));
    expect(parseChat(await reply(zeroShot))).toEqual(a);
    expect(["low", "medium", "high"]).toContain(a.urgency);
    const guesses = new Set<string>();
    for (let r = 0; r < 12; r++) guesses.add(parseChat(await reply(zeroShot, { temperature: 1, rollout_id: r })).urgency!);
    expect(guesses.size).toBeGreaterThan(1);
    // A choice the query itself names is taken.
    const named = parseChat(await reply(withQuery(zeroShot, zeroShot[1]!.content!.toString().replace("The whole site is down for customers", "Low priority: typo"))));
    expect(named.urgency).toBe("low");
  });
});

describe("SimulatorModel: instruction cues", () => {
  const query = { context: ALL_POLICIES, ticket: TICKETS[9]!.ticket };
  const resolutionFor = async (instructions: string) =>
    parseChat(await reply(supportMessages({ query, instructions, resolutionDesc: "" }))).resolution!;

  it("changes zero-shot answers according to documented cues", async () => {
    const plain = await resolutionFor("Resolve the ticket.");
    expect(plain).toBe("Thanks for reaching out. Packages marked delivered but not received qualify for a full reshipment.");
    expect(await resolutionFor("Resolve the ticket. Cite the policy.")).toBe(
      "Thanks for reaching out. Per the Lost Package Policy, packages marked delivered but not received qualify for a full reshipment.",
    );
    expect(await resolutionFor("Resolve the ticket. Be concise and cite the policy.")).toBe(
      "Per the Lost Package Policy, packages marked delivered but not received qualify for a full reshipment.",
    );
    expect(await resolutionFor("Resolve the ticket, quoting the context.")).toContain('As stated: "Lost Package Policy:');
    expect(await resolutionFor("Be polite.")).toMatch(/^We're sorry for the trouble\./);
  });

  it("hedges a free-text label unless told to answer with one of the labels", async () => {
    const system =
      "Your input fields are:\n1. `text` (str):\nYour output fields are:\n1. `label` (str):\nAll interactions will be structured in the following way, with the appropriate values filled in.\n\n" +
      "[[ ## text ## ]]\n{text}\n\n[[ ## label ## ]]\n{label}\n\n[[ ## completed ## ]]\nIn adhering to this structure, your objective is: \n        ";
    const turns: Message[] = [];
    for (const [text, label] of [["great product", "positive"], ["awful service", "negative"], ["love it", "positive"]]) {
      turns.push({ role: "user", content: `[[ ## text ## ]]\n${text}` }, { role: "assistant", content: `[[ ## label ## ]]\n${label}\n\n[[ ## completed ## ]]\n` });
    }
    const ask = (instructions: string) => [
      { role: "system" as const, content: system + instructions },
      ...turns,
      { role: "user" as const, content: "[[ ## text ## ]]\nshipping took a week\n\nRespond with the corresponding output fields, starting with the field `[[ ## label ## ]]`, and then ending with the marker for `[[ ## completed ## ]]`." },
    ];
    expect(parseChat(await reply(ask("Classify the text."))).label).toBe("Probably positive, though I am not certain.");
    expect(parseChat(await reply(ask("Answer with exactly one label."))).label).toBe("positive");
  });

  it("writes instructions for proposer prompts from the basic instruction and the tip", async () => {
    const system =
      "Your input fields are:\n1. `basic_instruction` (str): Basic instruction.\n2. `tip` (str): A suggestion for how to go about generating the new instruction.\n" +
      "Your output fields are:\n1. `proposed_instruction` (str): Propose an instruction that will be used to prompt a Language Model to perform this task.\n" +
      "All interactions will be structured in the following way, with the appropriate values filled in.\n\n[[ ## basic_instruction ## ]]\n{basic_instruction}\n\n[[ ## tip ## ]]\n{tip}\n\n" +
      "[[ ## proposed_instruction ## ]]\n{proposed_instruction}\n\n[[ ## completed ## ]]\nIn adhering to this structure, your objective is: \n        Use the information below to learn about a task that we are trying to solve using calls to an LM, then generate a new instruction that will be used to prompt a Language Model to better solve the task.";
    const text = await reply([
      { role: "system", content: system },
      { role: "user", content: "[[ ## basic_instruction ## ]]\nResolve the ticket.\n\n[[ ## tip ## ]]\nKeep the instruction clear and concise.\n\nRespond with the corresponding output fields, starting with the field `[[ ## proposed_instruction ## ]]`, and then ending with the marker for `[[ ## completed ## ]]`." },
    ]);
    const proposed = parseChat(text).proposed_instruction!;
    expect(proposed.startsWith("Resolve the ticket. ")).toBe(true);
    expect(proposed).toContain("Keep the answer concise.");
  });
});

describe("SimulatorModel: JSON, n, streaming, limits", () => {
  it("replies with a JSON object when the prompt or response_format asks for JSON", async () => {
    const support = JSON.parse(await reply(fixtures.json_support!));
    expect(Object.keys(support)).toEqual(["reasoning", "resolution"]);
    expect(support.resolution).toBe("Per the lost-package policy, you qualify for a full reshipment.");
    const urgency = JSON.parse(await reply(fixtures.json_urgency!));
    expect(urgency).toEqual({ urgency: "high", confidence: 0.9, escalate: true });
    expect(await reply(fixtures.json_urgency!)).toContain('"confidence": 0.9');
    const forced = JSON.parse(await reply(fixtures.chat_support_zero!.map((m, i, all) => (i === all.length - 1 ? { ...m, content: String(m.content).split("\n\nRespond with")[0]! } : m)), { response_format: { type: "json_object" } }));
    expect(Object.keys(forced)).toEqual(["reasoning", "resolution"]);
    const schema = { type: "object", properties: { city: { type: "string" }, rank: { type: "integer" } } };
    const filled = JSON.parse(await reply([{ role: "user", content: "Name a city in France" }], { response_format: { type: "json_schema", json_schema: { name: "x", schema } } }));
    expect(typeof filled.city).toBe("string");
    expect(Number.isInteger(filled.rank)).toBe(true);
  });

  it("replies in XMLAdapter's layout when the prompt asks for XML tags", async () => {
    const support = await reply(fixtures.xml_support!);
    expect(support).toMatch(/^<reasoning>\n[^<]+\n<\/reasoning>\n\n<resolution>\nPer the lost-package policy, you qualify for a full reshipment\.\n<\/resolution>$/);
    const keywords = await reply(fixtures.xml_keywords!);
    expect(keywords).toMatch(/^<keywords>(<item>[^<]+<\/item>)+<\/keywords>\n\n<card><headline>[^<]*<\/headline><score>[\d.]+<\/score><\/card>\n\n<count>\n\d+\n<\/count>$/);
  });

  it("returns n completions, identical at temperature 0 and sampled above it, with usage and model", async () => {
    const messages = supportMessages({ demos: [demo(0), demo(3)], query: { context: ALL_POLICIES, ticket: TICKETS[4]!.ticket } });
    const cold = await model.doGenerate({ model: model.modelId, messages, params: { n: 3 } });
    expect(cold.outputs).toHaveLength(3);
    expect(new Set(cold.outputs.map((o) => o.text)).size).toBe(1);
    expect(cold.model).toBe("tsdspy-sim-1");
    expect(cold.usage.prompt_tokens).toBeGreaterThan(100);
    expect(cold.usage.total_tokens).toBe(cold.usage.prompt_tokens! + cold.usage.completion_tokens!);
    expect(cold.outputs[0]!.finishReason).toBe("stop");
    const warm = await model.doGenerate({ model: model.modelId, messages, params: { n: 16, temperature: 1.5 } });
    expect(new Set(warm.outputs.map((o) => o.text)).size).toBeGreaterThan(1);
  });

  it("streams text deltas that add up to the reply, then finish", async () => {
    const request = { model: model.modelId, messages: fixtures.chat_support!, params: { n: 2, temperature: 1, rollout_id: 1 } };
    const whole = await model.doGenerate(request);
    const texts = ["", ""];
    const parts = [];
    for await (const part of model.doStream(request)) parts.push(part);
    for (const part of parts) if (part.type === "text-delta") texts[part.index] += part.delta;
    expect(texts).toEqual(whole.outputs.map((o) => o.text));
    expect(parts.filter((p) => p.type === "text-delta").length).toBeGreaterThan(4);
    expect(parts.at(-1)).toEqual({ type: "finish", response: whole });
  });

  it("honours stop and max_tokens", async () => {
    const stopped = await model.doGenerate({ model: "m", messages: fixtures.chat_support!, params: { stop: ["\n\n[[ ## resolution"] } });
    expect(stopped.outputs[0]!.text).toMatch(/^\[\[ ## reasoning ## \]\]\n[^[]+$/);
    const cut = await model.doGenerate({ model: "m", messages: fixtures.chat_support!, params: { max_tokens: 5 } });
    expect(cut.outputs[0]).toEqual({ text: expect.stringMatching(/^.{20}$/s), finishReason: "length" });
  });
});

describe("SimulatorModel: other prompts", () => {
  it("answers plain prompts without crashing, and rewrites fenced instructions (GEPA's reflection prompt)", async () => {
    expect(await reply([{ role: "user", content: "What is the capital of Peru?" }])).toContain("What is the capital of Peru?");
    expect(await reply([{ role: "system", content: "Be brief." }, { role: "user", content: "" }])).toMatch(/^Hello/);
    const reflection =
      "I provided an assistant with the following instructions to perform a task for me:\n```\nResolve the ticket.\n```\n\n" +
      "The following are examples of different task inputs provided to the assistant along with the assistant's response for each of them, and some feedback on how the assistant's response could be better:\n```\n# Example 1\n## Inputs\n### ticket_text\nMy order is late\n\n## Generated Outputs\n### resolution\nThanks for reaching out.\n\n## Feedback\nThe answer must cite the policy.\n\n\n```\n\nYour task is to write a new instruction for the assistant.\n\nProvide the new instructions within ``` blocks.";
    const rewritten = await reply([{ role: "user", content: reflection }]);
    expect(rewritten).toMatch(/^```\nResolve the ticket\. .*Cite the relevant policy by name\..*\n```$/s);
  });

  it("never crashes on damaged or unusual prompts", async () => {
    const keys = Object.keys(fixtures);
    const inserts = ["[[ ## x ## ]]", "«", "»»»", "\n", "{", "Not supplied for this particular example.", "<resolution>", "```", "Literal['", "1. `a` ("];
    for (let i = 0; i < 150; i++) {
      const messages = structuredClone(fixtures[keys[i % keys.length]!]!);
      const target = messages[(i * 7) % messages.length]!;
      const text = String(target.content ?? "");
      const at = (i * 131) % (text.length + 1);
      if (i % 3 === 0) target.content = text.slice(0, at) + inserts[i % inserts.length] + text.slice(at);
      else if (i % 3 === 1) target.content = text.slice(0, at);
      else target.role = (["system", "user", "assistant"] as const)[i % 3]!;
      const response = await model.doGenerate({ model: "m", messages, params: { temperature: i % 2, rollout_id: i } });
      expect(typeof response.outputs[0]!.text).toBe("string");
    }
  });

  it("rejects requests it cannot answer with LMInvalidRequestError", async () => {
    await expect(model.doGenerate({ model: "m", messages: [], params: {} })).rejects.toBeInstanceOf(LMInvalidRequestError);
    await expect(model.doGenerate({ model: "m", messages: fixtures.chat_support!, params: { n: 0 } })).rejects.toThrow(/`n` must be an integer/);
  });
});
