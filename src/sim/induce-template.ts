import { findCopiedSpans, mapSpan, restyle } from "./align-spans.js";
import { questionText, takeAlternative, type AnswerContext, type FieldAnswer } from "./answer-context.js";
import { sourceBonus } from "./follow-instructions.js";
import { relevanceWithLessons, sourcePassage, splitPassages, type Passage, type PassageLesson } from "./passages.js";
import { inputsText, type RankedDemo } from "./rank-demos.js";
import { cosine, TfIdf } from "./similarity.js";
import type { SimField } from "./sim-prompt.js";

/** A demo output rewritten for the query: literal text kept, copied spans replaced by the query's counterparts. */
export interface FilledTemplate {
  text: string;
  demo: RankedDemo;
  /** The query passages the slots were taken from. */
  passages: string[];
  slots: number;
  /** How well the demo's source passages fit the query's (mean shape similarity, 0–1). */
  fit: number;
}

/**
 * Induces a template from one demo (which parts of its output were copied from which input) and fills it
 * from the query's inputs. `null` when the demo's output copies nothing or a slot has no counterpart.
 */
export function fillTemplate(ctx: AnswerContext, field: SimField, ranked: RankedDemo): FilledTemplate | null {
  const output = ranked.demo.outputs[field.name];
  if (!output) return null;
  const demoInputs: Record<string, string> = {};
  for (const [name, value] of Object.entries(ranked.demo.inputs)) {
    if (ctx.prompt.query[name] !== undefined) demoInputs[name] = value.text;
  }
  const segments = findCopiedSpans(output.text, demoInputs, ctx.lexicon);
  let text = "";
  let slots = 0;
  let fit = 0;
  const passages: string[] = [];
  for (const segment of segments) {
    if (segment.kind === "literal") {
      text += segment.text;
      continue;
    }
    const queryValue = ctx.prompt.query[segment.field]!.text;
    const question = questionText(ctx.prompt, segment.field);
    const lessons = ctx.rules.has("passage-lessons") ? lessonsFor(ctx, segment.field, field.name) : [];
    const relevance = (ps: Passage[]) =>
      relevanceWithLessons(ps, question, lessons, ctx.lexicon).map((r, i) => r + sourceBonus(ps[i]!.text, ctx.preferredSources));
    const mapped = mapSpan(demoInputs[segment.field] as string, segment, queryValue, relevance, ctx.rules.has("shape-spans"), ctx.rules.has("titled-passages"));
    if (!mapped) return null;
    const source = demoInputs[segment.field]!.slice(segment.start, segment.end);
    text += restyle(segment.text, source, queryValue.slice(mapped.start, mapped.end));
    slots++;
    fit += mapped.shape;
    const passage = splitPassages(queryValue).find((p) => mapped.start >= p.start && mapped.start < p.end)?.text;
    if (passage && !passages.includes(passage)) passages.push(passage);
  }
  return slots === 0 ? null : { text, demo: ranked, passages, slots, fit: fit / slots };
}

/**
 * Which passages answered the demos (their output's source in input `input`), each weighted by how similar the demo's
 * other inputs — its question, not the passages being chosen from — are to the query's (rule `passage-lessons`).
 */
export function lessonsFor(ctx: AnswerContext, input: string, output: string): PassageLesson[] {
  const key = `lessons\u0000${input}\u0000${output}`;
  const known = ctx.memo.get(key) as PassageLesson[] | undefined;
  if (known) return known;
  const lessons = computeLessons(ctx, input, output);
  ctx.memo.set(key, lessons);
  return lessons;
}

function computeLessons(ctx: AnswerContext, input: string, output: string): PassageLesson[] {
  const others = ctx.prompt.inputs.map((f) => f.name).filter((name) => name !== input && ctx.prompt.query[name] !== undefined);
  const usable = ctx.ranked.filter((r) => r.demo.inputs[input]?.text && r.demo.outputs[output]?.text);
  if (usable.length === 0) return [];
  const texts = usable.map((r) => inputsText(r.demo.inputs, others));
  const query = inputsText(ctx.prompt.query, others);
  const tfidf = new TfIdf([...texts, query], ctx.lexicon);
  const qv = tfidf.vector(query);
  const lessons: PassageLesson[] = [];
  usable.forEach((ranked, i) => {
    const weight = others.length > 0 ? cosine(tfidf.vector(texts[i]!), qv) : ranked.score;
    if (weight <= 0) return;
    const source = sourcePassage(ranked.demo.inputs[input]!.text, ranked.demo.outputs[output]!.text, ctx.lexicon);
    if (source) lessons.push({ source, weight });
  });
  return lessons;
}

/** How many of the most similar demos are tried as templates. */
const TEMPLATE_CANDIDATES = 4;

/**
 * Answers a free-text field by analogy: the demos most similar to the query whose output was derived from
 * their inputs are turned into templates and filled; the best by similarity plus half the passage fit wins
 * (at temperature > 0 the seed may pick the runner-up instead).
 */
export function answerByTemplate(ctx: AnswerContext, field: SimField): FieldAnswer | null {
  const filled: FilledTemplate[] = [];
  for (const candidate of ctx.ranked) {
    if (filled.length >= TEMPLATE_CANDIDATES) break;
    if (candidate.demo.outputs[field.name] === undefined) continue;
    const template = fillTemplate(ctx, field, candidate);
    if (template) filled.push(template);
  }
  if (filled.length === 0) return null;
  const order = filled
    .map((t, i) => ({ t, i, score: t.demo.score + 0.5 * t.fit }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((x) => x.t);
  const chosen = order.length > 1 && takeAlternative(ctx) ? order[1]! : order[0]!;
  return {
    value: chosen.text,
    note: { field: field.name, strategy: "template", demo: chosen.demo, ...(chosen.passages[0] ? { passage: chosen.passages[0] } : {}) },
  };
}
