import { takeAlternative, type AnswerContext, type FieldAnswer } from "./answer-context.js";
import type { SimField } from "./sim-prompt.js";
import { normalizeWord, wordTokens } from "./text-tokens.js";

const NEIGHBOURS = 3;
const PRIOR = 0.02;

/** The allowed value a reply text stands for (exact, case-insensitive, or without quotes/`Literal[...]`). */
export function matchChoice(text: string, choices: readonly string[]): string | null {
  const bare = text.trim().replace(/^(Literal|str)\[(.*)\]$/s, "$2").replace(/^['"](.*)['"]$/s, "$1").trim();
  return choices.find((c) => c === bare) ?? choices.find((c) => c.toLowerCase() === bare.toLowerCase()) ?? null;
}

/** A free-text field whose demo values look like labels: short, and repeating. */
export function looksLikeLabels(ctx: AnswerContext, field: SimField): boolean {
  const values = ctx.prompt.demos.map((d) => d.outputs[field.name]?.text.trim()).filter((v): v is string => v !== undefined);
  if (values.length < 2 || values.some((v) => wordTokens(v).length > 3 || v.length === 0)) return false;
  return new Set(values.map((v) => v.toLowerCase())).size < values.length;
}

/**
 * k-nearest-neighbour vote among the demos' values (k = 3, weighted by similarity, plus a small equal prior
 * for every demo so the majority wins when nothing overlaps); at temperature > 0 the runner-up may win.
 */
export function voteLabel(ctx: AnswerContext, field: SimField, choices?: readonly string[], avoid: readonly unknown[] = []): FieldAnswer | null {
  if (!ctx.rules.has("label-vote")) return null;
  const tally = new Map<string, number>();
  let position = 0;
  for (const ranked of ctx.ranked) {
    const shown = ranked.demo.outputs[field.name];
    if (!shown) continue;
    const label = choices ? matchChoice(shown.text, choices) : shown.text.trim();
    if (label === null || avoid.includes(label)) continue;
    const weight = (position < NEIGHBOURS ? ranked.score : 0) + PRIOR;
    tally.set(label, (tally.get(label) ?? 0) + weight);
    position++;
  }
  if (tally.size === 0) return null;
  const order = [...tally.keys()];
  const labels = [...order].sort((a, b) => tally.get(b)! - tally.get(a)! || order.indexOf(a) - order.indexOf(b));
  const label = labels.length > 1 && takeAlternative(ctx) ? labels[1]! : labels[0]!;
  const demo = ctx.ranked.find((r) => {
    const shown = r.demo.outputs[field.name];
    return shown !== undefined && (choices ? matchChoice(shown.text, choices) : shown.text.trim()) === label;
  });
  return { value: label, note: { field: field.name, strategy: "vote", ...(demo ? { demo } : {}) } };
}

/** With no demo to go by: the one allowed value the query mentions, else a seeded pick (never an avoided value, if others remain). */
export function guessLabel(ctx: AnswerContext, field: SimField, allChoices: readonly string[], avoid: readonly unknown[] = []): FieldAnswer {
  const allowed = allChoices.filter((c) => !avoid.includes(c));
  const choices = allowed.length > 0 ? allowed : allChoices;
  const queryWords = new Set(wordTokens(Object.values(ctx.prompt.query).map((v) => v.text).join(" ")).map((t) => t.norm));
  const mentioned = choices.filter((c) => {
    const words = wordTokens(c);
    return words.length > 0 && words.every((t) => queryWords.has(normalizeWord(t.text)));
  });
  const value = mentioned.length === 1 ? mentioned[0]! : ctx.rng.fork(`guess:${field.name}`).pick(choices);
  return { value, note: { field: field.name, strategy: "guess" } };
}
