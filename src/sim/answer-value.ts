import { pyFloat } from "../python/py-float.js";
import { takeAlternative, type AnswerContext, type FieldAnswer } from "./answer-context.js";
import { fillTemplate } from "./induce-template.js";
import type { SimField } from "./sim-prompt.js";
import { contentTerms, wordTokens } from "./text-tokens.js";
import { guessLabel, voteLabel } from "./vote-label.js";

const COPY_THRESHOLD = 0.5;

/** True when a demo's output is one token that also stands alone in its inputs (e.g. "7" from "within 7 days"). */
function copiesWholeValue(output: string, inputs: string[]): boolean {
  const words = wordTokens(output);
  if (words.length !== 1 || output.trim() !== words[0]!.text) return false;
  return inputs.some((text) => wordTokens(text).some((t) => t.text === words[0]!.text));
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** int/float fields: a number copied by analogy from the inputs, else the neighbours' vote/mean, else a seeded guess. */
export function answerNumber(ctx: AnswerContext, field: SimField): FieldAnswer {
  const isInt = field.kind === "int";
  for (const candidate of ctx.rules.has("number-copy") ? ctx.ranked : []) {
    const shown = candidate.demo.outputs[field.name];
    if (!shown || !copiesWholeValue(shown.text, Object.values(candidate.demo.inputs).map((v) => v.text))) continue;
    const filled = fillTemplate(ctx, field, candidate);
    const n = filled ? Number(filled.text.replace(/[$,%]/g, "")) : NaN;
    if (filled && Number.isFinite(n)) {
      return { value: isInt ? Math.round(n) : pyFloat(n), note: { field: field.name, strategy: "template", demo: candidate } };
    }
  }
  const shown = ctx.ranked.filter((r) => typeof r.demo.outputs[field.name]?.value === "number");
  if (shown.length > 0) {
    if (isInt) {
      const vote = voteLabel(ctx, field);
      if (vote) return { value: Number(vote.value), note: vote.note };
    }
    const top = shown.slice(0, 3);
    const weights = top.map((r) => r.score + 0.02);
    let mean = top.reduce((sum, r, i) => sum + (r.demo.outputs[field.name]!.value as number) * weights[i]!, 0);
    mean /= weights.reduce((a, b) => a + b, 0);
    if (ctx.temperature > 0) mean *= 1 + (ctx.rng.next() - 0.5) * 0.2 * Math.min(ctx.temperature, 2);
    return { value: pyFloat(round2(mean)), note: { field: field.name, strategy: "vote", demo: top[0]! } };
  }
  const rng = ctx.rng.fork(`number:${field.name}`);
  const value = isInt ? rng.int(0, 10) : pyFloat(round2(rng.next()));
  return { value, note: { field: field.name, strategy: "guess" } };
}

/** bool fields: the neighbours' vote, else a seeded guess. */
export function answerBool(ctx: AnswerContext, field: SimField, avoid: readonly unknown[] = []): FieldAnswer {
  const avoidText = avoid.map((v) => (v === true ? "True" : v === false ? "False" : v));
  const answer = voteLabel(ctx, field, ["True", "False"], avoidText) ?? guessLabel(ctx, field, ["True", "False"], avoidText);
  return { value: answer.value === "True", note: answer.note };
}

/** list/dict/model fields: the nearest demo's value with copied items carried over, else a value shaped by the schema. */
export function answerJson(ctx: AnswerContext, field: SimField): FieldAnswer {
  const candidates = ctx.ranked.filter((r) => r.demo.outputs[field.name] !== undefined);
  const skip = candidates.length > 1 && takeAlternative(ctx) ? 1 : 0;
  const nearest = candidates[skip] ?? candidates[0];
  if (nearest) {
    const value = nearest.demo.outputs[field.name]!.value;
    if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string")) {
      const mapped = value.map((item) => {
        const demo = { ...nearest.demo, outputs: { [field.name]: { text: item as string, value: item } } };
        return fillTemplate(ctx, field, { ...nearest, demo })?.text ?? null;
      });
      if (mapped.every((m) => m !== null)) return { value: mapped, note: { field: field.name, strategy: "template", demo: nearest } };
    }
    if (nearest.score >= COPY_THRESHOLD) return { value, note: { field: field.name, strategy: "copy", demo: nearest } };
  }
  const root = field.schema ?? { type: "array", items: { type: "string" } };
  return { value: schemaValue(ctx, root, root, field.name, 0), note: { field: field.name, strategy: "guess" } };
}

function keywords(ctx: AnswerContext): string[] {
  const text = Object.values(ctx.prompt.query).map((v) => v.text).join(" ");
  const seen = new Set<string>();
  const words: string[] = [];
  const content = new Set(contentTerms(text, ctx.lexicon));
  for (const t of wordTokens(text)) {
    if (!content.has(t.norm) || seen.has(t.norm) || t.text.length < 3) continue;
    seen.add(t.norm);
    words.push(t.text.toLowerCase());
  }
  return words;
}

/** A value that satisfies a JSON schema, built from the query's keywords and seeded numbers. */
export function schemaValue(ctx: AnswerContext, schema: Record<string, unknown>, root: Record<string, unknown>, path: string, depth: number): unknown {
  const rng = ctx.rng.fork(`schema:${path}`);
  const ref = schema.$ref;
  if (typeof ref === "string" && depth < 6) {
    const name = ref.split("/").pop() as string;
    const defs = (root.$defs ?? root.definitions) as Record<string, Record<string, unknown>> | undefined;
    if (defs?.[name]) return schemaValue(ctx, defs[name]!, root, path, depth + 1);
  }
  const anyOf = (schema.anyOf ?? schema.oneOf) as Array<Record<string, unknown>> | undefined;
  if (Array.isArray(anyOf) && anyOf.length > 0) {
    const option = anyOf.find((s) => s.type !== "null") ?? anyOf[0]!;
    return schemaValue(ctx, option, root, path, depth + 1);
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return rng.pick(schema.enum as unknown[]);
  if ("const" in schema) return schema.const;
  const words = keywords(ctx);
  switch (schema.type) {
    case "string":
      return words.length > 0 ? words.slice(0, 3).join(" ") : "unknown";
    case "integer":
      return rng.int(0, 10);
    case "number":
      return pyFloat(round2(rng.next()));
    case "boolean":
      return rng.chance(0.5);
    case "null":
      return null;
    case "array": {
      const items = (schema.items ?? { type: "string" }) as Record<string, unknown>;
      if (items.type === "string" && !items.enum) return words.slice(0, 3);
      if (depth >= 6) return [];
      return [schemaValue(ctx, items, root, `${path}[0]`, depth + 1)];
    }
    default: {
      const props = schema.properties as Record<string, Record<string, unknown>> | undefined;
      if (!props || depth >= 6) return {};
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(props)) out[key] = schemaValue(ctx, sub, root, `${path}.${key}`, depth + 1);
      return out;
    }
  }
}
