import type { InstructionCues } from "./instruction-cues.js";
import { splitPassages } from "./passages.js";
import type { RankedDemo } from "./rank-demos.js";
import type { InstructionPlan } from "./read-instructions.js";
import type { SeededRandom } from "./seeded-random.js";
import type { SimField, SimPrompt } from "./sim-prompt.js";
import type { SimRule } from "./sim-rules.js";
import { wordTokens, type Lexicon } from "./text-tokens.js";

/** What every answering step sees. */
export interface AnswerContext {
  prompt: SimPrompt;
  ranked: RankedDemo[];
  cues: InstructionCues;
  plan: InstructionPlan;
  rules: ReadonlySet<SimRule>;
  lexicon: Lexicon;
  /** Results worth computing once per completion (keyed by what they depend on). */
  memo: Map<string, unknown>;
  rng: SeededRandom;
  /** Sampling temperature (0 when absent); above 0, answers may vary with the seed. */
  temperature: number;
  /** Distracted by irrelevant instructions (rule `distraction`): stated rules are missed and runner-ups taken. */
  distracted: boolean;
  /** Passage titles stated rules point this field to (rule `stated-rules`, kind `source`). */
  preferredSources: string[];
}

/** How a field's answer was reached; the reasoning field is written from these. */
export interface AnswerNote {
  field: string;
  strategy: "template" | "vote" | "copy" | "fallback" | "guess" | "instruction" | "rule" | "form" | "role";
  demo?: RankedDemo;
  passage?: string;
  contextField?: string;
  /** The instruction sentence followed (strategies `rule` and `form`), or what a role did. */
  detail?: string;
}

export interface FieldAnswer {
  value: unknown;
  note: AnswerNote;
}

const CONTEXT_NAME = /context|passage|document|knowledge|source|reference|evidence|retriev|observation|trajectory/i;

/** The input that holds background material (passages to answer from), if any. */
export function contextField(prompt: SimPrompt): SimField | undefined {
  const present = prompt.inputs.filter((f) => prompt.query[f.name] !== undefined);
  const named = present.find((f) => CONTEXT_NAME.test(f.name) || CONTEXT_NAME.test(f.description));
  if (named) return named;
  if (present.length < 2) return undefined;
  return present.find((f) => {
    const text = prompt.query[f.name]!.text;
    return splitPassages(text).length >= 2 || wordTokens(text).length > 40;
  });
}

/** The query's inputs other than `except`, as one text (what a context passage should be relevant to). */
export function questionText(prompt: SimPrompt, except?: string): string {
  return prompt.inputs
    .filter((f) => f.name !== except && prompt.query[f.name] !== undefined)
    .map((f) => prompt.query[f.name]!.text)
    .join("\n");
}

/** Probability, at this temperature, of taking the second-best candidate instead of the best. */
export function alternativeChance(temperature: number): number {
  return Math.min(0.6, 0.3 * Math.max(0, temperature));
}

/** Probability, at this temperature, of rewording a free-text answer. */
export function rewordChance(temperature: number): number {
  return Math.min(0.5, 0.2 * Math.max(0, temperature));
}

/** Probability of a distracted answer, given the number of irrelevant instruction sentences. */
export function distractionChance(noise: number): number {
  return Math.min(0.5, 0.1 * noise);
}

/** Whether to take the runner-up: when distracted, else by chance at temperature > 0. */
export function takeAlternative(ctx: AnswerContext): boolean {
  return ctx.distracted || ctx.rng.chance(alternativeChance(ctx.temperature));
}
