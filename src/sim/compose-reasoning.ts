import { contextField, questionText, type AnswerContext, type AnswerNote } from "./answer-context.js";
import { inputsText } from "./rank-demos.js";
import { clip, quoted } from "./text-tokens.js";

const REASONING_FIELD = /^(reasoning|rationale|thoughts?|explanation|chain_of_thought)$/i;

/** Whether an output field is a reasoning trace (ChainOfThought's `reasoning`, or a field asking to think step by step). */
export function isReasoningField(name: string, description: string): boolean {
  return REASONING_FIELD.test(name) || /step by step|think/i.test(description);
}

function describe(note: AnswerNote, ctx: AnswerContext): string {
  const names = ctx.prompt.inputs.map((f) => f.name);
  const context = contextField(ctx.prompt)?.name;
  const inputs = note.demo?.demo.inputs ?? {};
  const example = `"${clip(inputsText(inputs, names.filter((n) => n !== context)) || inputsText(inputs, names), 12)}"`;
  switch (note.strategy) {
    case "template":
      return (note.demo?.score ?? 0) >= 0.3
        ? `It closely resembles an earlier example (${example}), so I answer \`${note.field}\` the same way, with the details that apply here.`
        : `Following the pattern of an earlier example (${example}), I answer \`${note.field}\` with the details that apply here.`;
    case "vote":
      return note.demo ? `The most similar examples, such as ${example}, point to the same \`${note.field}\`.` : `The examples point to this \`${note.field}\`.`;
    case "copy":
      return `An earlier example (${example}) is nearly the same, so I give the same \`${note.field}\`.`;
    case "fallback":
      return note.passage ? `No earlier example fits, so I answer \`${note.field}\` from the context directly.` : `Nothing in the prompt settles \`${note.field}\`, so I answer cautiously.`;
    case "guess":
      return `Nothing in the prompt settles \`${note.field}\`, so this is my best guess.`;
    case "instruction":
      return `I keep the basic instruction and add what the hints ask for.`;
    case "rule":
      return `The instructions state a rule that applies here (${quoted(note.detail ?? "", 20)}), so I answer \`${note.field}\` by it.`;
    case "form":
      return `The instructions state the form of \`${note.field}\` (${quoted(note.detail ?? "", 20)}), so I build it that way.`;
    case "role":
      return note.detail ?? `I answer \`${note.field}\` from what the prompt shows.`;
  }
}

/** A reasoning trace that says what the simulator actually did: what the request is about, which context and example it used. */
export function composeReasoning(ctx: AnswerContext, notes: AnswerNote[]): string {
  const context = contextField(ctx.prompt);
  const question = questionText(ctx.prompt, context?.name) || ctx.prompt.queryText;
  const steps: string[] = [];
  steps.push(question.trim() ? `The request is about ${quoted(question, 14)}` : "The request gives no inputs.");
  const passage = notes.find((n) => n.passage)?.passage;
  if (passage && context) {
    const verb = ctx.cues.quote || ctx.cues.cite ? "quote" : "note";
    steps.push(`From the ${context.name.replace(/_/g, " ")}, I ${verb}: ${quoted(passage, 30)}`);
  }
  const seen = new Set<string>();
  for (const note of notes) {
    const sentence = describe(note, ctx);
    if (!seen.has(sentence)) steps.push(sentence);
    seen.add(sentence);
  }
  if (ctx.cues.concise) return [steps[0], steps[steps.length - 1]].join(" ");
  if (ctx.cues.stepByStep) return steps.map((s, i) => `${i + 1}. ${s}`).join("\n");
  return steps.join(" ");
}
