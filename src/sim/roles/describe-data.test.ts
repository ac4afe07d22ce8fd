import { describe, expect, it } from "vitest";
import type { Message } from "../../lm/message.js";
import prompts from "../__fixtures__/dspy-prompts.json" with { type: "json" };
import { parseChat } from "../__fixtures__/parse-chat.js";
import { SimulatorModel } from "../simulator-model.js";
import { describeExamples, summarizeObservations } from "./describe-data.js";
import { readExampleReprs } from "./read-examples.js";

const fixtures = prompts as Record<string, Message[]>;
const model = new SimulatorModel();
const reply = async (key: string) => parseChat((await model.doGenerate({ model: "m", messages: fixtures[key]!, params: { temperature: 1 } })).outputs[0]!.text!);

describe("the dataset-descriptor role (MIPROv2's DatasetDescriptor)", () => {
  it("reads DSPy's Example reprs", () => {
    const text = String(fixtures.mipro_describe_0!.at(-1)!.content);
    const examples = readExampleReprs(text);
    expect(examples).toHaveLength(10);
    expect(examples[0]).toEqual({ inputs: { message: "drask moor brim cove of" }, outputs: { route: "morli" } });
    expect(readExampleReprs("[Example({'q': 'it\\'s', 'n': 3, 'tags': ['a']}) (input_keys={'q', 'tags'})]")).toEqual([{ inputs: { q: "it's", tags: '["a"]' }, outputs: { n: "3" } }]);
  });

  it("writes observations: structure, value counts and the words seen with one value only", async () => {
    const { observations } = await reply("mipro_describe_0");
    const lines = observations!.split("\n");
    expect(lines[0]).toBe("The examples map `message` to `route` (10 shown).");
    expect(lines[1]).toBe('`route` takes 3 values: "tarun" (6), "vexa" (3), "morli" (1).');
    expect(lines).toContain('Examples whose `route` is "vexa" (3 of 10) mention in `message`: "zorp" ×2, "quib" ×1.');
    expect(lines.find((l) => l.includes('is "tarun"'))).toMatch(/^Examples whose `route` is "tarun" \(6 of 10\) mention in `message`: "snib" ×5, /);
    // A batch with prior observations adds its own counts.
    expect((await reply("mipro_describe_prior_1")).observations).toContain('Examples whose `route` is "morli" (4 of 10) mention in `message`: "drask" ×2, "plen" ×2');
  });

  it("says COMPLETE when the prior observations already say everything, and copes with no examples", () => {
    const examples = "[Example({'message': 'zorp a', 'route': 'vexa'}) (input_keys={'message'}), Example({'message': 'plen b', 'route': 'morli'}) (input_keys={'message'})]";
    const first = describeExamples(examples, "", { isStopword: () => false });
    expect(describeExamples(examples, first, { isStopword: () => false })).toBe("COMPLETE");
    expect(describeExamples("nothing here", "", { isStopword: () => false })).toMatch(/could not be read/);
  });
});

describe("the summarizer role (MIPROv2's ObservationSummarizer)", () => {
  it("adds up the batches' counts and states the words seen twice or more, with one value only, as rules", () => {
    const observations =
      "The examples map `message` to `route` (10 shown).\n" +
      'Examples whose `route` is "vexa" (3 of 10) mention in `message`: "zorp" ×2, "glen" ×1, "quib" ×1.\n' +
      'Examples whose `route` is "morli" (2 of 10) mention in `message`: "plen" ×1.' +
      // DSPy concatenates batches without a separator.
      "The examples map `message` to `route` (10 shown).\n" +
      'Examples whose `route` is "vexa" (2 of 10) mention in `message`: "quib" ×1.\n' +
      'Examples whose `route` is "morli" (3 of 10) mention in `message`: "plen" ×2, "glen" ×1.';
    expect(summarizeObservations(observations)).toBe(
      'The examples map `message` to `route`. If the `message` mentions "zorp" or "quib", set `route` to "vexa". If the `message` mentions "plen", set `route` to "morli".',
    );
  });

  it("keeps the text form stated most often, and answers DSPy's own summarizer prompt", async () => {
    const form = "To produce `code` from `phrase`, write every letter in upper case.";
    const other = "To produce `code` from `phrase`, write every letter in lower case.";
    expect(summarizeObservations(`${form}\n${other}\n${form}`)).toBe(form);
    expect((await reply("mipro_summarize_3")).summary).toBe('If the `message` mentions "zorp" or "quib", set `route` to "vexa".');
    expect(summarizeObservations("Nothing useful.")).toMatch(/no clear pattern/);
  });
});
