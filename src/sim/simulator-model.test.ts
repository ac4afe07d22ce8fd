import { describe, expect, it } from "vitest";
import { LMInvalidRequestError } from "../errors/lm-errors.js";
import { ValueError } from "../errors/value-error.js";
import type { LMRequest } from "../lm/lm-request.js";
import type { Message } from "../lm/message.js";
import prompts from "./__fixtures__/dspy-prompts.json" with { type: "json" };
import { ALL_EXCERPTS, EXCERPTS, guideMessages, QUESTIONS, type GuideDemo } from "./__fixtures__/guide-task.js";
import { parseChat } from "./__fixtures__/parse-chat.js";
import { SimulatorModel } from "./simulator-model.js";

const fixtures = prompts as Record<string, Message[]>;
const model = new SimulatorModel({ now: () => 0 });

async function reply(messages: Message[], params: LMRequest["params"] = {}, sim = model): Promise<string> {
  const response = await sim.doGenerate({ model: sim.modelId, messages, params });
  return response.outputs[0]!.text!;
}

function withQuery(messages: Message[], content: string): Message[] {
  return [...messages.slice(0, -1), { role: "user", content }];
}

const demo = (i: number, context = ALL_EXCERPTS): GuideDemo => ({ context, question: QUESTIONS[i]!.question, answer: QUESTIONS[i]!.answer });

describe("the guide fixture", () => {
  it("writes DSPy's own prompt byte for byte", () => {
    const demos: GuideDemo[] = [
      { context: ALL_EXCERPTS, question: "When is high water at the north pier?", answer: QUESTIONS[0]!.answer },
      { context: ALL_EXCERPTS, question: "What time does the evening boat leave?", reasoning: "The question is about the boat, so the ferry timetable applies.", answer: QUESTIONS[3]!.answer },
      { context: ALL_EXCERPTS, question: "When are the harbour lamps lit?", reasoning: "The lamps are described in the lamp register.", answer: QUESTIONS[6]!.answer },
    ];
    const query = { context: ALL_EXCERPTS, question: "Where do the terns nest?" };
    expect(guideMessages({ demos, query })).toEqual(fixtures.chat_guide);
    expect(guideMessages({ demos, query, format: "json" })).toEqual(fixtures.json_guide);
    expect(guideMessages({ query })).toEqual(fixtures.chat_guide_zero);
  });
});

