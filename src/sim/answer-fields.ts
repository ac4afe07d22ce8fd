import { distractionChance, rewordChance, type AnswerContext, type AnswerNote, type FieldAnswer } from "./answer-context.js";
import { answerBool, answerJson, answerNumber } from "./answer-value.js";
import { composeFallback } from "./compose-fallback.js";
import { composeReasoning, isReasoningField } from "./compose-reasoning.js";
import { answerByForm, answerByShape, answerByStatedRule, avoidedValues, preferredSources, restyleByForm } from "./follow-instructions.js";
import { answerByTemplate, lessonsFor } from "./induce-template.js";
import { rankDemos } from "./rank-demos.js";
import { EMPTY_PLAN, readInstructions, type InstructionPlan } from "./read-instructions.js";
import { reword } from "./reword.js";
import { answerByRole } from "./roles/answer-by-role.js";
import type { SeededRandom } from "./seeded-random.js";
import type { SimField, SimPrompt } from "./sim-prompt.js";
import { ALL_RULES, type SimRule } from "./sim-rules.js";
import { clip, FULL_LEXICON, memoLexicon, PLAIN_LEXICON } from "./text-tokens.js";
import { guessLabel, looksLikeLabels, voteLabel } from "./vote-label.js";

/** Similarity above which a free-text demo output is reused as it is (a near-duplicate query). */
const NEAR_DUPLICATE = 0.8;
/** Below this similarity to every demo, a label without a "labels only" cue comes out hedged. */
const UNSURE = 0.1;
/** Inputs read as part of the instructions (rule `hint-inputs`), e.g. Refine's `hint_`. */
const HINT_INPUT = /hint|advice|guidance/i;

/** The simulator's answer: one value per output field, and how each was reached. */
export interface SimAnswer {
  values: Record<string, unknown>;
  notes: AnswerNote[];
}

/** The prompt without some inputs (hint inputs are instructions, not material to compare or answer from). */
function withoutInputs(prompt: SimPrompt, names: ReadonlySet<string>): SimPrompt {
  const keep = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).filter(([name]) => !names.has(name)));
  return {
    ...prompt,
    inputs: prompt.inputs.filter((f) => !names.has(f.name)),
    query: keep(prompt.query),
    demos: prompt.demos.map((d) => ({ ...d, inputs: keep(d.inputs) })),
  };
}

/** The plan with the switched-off rules' parts removed. */
function gate(plan: InstructionPlan, rules: ReadonlySet<SimRule>): InstructionPlan {
  const harmful = rules.has("harmful-directives");
  return {
    rules: rules.has("stated-rules") ? plan.rules : [],
    forms: rules.has("output-form") ? plan.forms : [],
    shapes: rules.has("output-form") ? plan.shapes : [],
    cues: rules.has("cues") ? plan.cues : EMPTY_PLAN.cues,
    ignoreDemos: harmful && plan.ignoreDemos,
    random: harmful && plan.random,
    verbose: harmful && plan.verbose,
    noise: rules.has("distraction") ? plan.noise : [],
  };
}

/**
 * Answers every output field of a structured prompt from what the prompt contains. A prompt that asks for one of
 * the roles an optimizer gives an LM (describing data, proposing or rewriting instructions, offering advice, using
 * tools) is answered in that role; otherwise each field follows the instructions, then the demos, then the inputs.
 * Reasoning fields are written last, from the notes.
 */
export function answerFields(prompt: SimPrompt, rng: SeededRandom, temperature: number, rules: ReadonlySet<SimRule> = ALL_RULES): SimAnswer {
  const lexicon = memoLexicon(rules.has("negated-function-words") ? FULL_LEXICON : PLAIN_LEXICON);
  const memo = new Map<string, unknown>();
  const hints = rules.has("hint-inputs") ? prompt.inputs.filter((f) => HINT_INPUT.test(f.name) && prompt.query[f.name] !== undefined) : [];
  const view = hints.length > 0 ? withoutInputs(prompt, new Set(hints.map((f) => f.name))) : prompt;
  const instructions = [prompt.instructions, ...hints.map((f) => prompt.query[f.name]!.text)].join("\n");
  const overall = gate(readInstructions(instructions, view.inputs, view.outputs), rules);
  const ranked = overall.ignoreDemos ? [] : rankDemos(view, lexicon);
  const contextFor = (field: SimField): AnswerContext => {
    const plan = gate(readInstructions(`${instructions}\n${field.description}`, view.inputs, view.outputs), rules);
    const distracted = rng.fork(`distraction:${field.name}`).chance(distractionChance(overall.noise.length));
    return {
      prompt: view,
      ranked,
      cues: plan.cues,
      plan,
      rules,
      lexicon,
      memo,
      rng,
      temperature,
      distracted,
      preferredSources: distracted ? [] : preferredSources({ prompt: view, plan }),
    };
  };
  const values: Record<string, unknown> = {};
  const notes: AnswerNote[] = [];
  const reasoning = prompt.outputs.filter((f) => f.kind === "str" && isReasoningField(f.name, f.description));
  for (const field of prompt.outputs) {
    if (reasoning.includes(field)) continue;
    const ctx = contextFor(field);
    const answer = answerByRole({ ...ctx, prompt }, field) ?? answerField(ctx, field);
    values[field.name] = answer.value;
    notes.push(answer.note);
  }
  for (const field of reasoning) values[field.name] = composeReasoning(contextFor(field), notes);
  const ordered: Record<string, unknown> = {};
  for (const field of prompt.outputs) ordered[field.name] = values[field.name];
  return { values: ordered, notes };
}

