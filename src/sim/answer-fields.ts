import { rewordChance, type AnswerContext, type AnswerNote, type FieldAnswer } from "./answer-context.js";
import { answerBool, answerJson, answerNumber } from "./answer-value.js";
import { composeFallback } from "./compose-fallback.js";
import { composeReasoning, isReasoningField } from "./compose-reasoning.js";
import { answerByTemplate } from "./induce-template.js";
import { readCues } from "./instruction-cues.js";
import { proposeInstruction } from "./propose-instruction.js";
import { rankDemos } from "./rank-demos.js";
import { reword } from "./reword.js";
import type { SeededRandom } from "./seeded-random.js";
import type { SimField, SimPrompt } from "./sim-prompt.js";
import { guessLabel, looksLikeLabels, voteLabel } from "./vote-label.js";

/** Similarity above which a free-text demo output is reused as it is (a near-duplicate query). */
const NEAR_DUPLICATE = 0.8;
/** Below this similarity to every demo, a label without a "labels only" cue comes out hedged. */
const UNSURE = 0.1;

/** The simulator's answer: one value per output field, and how each was reached. */
export interface SimAnswer {
  values: Record<string, unknown>;
  notes: AnswerNote[];
}

/**
 * Answers every output field of a structured prompt from what the prompt contains. Each field reacts to
 * the cues in the instructions and in its own description; reasoning fields are written last, from the notes.
 */
export function answerFields(prompt: SimPrompt, rng: SeededRandom, temperature: number): SimAnswer {
  const ranked = rankDemos(prompt);
  const contextFor = (field: SimField): AnswerContext => ({
    prompt,
    ranked,
    cues: readCues(`${prompt.instructions}\n${field.description}`),
    rng,
    temperature,
  });
  const values: Record<string, unknown> = {};
  const notes: AnswerNote[] = [];
  const reasoning = prompt.outputs.filter((f) => f.kind === "str" && isReasoningField(f.name, f.description));
  for (const field of prompt.outputs) {
    if (reasoning.includes(field)) continue;
    const answer = answerField(contextFor(field), field);
    values[field.name] = answer.value;
    notes.push(answer.note);
  }
  for (const field of reasoning) values[field.name] = composeReasoning(contextFor(field), notes);
  const ordered: Record<string, unknown> = {};
  for (const field of prompt.outputs) ordered[field.name] = values[field.name];
  return { values: ordered, notes };
}

function answerField(ctx: AnswerContext, field: SimField): FieldAnswer {
  switch (field.kind) {
    case "label":
      return voteLabel(ctx, field, field.choices ?? []) ?? guessLabel(ctx, field, field.choices ?? []);
    case "bool":
      return answerBool(ctx, field);
    case "int":
    case "float":
      return answerNumber(ctx, field);
    case "json":
      return answerJson(ctx, field);
    case "str":
      return answerText(ctx, field);
  }
}

function answerText(ctx: AnswerContext, field: SimField): FieldAnswer {
  if (/instruction/i.test(field.name)) return writeInstruction(ctx, field);
  if (looksLikeLabels(ctx, field)) {
    const vote = voteLabel(ctx, field);
    if (vote) {
      const sure = (ctx.ranked[0]?.score ?? 0) >= UNSURE;
      return sure || ctx.cues.labelsOnly ? vote : { ...vote, value: `Probably ${String(vote.value)}, though I am not certain.` };
    }
  }
  const answer = answerByTemplate(ctx, field) ?? nearDuplicate(ctx, field) ?? composeFallback(ctx, field);
  if (typeof answer.value === "string" && ctx.rng.chance(rewordChance(ctx.temperature))) {
    return { ...answer, value: reword(answer.value, ctx.rng) };
  }
  return answer;
}

function nearDuplicate(ctx: AnswerContext, field: SimField): FieldAnswer | null {
  const best = ctx.ranked.find((r) => r.demo.outputs[field.name] !== undefined);
  if (!best || best.score < NEAR_DUPLICATE) return null;
  return { value: best.demo.outputs[field.name]!.text, note: { field: field.name, strategy: "copy", demo: best } };
}

/** An output that is itself an instruction (e.g. MIPROv2's `proposed_instruction`): base instruction plus hinted additions. */
function writeInstruction(ctx: AnswerContext, field: SimField): FieldAnswer {
  const { prompt } = ctx;
  const present = prompt.inputs.filter((f) => /instruction/i.test(f.name) && prompt.query[f.name] !== undefined);
  const baseField = present.find((f) => /basic|current|original|seed/i.test(f.name)) ?? present.find((f) => !/previous|history/i.test(f.name));
  const base = baseField ? prompt.query[baseField.name]!.text : "";
  const hints = prompt.inputs
    .filter((f) => f !== baseField && prompt.query[f.name] !== undefined)
    .map((f) => prompt.query[f.name]!.text)
    .join("\n");
  return { value: proposeInstruction(base, hints, ctx.rng.fork(`instruction:${field.name}`)), note: { field: field.name, strategy: "instruction" } };
}
