import { Example } from "../../../primitives/example.js";
import type { Message } from "../../../lm/message.js";
import { messageText, ScriptLM } from "../../__fixtures__/script-lm.js";

const WORDS = [
  "apple", "banana", "cherry", "date", "elder", "fig", "grape", "hazel", "iris", "juniper", "kiwi", "lemon",
  "mango", "nectar", "olive", "peach", "quince", "raisin", "sage", "thyme", "umber", "vanilla", "walnut", "yam",
  "acorn", "basil", "clove", "dill", "endive", "fennel", "ginger", "hops", "ivy", "jasmine", "kale", "leek",
];

/** A toy classification: a word's label is `vowel` or `consonant` by its first letter. */
export function letterExamples(): Example[] {
  return WORDS.map((word) => new Example({ word, label: /^[aeiou]/.test(word) ? "vowel" : "consonant" }).withInputs("word"));
}

export const letterMetric = function labelMatch(example: Example, prediction: { label?: unknown }) {
  return example.label === prediction.label;
};

/**
 * A deterministic LM for the letter task: it applies the rule when the instructions state it ("vowel"), otherwise it
 * copies the label of a demo whose word starts with the same letter, otherwise says `consonant`.
 */
export function letterLM(): ScriptLM {
  return new ScriptLM((messages: Message[], _params, index) =>
    outputFieldsOf(messages).includes("label") ? letterAnswer(messages) : promptAnswer(messages, index),
  );
}

function letterAnswer(messages: Message[]): Record<string, unknown> {
  const system = messageText(messages[0]);
  const query = /\[\[ ## word ## \]\]\n(\S+)/.exec(messageText(messages.at(-1)))?.[1] ?? "";
  if (/starts with a vowel/.test(system)) return { label: /^[aeiou]/.test(query) ? "vowel" : "consonant" };
  for (let i = 1; i + 1 < messages.length - 1; i += 2) {
    const word = /\[\[ ## word ## \]\]\n(\S+)/.exec(messageText(messages[i]))?.[1];
    const label = /\[\[ ## label ## \]\]\n(\S+)/.exec(messageText(messages[i + 1]))?.[1];
    if (word && label && word[0] === query[0]) return { label };
  }
  return { label: "consonant" };
}

/** The output fields a ChatAdapter system message asks for. */
export function outputFieldsOf(messages: Message[]): string[] {
  const system = messageText(messages[0]);
  const part = system.split("Your output fields are:")[1]?.split("All interactions will be structured")[0] ?? "";
  return [...part.matchAll(/^\d+\. `(\w+)`/gm)].map((m) => m[1] as string);
}

/**
 * A deterministic prompt model for the letter task: short summaries and descriptions; an instruction that states the
 * rule when MIPROv2's proposer was given a tip (COPRO: in every second completion), a vague one otherwise.
 */
export function letterPromptLM(): ScriptLM {
  return new ScriptLM((messages, _params, index) => promptAnswer(messages, index));
}

const RULE = "Answer vowel when the word starts with a vowel, otherwise consonant.";

function promptAnswer(messages: Message[], index: number): Record<string, unknown> {
  const fields = outputFieldsOf(messages);
  const user = messageText(messages.at(-1));
  if (fields.includes("observations")) return { observations: "Single words, each labeled by its first letter." };
  if (fields.includes("summary")) return { summary: "Summary: single words labeled vowel or consonant." };
  if (fields.includes("program_description")) return { program_description: "It labels words." };
  if (fields.includes("module_description")) return { module_description: "Labels one word." };
  if (fields.includes("proposed_prefix_for_output_field")) {
    return { proposed_instruction: index % 2 === 1 ? RULE : `Label the word (${index}).`, proposed_prefix_for_output_field: "Label:" };
  }
  if (fields.includes("proposed_instruction")) {
    return {
      proposed_instruction: /\[\[ ## tip ## \]\]/.test(user)
        ? `Proposed Instruction: ${RULE}`
        : "Proposed Instruction: Label the word.",
    };
  }
  return Object.fromEntries(fields.map((f) => [f, "?"]));
}