function answerField(ctx: AnswerContext, field: SimField): FieldAnswer {
  if (ctx.plan.random) return guess(ctx, field);
  const avoid = avoidedValues(ctx, field);
  if (!ctx.distracted) {
    const stated = answerByStatedRule(ctx, field);
    if (stated && !avoid.includes(stated.value)) return stated;
    const formed = answerByForm(ctx, field) ?? answerByShape(ctx, field, (input) => lessonsFor(ctx, input, field.name));
    if (formed) return formed;
  }
  let answer = answerByKind(ctx, field, avoid);
  if (!ctx.distracted) answer = restyleByForm(ctx, field, answer);
  if (ctx.plan.verbose && typeof answer.value === "string") {
    answer = { ...answer, value: `${answer.value} To explain further: this answer draws on the ${ctx.prompt.inputs.map((f) => f.name.replace(/_/g, " ")).join(" and ")} given above.` };
  }
  return answer;
}

function answerByKind(ctx: AnswerContext, field: SimField, avoid: readonly unknown[]): FieldAnswer {
  switch (field.kind) {
    case "label":
      return voteLabel(ctx, field, field.choices ?? [], avoid) ?? guessLabel(ctx, field, field.choices ?? [], avoid);
    case "bool":
      return answerBool(ctx, field, avoid);
    case "int":
    case "float":
      return answerNumber(ctx, field);
    case "json":
      return answerJson(ctx, field);
    case "str": {
      const answer = answerText(ctx, field, avoid);
      return avoid.includes(answer.value) ? composeFallback(ctx, field) : answer;
    }
  }
}

function guess(ctx: AnswerContext, field: SimField): FieldAnswer {
  const blind: AnswerContext = { ...ctx, ranked: [] };
  switch (field.kind) {
    case "label":
      return guessLabel(blind, field, field.choices ?? []);
    case "bool":
      return answerBool(blind, field);
    case "int":
    case "float":
      return answerNumber(blind, field);
    case "json":
      return answerJson(blind, field);
    case "str":
      return { value: `Maybe "${clip(Object.values(ctx.prompt.query).map((v) => v.text).join(" "), 6)}".`, note: { field: field.name, strategy: "guess" } };
  }
}

function answerText(ctx: AnswerContext, field: SimField, avoid: readonly unknown[]): FieldAnswer {
  if (looksLikeLabels(ctx, field)) {
    const vote = voteLabel(ctx, field, undefined, avoid);
    if (vote) {
      const sure = (ctx.ranked[0]?.score ?? 0) >= UNSURE;
      return sure || ctx.cues.labelsOnly ? vote : { ...vote, value: `Probably ${String(vote.value)}, though I am not certain.` };
    }
  }
  const answer = (ctx.rules.has("template") ? answerByTemplate(ctx, field) : null) ?? nearDuplicate(ctx, field) ?? composeFallback(ctx, field);
  if (typeof answer.value === "string" && ctx.rng.chance(rewordChance(ctx.temperature))) {
    return { ...answer, value: reword(answer.value, ctx.rng) };
  }
  return answer;
}

function nearDuplicate(ctx: AnswerContext, field: SimField): FieldAnswer | null {
  if (!ctx.rules.has("near-duplicate")) return null;
  const best = ctx.ranked.find((r) => r.demo.outputs[field.name] !== undefined);
  if (!best || best.score < NEAR_DUPLICATE) return null;
  return { value: best.demo.outputs[field.name]!.text, note: { field: field.name, strategy: "copy", demo: best } };
}
