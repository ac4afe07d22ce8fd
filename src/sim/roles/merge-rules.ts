import { readStatedRule, type StatedRule } from "../read-stated-rule.js";
import { keywordSentence, sourceSentence } from "./induce-task.js";

/** Keyword/source rules for the same value merged into one sentence (their words united, first mention first). */
export function mergeRules(sentences: readonly string[]): string[] {
  const merged: string[] = [];
  const groups = new Map<string, { rule: StatedRule; words: string[]; at: number; input: string; output: string }>();
  for (const sentence of sentences) {
    const rule = readStatedRule(sentence, [], []);
    const input = /^If (?:the `(\w+)`|the input) mentions/.exec(sentence);
    const output = /set `(\w+)` to "/.exec(sentence)?.[1] ?? "";
    if (!rule || !rule.condition || !input || (rule.kind !== "answer" && rule.kind !== "source")) {
      if (!merged.includes(sentence)) merged.push(sentence);
      continue;
    }
    const key = `${rule.kind}\u0000${input[1] ?? ""}\u0000${output}\u0000${rule.value}`;
    const group = groups.get(key);
    if (group) {
      for (const word of rule.condition.phrases) if (!group.words.includes(word)) group.words.push(word);
    } else {
      groups.set(key, { rule, words: [...rule.condition.phrases], at: merged.length, input: input[1] ?? "input", output });
      merged.push(key);
    }
  }
  return merged.map((item) => {
    const group = groups.get(item);
    if (!group) return item;
    return group.rule.kind === "source" ? sourceSentence(group.input, group.words, group.rule.value) : keywordSentence(group.input, group.words, group.output, group.rule.value);
  });
}

/** A keyword rule with only its first two words. */
export function cutKeywords(sentence: string): string {
  const rule = readStatedRule(sentence, [], []);
  const input = /^If (?:the `(\w+)`|the input) mentions/.exec(sentence);
  if (!rule?.condition || !input || rule.condition.phrases.length <= 2) return sentence;
  const words = rule.condition.phrases.slice(0, 2);
  const output = /set `(\w+)` to "/.exec(sentence)?.[1];
  return rule.kind === "source" ? sourceSentence(input[1] ?? "input", words, rule.value) : output ? keywordSentence(input[1] ?? "input", words, output, rule.value) : sentence;
}

