import type { SeededRandom } from "./seeded-random.js";

/** Sentences the instruction writer may add, each triggered by words in its hints (tips, feedback, examples). */
const ADDITIONS: ReadonlyArray<{ when: RegExp; sentence: string }> = [
  { when: /\b(concise|simple|short|brief|verbose|too long|wordy)\b/i, sentence: "Keep the answer concise." },
  { when: /\b(cite|citation|polic(y|ies)|rule)\b/i, sentence: "Cite the relevant policy by name." },
  { when: /\b(quote|verbatim|context|passage|evidence)\b/i, sentence: "Quote the relevant part of the context." },
  { when: /\b(label|category|categories|class|one of)\b/i, sentence: "Answer with exactly one of the allowed labels." },
  { when: /\b(polite|empath\w*|tone|apolog\w*|rude)\b/i, sentence: "Be polite and empathetic." },
  { when: /\b(persona)\b/i, sentence: "You are a careful, experienced specialist for this task." },
  { when: /\b(high stakes|high-stakes)\b/i, sentence: "Accuracy matters: a wrong answer has real consequences." },
  { when: /\b(descriptive|informative|detail\w*|step)\b/i, sentence: "Explain your reasoning step by step." },
];

/**
 * Writes a new instruction: the base instruction plus the sentences its hints call for, and — seeded — one
 * more sentence from the same list, the way a proposer model adds its own ideas.
 */
export function proposeInstruction(base: string, hints: string, rng: SeededRandom): string {
  const start = base.trim() || "Complete the task using the given fields.";
  const chosen = ADDITIONS.filter((a) => a.when.test(hints)).map((a) => a.sentence);
  const extra = rng.pick(ADDITIONS).sentence;
  if (rng.chance(0.5) && !chosen.includes(extra)) chosen.push(extra);
  const fresh = chosen.filter((sentence) => !start.includes(sentence));
  return [start, ...fresh.slice(0, 3)].join(" ");
}

const FENCE = /```[^\n]*\n([\s\S]*?)```/;

/** Recognises a request to rewrite fenced instructions (GEPA's reflection prompt) and answers it in a fence. */
export function answerInstructionRewrite(text: string, rng: SeededRandom): string | null {
  const current = FENCE.exec(text);
  if (!current || !/new instructions?/i.test(text) || !/```/.test(text.slice(current.index + current[0].length))) return null;
  const feedback = [...text.matchAll(/## Feedback\n([\s\S]*?)(?=\n# Example|\n```|$)/g)].map((m) => m[1]!.trim()).join("\n");
  const hints = feedback || text.slice(current.index + current[0].length);
  return "```\n" + proposeInstruction(current[1]!.trim(), hints, rng) + "\n```";
}
