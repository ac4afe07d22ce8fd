import { splitSentences } from "../instruction-cues.js";
import { quotedPieces } from "../read-stated-rule.js";
import type { SeededRandom } from "../seeded-random.js";
import { FULL_LEXICON, type Lexicon } from "../text-tokens.js";
import { induceTask, keywordSentence, ruleSentences } from "./induce-task.js";
import { mergeRules } from "./merge-rules.js";
import { readFeedbackRecords, type FeedbackRecord, type ShownExample } from "./read-examples.js";

const FENCE = /```[^\n]*\n([\s\S]*?)```/;
const QUOTED = String.raw`(?:"([^"]+)"|“([^”]+)”|'([^']+)'|\`([^\`]+)\`)`;
const EXPECTED = new RegExp(
  String.raw`\b(?:expected(?: \w+ (?:is|was|would be)| (?:is|was|would be))?|(?:the )?(?:correct|right|gold|true|target) \w+(?: (?:is|was|would be))?|should (?:have been|be)|gold|target)\s*:?\s*(?:${QUOTED}|([^\s.,;]+))`,
  "i",
);
const EVIDENCE = new RegExp(String.raw`\b(?:mentions?|mentioning|contains?|containing|says|the word|the phrase|the keyword|signall?ed by|because of)\s+${QUOTED}`, "gi");
const NEGATIVE = /\b(incorrect|not correct|wrong|not right|mistake|failed|missing|should have|expected)\b/i;
const POSITIVE = /\b(correct|right|well done|perfect|matches)\b/i;

/** Sentences that negative feedback words call for (docs/sim.md, "Reflection"). */
const FEEDBACK_CUES: ReadonlyArray<{ when: RegExp; sentence: string }> = [
  { when: /\b(too long|verbose|wordy|concise|shorter|brief)\b/i, sentence: "Keep the answer concise." },
  { when: /\b(one of the (?:allowed )?labels|not a valid label|invalid label|allowed values)\b/i, sentence: "Answer with exactly one of the allowed labels." },
  { when: /\b(quote|verbatim|word for word)\b/i, sentence: "Quote the relevant part of the context." },
  { when: /\b(cite|citation|name the source)\b/i, sentence: "Cite the source passage by its title." },
  { when: /\bfailed to parse\b|\bstructure\b/i, sentence: "Follow the output structure exactly." },
];

function firstQuoted(m: RegExpExecArray, from: number): string | undefined {
  return m[from] ?? m[from + 1] ?? m[from + 2] ?? m[from + 3];
}

/** What a record's feedback says the output should have been, and the phrases it names as the reason. */
export function readFeedback(record: FeedbackRecord, output: string | undefined): { expected?: string; evidence: string[] } {
  const text = record.feedback;
  const evidence = [...text.matchAll(EVIDENCE)].map((m) => firstQuoted(m, 1)!).filter(Boolean);
  const expected = EXPECTED.exec(text);
  if (expected) return { expected: (firstQuoted(expected, 1) ?? expected[5] ?? "").trim(), evidence };
  const score = /score of (-?\d+(?:\.\d+)?)/i.exec(text);
  const perfect = score ? Number(score[1]) >= 0.999 : POSITIVE.test(text) && !NEGATIVE.test(text);
  if (perfect && output && record.outputs[output] !== undefined) return { expected: record.outputs[output]!.trim(), evidence };
  return { evidence };
}

/**
 * The reflection role (GEPA's instruction-proposal prompt): a rewrite of the instruction in the first ``` block,
 * composed only from it and the examples + feedback the prompt shows — a keyword rule for each expected value whose
 * feedback names the words that call for it, the rules and forms the expected outputs show (induced as the proposer
 * does), and the sentences negative feedback asks for. `null` when the text is not such a request.
 */
export function reflectOnFeedback(text: string, rng: SeededRandom, lexicon: Lexicon = FULL_LEXICON): string | null {
  const current = FENCE.exec(text);
  if (!current || !/new instructions?/i.test(text) || !/```/.test(text.slice(current.index + current[0].length))) return null;
  return "```\n" + rewriteInstruction(current[1]!.trim(), text.slice(current.index + current[0].length), rng, lexicon) + "\n```";
}

/**
 * The rewrite itself: `instruction` plus what the `# Example N` records of `recordsText` teach (used by GEPA's plain
 * prompt and by DSPy's structured proposer `GenerateEnhancedMultimodalInstructionFromFeedback`).
 */
export function rewriteInstruction(instruction: string, recordsText: string, rng: SeededRandom, lexicon: Lexicon = FULL_LEXICON): string {
  const records = readFeedbackRecords(recordsText);
  const output = records.flatMap((r) => Object.keys(r.outputs)).find((name) => !/^(reasoning|rationale)$/i.test(name));
  const additions: string[] = [];
  const examples: ShownExample[] = [];
  for (const record of records) {
    const { expected, evidence } = readFeedback(record, output);
    if (expected && output) {
      examples.push({ inputs: record.inputs, outputs: { [output]: expected } });
      if (evidence.length > 0 && expected !== record.outputs[output]?.trim()) {
        const input = Object.entries(record.inputs).find(([, value]) => evidence.some((e) => value.toLowerCase().includes(e.toLowerCase())))?.[0] ?? "input";
        additions.push(keywordSentence(input, evidence.map((e) => e.toLowerCase()), output, expected));
      }
    }
    if (NEGATIVE.test(record.feedback)) for (const cue of FEEDBACK_CUES) if (cue.when.test(record.feedback)) additions.push(cue.sentence);
  }
  if (examples.length >= 2) additions.push(...ruleSentences(induceTask(examples, lexicon)));
  const merged = mergeRules([...splitSentences(instruction), ...additions]);
  // A seeded touch of variety when nothing was learned, so repeated reflections are not all identical.
  if (additions.length === 0 && records.length > 0 && output) {
    const hint = quotedPieces(records[0]!.feedback)[0];
    merged.push(hint ? `Pay attention to details such as "${hint}" when producing \`${output}\`.` : rng.pick([`Check \`${output}\` against the inputs before answering.`, `Produce \`${output}\` carefully from the inputs.`]));
  }
  return merged.join(" ");
}
