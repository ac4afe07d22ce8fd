import { splitSentences } from "../instruction-cues.js";
import type { KeywordTable, WordCount } from "../induce-keywords.js";
import { keywordRules } from "../induce-keywords.js";
import { normalizeWord, type Lexicon } from "../text-tokens.js";
import { induceTask, keywordSentence, observationLines, sourceSentence } from "./induce-task.js";
import { readExampleReprs } from "./read-examples.js";

/**
 * The dataset-descriptor role (MIPROv2's `DatasetDescriptor` and `DatasetDescriptorWithPriorObservations`): observations
 * about a batch of examples shown as Python reprs — structure, value counts, the words seen with each value, text
 * forms and shapes the outputs follow. With prior observations that already say everything this batch shows: `COMPLETE`.
 */
export function describeExamples(examplesText: string, prior: string, lexicon: Lexicon): string {
  const examples = readExampleReprs(examplesText);
  if (examples.length === 0) return prior.trim() ? "COMPLETE" : "The examples could not be read; no trends can be stated.";
  const lines = observationLines(induceTask(examples, lexicon));
  const fresh = prior.trim() ? lines.filter((line) => !prior.includes(line)) : lines;
  return fresh.length === 0 ? "COMPLETE" : fresh.join("\n");
}

const COUNT_LINE =
  /Examples whose `(\w+)` (?:is "([^"]*)"|comes from the passage titled "([^"]*)") \((\d+) of (\d+)\) mention in `(\w+)`: (.*?)\.?$/;

interface Tally {
  output: string;
  input: string;
  kind: "label" | "source";
  values: Map<string, { examples: number; words: Map<string, WordCount> }>;
}

/**
 * The summarizer role (MIPROv2's `ObservationSummarizer`): adds up the word counts of every observation batch, keeps
 * the words seen at least twice and with one value only, and states them as rules; text forms and shapes stated by
 * the observations are kept (the one stated most often per output); the structure line opens the summary.
 */
export function summarizeObservations(observations: string): string {
  const tallies = new Map<string, Tally>();
  const statements = new Map<string, number>();
  let structure = "";
  // DSPy concatenates the batches' observations without a separator: start each known kind of line afresh.
  const text = observations.replace(/(?=Examples whose `|The examples map |To produce `|Answer `\w+` with the part|Input lengths: |`\w+` takes \d+ values)/g, "\n");
  for (const sentence of text.split(/\n+/).flatMap((line) => (COUNT_LINE.test(line) ? [line] : splitSentences(line)))) {
    const count = COUNT_LINE.exec(sentence);
    if (count) {
      const [, output, label, title, examples, , input, items] = count as unknown as string[];
      const kind = label !== undefined ? "label" : "source";
      const key = `${kind}\u0000${output}\u0000${input}`;
      let tally = tallies.get(key);
      if (!tally) tallies.set(key, (tally = { output: output!, input: input!, kind, values: new Map() }));
      const value = (label ?? title)!;
      let entry = tally.values.get(value);
      if (!entry) tally.values.set(value, (entry = { examples: 0, words: new Map() }));
      entry.examples += Number(examples);
      for (const m of (items ?? "").matchAll(/"([^"]+)" ×(\d+)/g)) {
        const norm = normalizeWord(m[1]!);
        const word = entry.words.get(norm) ?? { norm, shown: m[1]!, count: 0 };
        word.count += Number(m[2]);
        entry.words.set(norm, word);
      }
    } else if (/^The examples map /.test(sentence)) {
      structure ||= sentence.replace(/ \(\d+ shown\)/, "");
    } else if (/^To produce `|shaped like "/.test(sentence)) {
      statements.set(sentence, (statements.get(sentence) ?? 0) + 1);
    }
  }
  const parts: string[] = [];
  if (structure) parts.push(structure);
  for (const tally of tallies.values()) {
    const table: KeywordTable = { values: [] };
    const owners = new Map<string, Set<string>>();
    for (const [value, entry] of tally.values) for (const norm of entry.words.keys()) owners.set(norm, (owners.get(norm) ?? new Set()).add(value));
    for (const [value, entry] of tally.values) {
      const pure = [...entry.words.values()].filter((w) => owners.get(w.norm)!.size === 1).sort((a, b) => b.count - a.count);
      table.values.push({ value, examples: entry.examples, pure });
    }
    table.values.sort((a, b) => b.examples - a.examples);
    for (const rule of keywordRules(table, 2, 12, true)) {
      const words = rule.words.map((w) => w.shown);
      parts.push(tally.kind === "label" ? keywordSentence(tally.input, words, tally.output, rule.value) : sourceSentence(tally.input, words, rule.value));
    }
  }
  const byOutput = new Map<string, [string, number]>();
  for (const [sentence, n] of statements) {
    const output = /`(\w+)`/.exec(sentence)?.[1] ?? sentence;
    const kind = sentence.startsWith("To produce") ? "form" : "shape";
    const key = `${kind}:${output}`;
    const current = byOutput.get(key);
    if (!current || n > current[1]) byOutput.set(key, [sentence, n]);
  }
  for (const [sentence] of byOutput.values()) parts.push(sentence);
  return parts.length > 0 ? parts.join(" ") : "The observations describe a task whose examples share no clear pattern.";
}
