import { splitSentences } from "../instruction-cues.js";
import { readStatedRule } from "../read-stated-rule.js";
import type { SeededRandom } from "../seeded-random.js";
import { readTextOps } from "../text-ops.js";
import { FULL_LEXICON, type Lexicon } from "../text-tokens.js";
import { induceTask, ruleSentences } from "./induce-task.js";
import { cutKeywords, mergeRules } from "./merge-rules.js";
import { fieldsOfInstruction, fieldsOfModule, readAttempts, readFieldLines, readScoredInstructions } from "./read-examples.js";

/** What a proposer prompt shows (MIPROv2's `GenerateSingleModuleInstruction`; COPRO's two signatures). */
export interface ProposerInputs {
  basicInstruction: string;
  datasetDescription?: string;
  taskDemos?: string;
  module?: string;
  previousInstructions?: string;
  tip?: string;
  attemptedInstructions?: string;
}

const FALLBACK_BASIC = "Complete the task using the given fields.";

/** Whether a sentence says something the task role can act on (a stated rule, a text form or a shape). */
function actionable(sentence: string): boolean {
  return readStatedRule(sentence, [], []) !== null || readTextOps(sentence).length > 0 || /shaped like "|in the form "/.test(sentence);
}

/** Sentence merit from scored instructions: mean score with the sentence minus mean score without it. */
function sentenceMerit(scored: ReadonlyArray<{ instruction: string; score: number }>): Map<string, number> {
  const merit = new Map<string, number>();
  const sentencesOf = scored.map((s) => new Set(splitSentences(s.instruction)));
  const all = new Set(sentencesOf.flatMap((s) => [...s]));
  for (const sentence of all) {
    const with_ = scored.filter((_, i) => sentencesOf[i]!.has(sentence)).map((s) => s.score);
    const without = scored.filter((_, i) => !sentencesOf[i]!.has(sentence)).map((s) => s.score);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    merit.set(sentence, without.length === 0 ? 0 : mean(with_) - mean(without));
  }
  return merit;
}

/** The backticked field names of an instruction, inputs first (DSPy's default instruction lists them in order). */
function namedFields(basic: string, module?: string): { inputs: string[]; outputs: string[] } {
  const declared = fieldsOfInstruction(basic) ?? (module ? fieldsOfModule(module) : null);
  if (declared) return declared;
  const names = [...basic.matchAll(/`(\w+)`/g)].map((m) => m[1] as string);
  return { inputs: names.slice(0, -1), outputs: names.slice(-1) };
}

function ref(names: readonly string[]): string {
  return names.length === 0 ? "the inputs" : names.map((n) => `\`${n}\``).join(" and ");
}

/** Sentences a tip calls for, written about this task's fields (so they read as relevant to it). */
function tipSentences(tip: string, fields: { inputs: string[]; outputs: string[] }, rng: SeededRandom): { before: string[]; after: string[] } {
  const outs = ref(fields.outputs);
  const ins = ref(fields.inputs);
  if (/persona/i.test(tip)) return { before: [`You are an expert at producing ${outs} from ${ins}.`], after: [] };
  if (/high stakes/i.test(tip)) return { before: [], after: [`Getting ${outs} right matters: a wrong answer has real consequences.`] };
  if (/informative|descriptive/i.test(tip)) return { before: [], after: [`Read ${ins} closely and give ${outs} exactly as the examples do.`] };
  if (/creative/i.test(tip)) {
    const framings = [`Treat each ${ins} as a small puzzle whose solution is ${outs}.`, "Imagine a quiet library on a rainy afternoon.", `Look at ${ins} from a fresh angle before writing ${outs}.`, "Let your imagination wander freely."];
    return { before: [], after: [rng.pick(framings)] };
  }
  return { before: [], after: [] };
}

/**
 * The grounded proposer role (MIPROv2's `GenerateSingleModuleInstruction`): the basic instruction, plus the rules
 * the dataset description states and the ones the task demos show, plus what the tip asks for; sentences of earlier
 * instructions that scored better are kept, those that scored worse are left out. At temperature > 0 each rule is
 * kept with probability 0.85 and a keyword list may be cut, so candidates differ.
 */
