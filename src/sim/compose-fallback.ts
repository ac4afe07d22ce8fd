import { contextField, questionText, type AnswerContext, type FieldAnswer } from "./answer-context.js";
import { sourceBonus } from "./follow-instructions.js";
import { passageTitle, rankPassages, splitPassages } from "./passages.js";
import { readTrajectory } from "./roles/use-tools.js";
import type { SimField } from "./sim-prompt.js";
import { capitalize, clip, endSentence } from "./text-tokens.js";

const SUMMARY_FIELD = /summar|description|observation|overview|gist|abstract/i;
const POLITE_OPENER = "Thank you for asking. ";

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/**
 * A free-text answer built only from the query when no demo helps: the context passage most relevant to the
 * question (rule `context-fallback`) — in an agent's trajectory, the last tool observation — phrased according to
 * the instruction cues; without context, a restatement that admits it cannot settle the question. Plausible, and
 * deliberately no better than what the prompt supports.
 */
export function composeFallback(ctx: AnswerContext, field: SimField): FieldAnswer {
  const { prompt, cues } = ctx;
  const context = ctx.rules.has("context-fallback") ? contextField(prompt) : undefined;
  const question = questionText(prompt, context?.name);
  const opener = cues.polite ? POLITE_OPENER : "";
  if (context) {
    const passages = splitPassages(prompt.query[context.name]!.text);
    const ranking = rankPassages(passages, question, ctx.lexicon)
      .map((r, i) => ({ ...r, score: r.score + sourceBonus(r.passage.text, ctx.preferredSources), i }))
      .sort((a, b) => b.score - a.score || a.i - b.i);
    const observed = readTrajectory(prompt.query[context.name]!.text).filter((step) => step.tool !== "finish" && step.observation);
    const best = observed.length > 0 ? observed[observed.length - 1]!.observation : ranking[0]?.passage.text;
    if (best) {
      const titled = passageTitle(best);
      let core: string;
      if (cues.cite && titled) core = `According to the ${titled.title}, ${lowerFirst(endSentence(titled.body))}`;
      else if (cues.cite) core = `According to the ${context.name.replace(/_/g, " ")}, ${lowerFirst(endSentence(best))}`;
      else core = capitalize(endSentence(titled ? titled.body : best));
      if (cues.quote) core += ` As stated: "${best.trim()}"`;
      return { value: opener + core, note: { field: field.name, strategy: "fallback", passage: best, contextField: context.name } };
    }
  }
  const inputs = Object.values(prompt.query).map((v) => v.text).join(" ").trim() || prompt.queryText.trim();
  let text: string;
  if (SUMMARY_FIELD.test(field.name)) text = endSentence(clip(inputs, cues.concise ? 15 : 30));
  else if (cues.concise) text = "Not enough information to say.";
  else text = `I can't settle "${clip(question || inputs, 12)}" from the information given; more details are needed.`;
  return { value: opener + text, note: { field: field.name, strategy: "fallback" } };
}
