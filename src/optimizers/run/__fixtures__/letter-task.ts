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
  return new ScriptLM((messages: Message[]) => {
    const system = messageText(messages[0]);
    const query = /\[\[ ## word ## \]\]\n(\S+)/.exec(messageText(messages.at(-1)))?.[1] ?? "";
    if (/starts with a vowel/.test(system)) return { label: /^[aeiou]/.test(query) ? "vowel" : "consonant" };
    for (let i = 1; i + 1 < messages.length - 1; i += 2) {
      const word = /\[\[ ## word ## \]\]\n(\S+)/.exec(messageText(messages[i]))?.[1];
      const label = /\[\[ ## label ## \]\]\n(\S+)/.exec(messageText(messages[i + 1]))?.[1];
      if (word && label && word[0] === query[0]) return { label };
    }
    return { label: "consonant" };
  });
}