export function proposeGrounded(inputs: ProposerInputs, rng: SeededRandom, sampled: boolean, lexicon: Lexicon = FULL_LEXICON): string {
  const basic = inputs.basicInstruction.trim() || FALLBACK_BASIC;
  const fields = namedFields(basic, inputs.module);
  const statements: string[] = [];
  for (const sentence of splitSentences(inputs.datasetDescription ?? "")) if (actionable(sentence)) statements.push(sentence);
  const demos = readFieldLines(inputs.taskDemos ?? "", fields.outputs.length > 0 ? fields : null);
  if (demos.length >= 2) statements.push(...ruleSentences(induceTask(demos, lexicon)));
  const history = readScoredInstructions(inputs.previousInstructions ?? "");
  const merit = sentenceMerit(history);
  const best = [...history].sort((a, b) => b.score - a.score)[0];
  const kept = best ? splitSentences(best.instruction).filter((s) => s !== basic && !splitSentences(basic).includes(s) && (merit.get(s) ?? 0) > 0) : [];
  const tip = inputs.tip ?? "";
  const simple = /simple|concise|clear/i.test(tip);
  let chosen = mergeRules([...kept, ...statements]).filter((s) => (merit.get(s) ?? 0) >= 0);
  if (sampled) chosen = chosen.filter(() => !rng.chance(0.15)).map((s) => (rng.chance(0.2) ? cutKeywords(s) : s));
  if (simple) chosen = chosen.map(cutKeywords);
  const { before, after } = tipSentences(tip, fields, rng);
  return [...before, basic, ...chosen, ...after].join(" ");
}

/** Generic sentences an instruction optimizer with no data may add: some help (cues), some only distract. */
function genericSentences(fields: { inputs: string[]; outputs: string[] }): string[] {
  return [
    `Read ${ref(fields.inputs)} carefully before answering.`,
    "Answer with exactly one of the allowed labels.",
    "Keep the answer concise.",
    "Think step by step.",
    "Stay calm and be creative.",
    "Imagine you are solving a puzzle.",
    `Focus on what ${ref(fields.inputs)} says about ${ref(fields.outputs)}.`,
  ];
}

/**
 * COPRO's first round (`BasicGenerateInstruction`): it sees only the basic instruction, so it can only add generic
 * sentences — one or two, seeded, per completion — to it.
 */
export function proposeFromBasic(basicInstruction: string, rng: SeededRandom): string {
  const basic = basicInstruction.trim() || FALLBACK_BASIC;
  const pool = genericSentences(namedFields(basic));
  const count = rng.int(0, 2);
  const added: string[] = [];
  for (let i = 0; i < count; i++) {
    const sentence = rng.pick(pool);
    if (!added.includes(sentence)) added.push(sentence);
  }
  return [basic, ...added].join(" ");
}

/**
 * COPRO's later rounds (`GenerateInstructionGivenAttempts`): the best-scoring attempt's sentences, without the ones
 * whose attempts scored worse than the others, plus (half the time, seeded) one new generic sentence.
 */
export function proposeFromAttempts(attemptsText: string, rng: SeededRandom): string {
  const attempts = readAttempts(attemptsText).filter((a) => Number.isFinite(a.score));
  if (attempts.length === 0) return FALLBACK_BASIC;
  const merit = sentenceMerit(attempts);
  const best = [...attempts].sort((a, b) => b.score - a.score)[0]!;
  const sentences = splitSentences(best.instruction);
  const kept = sentences.filter((s, i) => i === 0 || (merit.get(s) ?? 0) >= 0);
  if (rng.chance(0.5)) {
    const pool = genericSentences(namedFields(sentences[0] ?? "")).filter((s) => !kept.includes(s) && (merit.get(s) ?? 0) >= 0);
    if (pool.length > 0) kept.push(rng.pick(pool));
  }
  return kept.join(" ");
}

/** The prefix for COPRO's last output field: the best attempt's, else the last field the instruction names (`Answer:` otherwise). */
export function proposePrefix(inputs: ProposerInputs): string {
  const attempts = readAttempts(inputs.attemptedInstructions ?? "").filter((a) => Number.isFinite(a.score));
  const best = [...attempts].sort((a, b) => b.score - a.score)[0];
  if (best?.prefix) return best.prefix;
  const name = namedFields(inputs.basicInstruction || best?.instruction || "").outputs.at(-1);
  if (!name) return "Answer:";
  return `${name.split("_").filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join(" ")}:`;
}
