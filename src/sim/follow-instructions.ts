import { questionText, type AnswerContext, type FieldAnswer } from "./answer-context.js";
import { relevanceWithLessons, splitPassages, passageTitle } from "./passages.js";
import { mainFields, type OutputForm } from "./read-instructions.js";
import type { MentionCondition, StatedRule } from "./read-stated-rule.js";
import type { SimField, SimPrompt } from "./sim-prompt.js";
import { applyTextOps } from "./text-ops.js";
import { wordTokens } from "./text-tokens.js";
import { matchChoice } from "./vote-label.js";

function norms(text: string): string[] {
  return wordTokens(text).map((t) => t.norm);
}

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Whether the query mentions one of the condition's phrases (in the named input, else in any input). */
export function conditionHolds(prompt: SimPrompt, condition: MentionCondition | null): boolean {
  if (!condition) return true;
  const text = condition.field && prompt.query[condition.field] !== undefined ? prompt.query[condition.field]!.text : questionText(prompt);
  const words = norms(text);
  return condition.phrases.some((phrase) => containsRun(words, norms(phrase)));
}

/** The value a rule gives this field, as the field's type needs it; `undefined` when the rule is not about this field. */
function valueFor(prompt: SimPrompt, rule: StatedRule, field: SimField): unknown {
  if (rule.target !== undefined && rule.target !== field.name) return undefined;
  const isMain = mainFields(prompt.inputs, prompt.outputs).output === field.name;
  switch (field.kind) {
    case "label":
      return matchChoice(rule.value, field.choices ?? []) ?? undefined;
    case "bool":
      return /^(true|yes)$/i.test(rule.value) ? true : /^(false|no)$/i.test(rule.value) ? false : undefined;
    case "int":
    case "float": {
      const n = Number(rule.value.replace(/,/g, ""));
      return rule.value.trim() !== "" && Number.isFinite(n) ? (field.kind === "int" ? Math.round(n) : n) : undefined;
    }
    case "str":
      return rule.target === field.name || isMain ? rule.value : undefined;
    case "json":
      return undefined;
  }
}

/** The first stated `answer` rule that applies to this field and this query (rule `stated-rules`). */
export function answerByStatedRule(ctx: AnswerContext, field: SimField): FieldAnswer | null {
  for (const rule of ctx.plan.rules) {
    if (rule.kind !== "answer" || !conditionHolds(ctx.prompt, rule.condition)) continue;
    const value = valueFor(ctx.prompt, rule, field);
    if (value !== undefined) return { value, note: { field: field.name, strategy: "rule", detail: rule.sentence } };
  }
  return null;
}

/** Values stated rules forbid for this field and this query. */
export function avoidedValues(ctx: AnswerContext, field: SimField): unknown[] {
  const values: unknown[] = [];
  for (const rule of ctx.plan.rules) {
    if (rule.kind !== "avoid" || !conditionHolds(ctx.prompt, rule.condition)) continue;
    const value = valueFor(ctx.prompt, { ...rule, target: rule.target ?? field.name }, field);
    if (value !== undefined) values.push(value);
  }
  return values;
}

/** Passage titles that stated `source` rules point to for this query. */
export function preferredSources(ctx: Pick<AnswerContext, "plan" | "prompt">): string[] {
  return ctx.plan.rules.filter((r) => r.kind === "source" && conditionHolds(ctx.prompt, r.condition)).map((r) => r.value);
}

/** 1 for a passage whose title (or opening words) holds a preferred source, else 0. */
export function sourceBonus(passage: string, sources: readonly string[]): number {
  if (sources.length === 0) return 0;
  const head = norms(passageTitle(passage)?.title ?? passage.split(/\s+/).slice(0, 6).join(" "));
  return sources.some((s) => containsRun(head, norms(s))) ? 1 : 0;
}

/** The stated form that shapes this field, if any. */
export function formFor(ctx: AnswerContext, field: SimField): OutputForm | undefined {
  if (field.kind !== "str" && !(field.kind === "int" && ctx.plan.forms.some((f) => f.ops.some((o) => o.op === "count-words")))) return undefined;
  return ctx.plan.forms.find((form) => form.target === field.name);
}

/** A field answered by a stated form that works on an input (rule `output-form`). */
export function answerByForm(ctx: AnswerContext, field: SimField): FieldAnswer | null {
  const form = formFor(ctx, field);
  if (!form || !form.onInput || !form.source || ctx.prompt.query[form.source] === undefined) return null;
  const text = applyTextOps(ctx.prompt.query[form.source]!.text, form.ops);
  const value = field.kind === "int" ? Number(text) : text;
  if (field.kind === "int" && !Number.isFinite(value)) return null;
  return { value, note: { field: field.name, strategy: "form", detail: form.sentence } };
}

/** An answer restyled by a stated form that only restyles (upper case, joiners, prefixes). */
export function restyleByForm(ctx: AnswerContext, field: SimField, answer: FieldAnswer): FieldAnswer {
  const form = formFor(ctx, field);
  if (!form || form.onInput || typeof answer.value !== "string") return answer;
  return { value: applyTextOps(answer.value, form.ops), note: answer.note };
}

/**
 * A field answered by a stated shape ("in the form AB-1234"): the first span of that shape in the passage most
 * relevant to the rest of the query (with what the demos teach about passages, and stated source rules).
 */
export function answerByShape(ctx: AnswerContext, field: SimField, lessons: (input: string) => Array<{ source: string; weight: number }>): FieldAnswer | null {
  const shape = ctx.plan.shapes.find((s) => s.target === field.name);
  if (!shape || field.kind !== "str") return null;
  let best: { text: string; score: number; passage: string } | null = null;
  for (const input of ctx.prompt.inputs) {
    const value = ctx.prompt.query[input.name]?.text;
    if (!value) continue;
    const passages = splitPassages(value);
    const question = questionText(ctx.prompt, input.name);
    const relevance = relevanceWithLessons(passages, question, ctx.rules.has("passage-lessons") ? lessons(input.name) : [], ctx.lexicon);
    passages.forEach((passage, i) => {
      const match = shape.pattern.exec(passage.text);
      const score = (relevance[i] ?? 0) + sourceBonus(passage.text, ctx.preferredSources);
      if (match && (!best || score > best.score)) best = { text: match[0], score, passage: passage.text };
    });
  }
  if (!best) return null;
  const found = best as { text: string; score: number; passage: string };
  return { value: found.text, note: { field: field.name, strategy: "form", detail: shape.sentence, passage: found.passage } };
}