describe("SimulatorModel: Chat replies", () => {
  it("writes every output field and the completed marker, parseable back with typed values", async () => {
    const text = await reply(fixtures.chat_severity!);
    expect(text).toMatch(/^\[\[ ## severity ## \]\]\n.*\n\n\[\[ ## confidence ## \]\]\n.*\n\n\[\[ ## escalate ## \]\]\n.*\n\n\[\[ ## completed ## \]\]$/);
    const fields = parseChat(text);
    expect(["low", "medium", "high"]).toContain(fields.severity);
    expect(Number.isFinite(Number(fields.confidence))).toBe(true);
    expect(["True", "False"]).toContain(fields.escalate);
    const keywords = parseChat(await reply(fixtures.chat_keywords!));
    expect(Array.isArray(JSON.parse(keywords.keywords!))).toBe(true);
    expect(Object.keys(JSON.parse(keywords.card!))).toEqual(["headline", "score"]);
    expect(Number.isInteger(Number(keywords.count))).toBe(true);
  });

  it("answers label fields by analogy with the most similar demos", async () => {
    const outage = parseChat(await reply(fixtures.chat_severity!));
    expect(outage).toMatchObject({ severity: "high", escalate: "True" });
    const query = String(fixtures.chat_severity!.at(-1)!.content).replace("The whole site is down for users", "A typo on the dashboard").replace('["outage"]', '["cosmetic"]');
    expect(parseChat(await reply(withQuery(fixtures.chat_severity!, query)))).toMatchObject({ severity: "low", confidence: "0.8", escalate: "False" });
  });

  it("induces a template from the demos and fills it from the query's context, not the demo's", async () => {
    const demos = [demo(0, EXCERPTS.tides), demo(3, EXCERPTS.ferry), demo(6, EXCERPTS.lamps)];
    const fields = parseChat(await reply(guideMessages({ demos, query: { context: EXCERPTS.birds, question: QUESTIONS[10]!.question } })));
    expect(fields.answer).toBe("The bird-log entry says: terns nest on the east rocks and lay 2 eggs.");
    expect(fields.reasoning).toContain("Bird Log");
    // With every excerpt as context, the passage relevant to the question is picked.
    const all = parseChat(await reply(guideMessages({ demos: [demo(0), demo(3)], query: { context: ALL_EXCERPTS, question: QUESTIONS[7]!.question } })));
    expect(all.answer).toBe(QUESTIONS[7]!.answer);
    // DSPy's own prompt (three demos, one incomplete) gets the same kind of answer.
    expect(parseChat(await reply(fixtures.chat_guide!)).answer).toBe(QUESTIONS[9]!.answer);
  });

  it("scores better with relevant demos than with none or with unrelated ones", async () => {
    const unrelated: GuideDemo[] = [
      { context: "Opening Hours: the museum opens at 9.", question: "When does the museum open?", answer: "It opens at 9 every day." },
      { context: "Parking: the lot is free after 6.", question: "Is parking free?", answer: "Parking is free after 6 in the evening." },
    ];
    const score = async (demos: GuideDemo[]) => {
      let exact = 0;
      for (const held of [1, 4, 8, 11]) {
        const fields = parseChat(await reply(guideMessages({ demos, query: { context: ALL_EXCERPTS, question: QUESTIONS[held]!.question } })));
        if (fields.answer === QUESTIONS[held]!.answer) exact++;
      }
      return exact;
    };
    const relevant = await score([0, 3, 6, 9].map((i) => demo(i)));
    expect(relevant).toBe(4);
    expect(await score([])).toBe(0);
    expect(await score(unrelated)).toBeLessThan(relevant);
  });

  it("is deterministic, and varies with rollout_id only when temperature > 0", async () => {
    const messages = guideMessages({ demos: [demo(0), demo(3), demo(6), demo(9)], query: { context: ALL_EXCERPTS, question: QUESTIONS[5]!.question } });
    const first = await reply(messages);
    expect(await reply(messages)).toBe(first);
    expect(await reply(messages, { rollout_id: 7, temperature: 0 })).toBe(first);
    const sampled = await Promise.all(Array.from({ length: 20 }, (_, r) => reply(messages, { rollout_id: r, temperature: 1 })));
    expect(await reply(messages, { rollout_id: 3, temperature: 1 })).toBe(sampled[3]);
    const answers = new Set(sampled.map((text) => parseChat(text).answer));
    expect(answers.size).toBeGreaterThan(1);
    expect(answers).toContain(parseChat(first).answer);
    expect(new SimulatorModel({ seed: 1 }).modelId).toBe("tsdspy-sim-1");
  });

  it("makes a seeded guess among allowed values when no demo helps", async () => {
    const zeroShot = [fixtures.chat_severity![0]!, fixtures.chat_severity!.at(-1)!];
    const a = parseChat(await reply(zeroShot));
    expect(parseChat(await reply(zeroShot))).toEqual(a);
    expect(["low", "medium", "high"]).toContain(a.severity);
    const guesses = new Set<string>();
    for (let r = 0; r < 12; r++) guesses.add(parseChat(await reply(zeroShot, { temperature: 1, rollout_id: r })).severity!);
    expect(guesses.size).toBeGreaterThan(1);
    // A choice the query itself names is taken.
    const named = parseChat(await reply(withQuery(zeroShot, String(zeroShot[1]!.content).replace("The whole site is down for users", "Low priority: typo"))));
    expect(named.severity).toBe("low");
  });

  it("answers zero-shot free text from the most relevant context passage, phrased by the cues", async () => {
    const query = { context: ALL_EXCERPTS, question: QUESTIONS[9]!.question };
    const answerFor = async (instructions: string) => parseChat(await reply(guideMessages({ query, instructions, answerDesc: "" }))).answer!;
    expect(await answerFor("Answer the question.")).toBe("Terns nest on the east rocks and lay 2 eggs.");
    expect(await answerFor("Answer the question. Cite the source.")).toBe("According to the Bird Log, terns nest on the east rocks and lay 2 eggs.");
    expect(await answerFor("Answer the question, quoting the context.")).toContain('As stated: "Bird Log:');
    expect(await answerFor("Be polite.")).toMatch(/^Thank you for asking\. /);
    expect(await answerFor("Answer the question. Do not cite the source.")).toBe("Terns nest on the east rocks and lay 2 eggs.");
  });
});

describe("SimulatorModel: JSON, XML, n, streaming, limits", () => {
  it("replies with a JSON object when the prompt or response_format asks for JSON", async () => {
    const guide = JSON.parse(await reply(fixtures.json_guide!));
    expect(Object.keys(guide)).toEqual(["reasoning", "answer"]);
    expect(guide.answer).toBe(QUESTIONS[9]!.answer);
    expect(JSON.parse(await reply(fixtures.json_severity!))).toEqual({ severity: "high", confidence: 0.9, escalate: true });
    expect(await reply(fixtures.json_severity!)).toContain('"confidence": 0.9');
    const bare = fixtures.chat_guide_zero!.map((m, i, all) => (i === all.length - 1 ? { ...m, content: String(m.content).split("\n\nRespond with")[0]! } : m));
    expect(Object.keys(JSON.parse(await reply(bare, { response_format: { type: "json_object" } })))).toEqual(["reasoning", "answer"]);
    const schema = { type: "object", properties: { city: { type: "string" }, rank: { type: "integer" } } };
    const filled = JSON.parse(await reply([{ role: "user", content: "Name a city in France" }], { response_format: { type: "json_schema", json_schema: { name: "x", schema } } }));
    expect(typeof filled.city).toBe("string");
    expect(Number.isInteger(filled.rank)).toBe(true);
  });

  it("replies in XMLAdapter's layout when the prompt asks for XML tags", async () => {
    expect(await reply(fixtures.xml_guide!)).toMatch(/^<reasoning>\n[^<]+\n<\/reasoning>\n\n<answer>\nThe bird-log entry says: terns nest on the east rocks and lay 2 eggs\.\n<\/answer>$/);
    expect(await reply(fixtures.xml_keywords!)).toMatch(/^<keywords>(<item>[^<]+<\/item>)+<\/keywords>\n\n<card><headline>[^<]*<\/headline><score>[\d.]+<\/score><\/card>\n\n<count>\n\d+\n<\/count>$/);
  });

  it("returns n completions, identical at temperature 0 and sampled above it, with usage and model", async () => {
    const messages = guideMessages({ demos: [demo(0), demo(3)], query: { context: ALL_EXCERPTS, question: QUESTIONS[4]!.question } });
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

  it("streams token-like deltas that add up to each completion, then finish", async () => {
    const request = { model: model.modelId, messages: fixtures.chat_guide!, params: { n: 2, temperature: 1, rollout_id: 1 } };
    const whole = await model.doGenerate(request);
    const texts = ["", ""];
    const parts = [];
    for await (const part of model.doStream(request)) parts.push(part);
    for (const part of parts) if (part.type === "text-delta") texts[part.index] += part.delta;
    expect(texts).toEqual(whole.outputs.map((o) => o.text));
    const deltas = parts.filter((p) => p.type === "text-delta").map((p) => (p as { delta: string }).delta);
    expect(deltas.every((d) => d.trim().length <= 4)).toBe(true);
    expect(deltas.slice(0, 4)).toEqual(["[[", " ##", " reas", "onin"]); // a field marker arrives split, as from a real model
    expect(parts.at(-1)).toEqual({ type: "finish", response: whole });
  });

  it("stops streaming when the signal aborts", async () => {
    const controller = new AbortController();
    const slow = new SimulatorModel({ streamDelayMs: 1 });
    const seen: string[] = [];
    const run = (async () => {
      for await (const part of slow.doStream({ model: "m", messages: fixtures.chat_guide!, params: {}, signal: controller.signal })) {
        if (part.type === "text-delta") seen.push(part.delta);
        if (seen.length === 3) controller.abort(new Error("stop"));
      }
    })();
    await expect(run).rejects.toThrow("stop");
    expect(seen).toHaveLength(3);
  });

  it("honours stop and max_tokens", async () => {
    const stopped = await model.doGenerate({ model: "m", messages: fixtures.chat_guide!, params: { stop: ["\n\n[[ ## answer"] } });
    expect(stopped.outputs[0]!.text).toMatch(/^\[\[ ## reasoning ## \]\]\n[^[]+$/);
    const cut = await model.doGenerate({ model: "m", messages: fixtures.chat_guide!, params: { max_tokens: 5 } });
    expect(cut.outputs[0]).toEqual({ text: expect.stringMatching(/^.{20}$/s), finishReason: "length" });
  });
});

describe("SimulatorModel: other prompts", () => {
  it("answers plain prompts without crashing", async () => {
    expect(await reply([{ role: "user", content: "What is the capital of Peru?" }])).toContain("What is the capital of Peru?");
    expect(await reply([{ role: "system", content: "Be brief." }, { role: "user", content: "" }])).toMatch(/^Hello/);
  });

  it("never crashes on broken or unusual prompts", async () => {
    const keys = Object.keys(fixtures);
    const inserts = ["[[ ## x ## ]]", "«", "»»»", "\n", "{", "Not supplied for this particular example.", "<answer>", "```", "Literal['", "1. `a` (", "# Example 1\n## Feedback\n", "Example({'a': "];
    for (let i = 0; i < 200; i++) {
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

  it("rejects requests it cannot answer with LMInvalidRequestError, and unknown rule names with ValueError", async () => {
    await expect(model.doGenerate({ model: "m", messages: [], params: {} })).rejects.toBeInstanceOf(LMInvalidRequestError);
    await expect(model.doGenerate({ model: "m", messages: fixtures.chat_guide!, params: { n: 0 } })).rejects.toThrow(/`n` must be an integer/);
    expect(() => new SimulatorModel({ disableRules: ["template", "mind-reading" as never] })).toThrow(ValueError);
    expect(() => new SimulatorModel({ disableRules: ["mind-reading" as never] })).toThrow(/Unknown simulator rule\(s\): mind-reading\. Known rules: label-vote, /);
  });

  it("switches documented rules off for ablation", async () => {
    const messages = guideMessages({ demos: [demo(0, EXCERPTS.tides), demo(3, EXCERPTS.ferry)], query: { context: EXCERPTS.birds, question: QUESTIONS[10]!.question } });
    expect(parseChat(await reply(messages)).answer).toBe("The bird-log entry says: terns nest on the east rocks and lay 2 eggs.");
    const noTemplates = new SimulatorModel({ disableRules: ["template"] });
    expect(parseChat(await reply(messages, {}, noTemplates)).answer).toBe("Terns nest on the east rocks and lay 2 eggs.");
  });
});

describe("SimulatorModel: bounded work on hostile prompts", () => {
  it("answers huge unpunctuated instructions, inputs and feedback quickly", async () => {
    const words = Array.from({ length: 20_000 }, (_, i) => (i % 7 === 0 ? "if the message mentions" : `w${i % 97}`)).join(" ");
    // CPU time of this process, not wall-clock time: the bound holds however loaded the machine is.
    const started = process.cpuUsage();
    await reply(guideMessages({ query: { context: words, question: words.slice(0, 5000) }, instructions: words }));
    const records = Array.from({ length: 40 }, (_, i) => `# Example ${i + 1}\n## Inputs\n### phrase\n${words.slice(0, 2000)}\n\n## Generated Outputs\n### code\nx\n\n## Feedback\nExpected "${words.slice(i, i + 300)}".\n\n`).join("\n");
    await reply([{ role: "user", content: `I provided an assistant with the following instructions:\n\`\`\`\n${words}\n\`\`\`\n\n\`\`\`\n${records}\n\`\`\`\n\nProvide the new instructions within \`\`\` blocks.` }]);
    const { user, system } = process.cpuUsage(started);
    expect((user + system) / 1000).toBeLessThan(5_000);
  });
});
