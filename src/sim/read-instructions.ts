import { cueIn, readCues, splitSentences, type InstructionCues } from "./instruction-cues.js";
import { quotedPieces, readStatedRule, type StatedRule } from "./read-stated-rule.js";
import type { SimField } from "./sim-prompt.js";
import { isSelecting, readTextOps, type TextOp } from "./text-ops.js";
import { contentTerms } from "./text-tokens.js";

/** A stated sequence of text operations (rule `output-form`). */
export interface OutputForm {
  ops: TextOp[];
  /** The output it shapes (named in the sentence, else the main output). */
  target?: string;
  /** The input it starts from when it works on an input (named in the sentence, else the main input). */
  source?: string;
  /** True: the operations turn an input into the answer; false: they restyle the answer given otherwise. */
  onInput: boolean;
  sentence: string;
}

/** A stated shape of the answer, such as "in the form AB-1234" (rule `output-form`). */
export interface ShapeForm {
  example: string;
  pattern: RegExp;
  target?: string;
  sentence: string;
}

/** Everything the simulator takes from an instruction. */
export interface InstructionPlan {
  rules: StatedRule[];
  forms: OutputForm[];
  shapes: ShapeForm[];
  cues: InstructionCues;
  /** "Ignore the examples": demos are not used. */
  ignoreDemos: boolean;
  /** "Answer at random": answers are seeded guesses. */
  random: boolean;
  /** "Be verbose": free-text answers get an extra sentence. */
  verbose: boolean;
  /** Sentences with nothing usable for the task (they distract). */
  noise: string[];
}

export const EMPTY_PLAN: InstructionPlan = Object.freeze({
  rules: [],
  forms: [],
  shapes: [],
  cues: Object.freeze({ cite: false, quote: false, concise: false, polite: false, labelsOnly: false, stepByStep: false }),
  ignoreDemos: false,
  random: false,
  verbose: false,
  noise: [],
}) as InstructionPlan;

const IGNORE_DEMOS = /\bignore (?:the |all |any )?(?:previous |earlier )?(?:examples|demos|demonstrations)\b|\b(?:do not|don't) (?:use|rely on|look at|follow) (?:the )?examples\b/i;
const RANDOM = /\b(?:answer|respond|choose|pick|reply|guess)\w* (?:at random|randomly)\b|\brandom(?:ly chosen)? (?:label|answer|guess|choice)\b|\bjust guess\b/i;
const VERBOSE =
  /\b(?:be verbose|verbosely|elaborate on (?:the |your )?answer|(?:make|keep) (?:the |your )?answers? (?:long|lengthy|detailed)|as (?:long|detailed) as possible|add (?:a |some )?(?:commentary|remarks?) to (?:the |your )?answer)\b/i;
const PERSONA = /^you are (?:a|an|the)\b/i;
const SHAPE = /\b(?:in the form(?: of)?|in the format|formatted (?:as|like)|shaped like|of the form|looks? like|such as|like)\s*:?\s*(["“`'«][^"”`'»]+["”`'»])/i;

/** Words that make a sentence about the task in general (what to answer, how to read the inputs). */
const TASK_WORDS = new Set(
  contentTerms(
    "answer answers respond response reply output outputs input inputs field fields label labels category categories class classes value values " +
      "task example examples question questions text texts format instruction instructions given produce generate write read return choose select " +
      "classify extract determine identify predict using based following provided information data result correct accurate accuracy careful " +
      "carefully reasoning think explain step steps word words sentence sentences",
  ),
);

function fieldWords(fields: readonly SimField[]): Set<string> {
  const words = new Set<string>();
  for (const field of fields) {
    for (const term of contentTerms(`${field.name.replace(/_/g, " ")} ${field.description} ${(field.choices ?? []).join(" ")}`)) words.add(term);
  }
  return words;
}

/** The first output that is not a reasoning trace, and the first input (the ones a rule means when it names none). */
export function mainFields(inputs: readonly SimField[], outputs: readonly SimField[]): { input?: string; output?: string } {
  const output = outputs.find((f) => !/^(reasoning|rationale|thoughts?|explanation|chain_of_thought)$/i.test(f.name));
  const input = inputs.find((f) => !/context|passage|document|knowledge|hint|advice/i.test(f.name)) ?? inputs[0];
  return { ...(input ? { input: input.name } : {}), ...(output ? { output: output.name } : {}) };
}

/** The regular expression for a shape example: letters and digits become classes of the same length, the rest stays. */
export function shapePattern(example: string): RegExp {
  const parts: string[] = [];
  for (const m of example.matchAll(/\d+|[A-Z]+|[a-z]+|[^A-Za-z\d]/g)) {
    const piece = m[0];
    if (/^\d/.test(piece)) parts.push(`\\d{${piece.length}}`);
    else if (/^[A-Z]/.test(piece)) parts.push(`[A-Z]{${piece.length}}`);
    else if (/^[a-z]/.test(piece)) parts.push(`[a-z]{${piece.length}}`);
    else parts.push(piece.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s/, "\\s+"));
  }
  return new RegExp(`(?<![A-Za-z\\d])${parts.join("")}(?![A-Za-z\\d])`);
}

function namedField(sentence: string, names: readonly string[]): string | undefined {
  for (const m of sentence.matchAll(/`(\w+)`/g)) if (names.includes(m[1] as string)) return m[1];
  return undefined;
}

/**
 * Reads an instruction (the task instructions, the output fields' descriptions and any hint inputs) into what the
 * simulator acts on: stated rules, output forms and shapes, style cues, harmful directives, and the sentences it
 * can use nothing of (docs/sim.md, "How it reads instructions").
 */
export function readInstructions(text: string, inputs: readonly SimField[], outputs: readonly SimField[]): InstructionPlan {
  const inputNames = inputs.map((f) => f.name);
  const outputNames = outputs.map((f) => f.name);
  const main = mainFields(inputs, outputs);
  const vocabulary = fieldWords([...inputs, ...outputs]);
  const plan: InstructionPlan = { rules: [], forms: [], shapes: [], cues: readCues(text), ignoreDemos: false, random: false, verbose: false, noise: [] };
  for (const sentence of splitSentences(text)) {
    let used = false;
    const rule = readStatedRule(sentence, inputNames, outputNames);
    if (rule) {
      plan.rules.push(rule);
      used = true;
    }
    const ops = rule ? [] : readTextOps(sentence);
    if (ops.length > 0) {
      const source = namedField(sentence, inputNames);
      const onInput = source !== undefined || ops.some(isSelecting);
      const target = namedField(sentence, outputNames) ?? main.output;
      const from = source ?? main.input;
      plan.forms.push({ ops, onInput, sentence, ...(target ? { target } : {}), ...(from ? { source: from } : {}) });
      used = true;
    }
    const shape = SHAPE.exec(sentence);
    if (shape && /\d/.test(shape[1] as string)) {
      const example = quotedPieces(shape[1] as string)[0] ?? "";
      const target = namedField(sentence, outputNames) ?? main.output;
      plan.shapes.push({ example, pattern: shapePattern(example), sentence, ...(target ? { target } : {}) });
      used = true;
    }
    if (IGNORE_DEMOS.test(sentence)) plan.ignoreDemos = used = true;
    if (RANDOM.test(sentence)) plan.random = used = true;
    if (VERBOSE.test(sentence)) plan.verbose = used = true;
    if (used || PERSONA.test(sentence)) continue;
    if ((Object.keys(plan.cues) as Array<keyof InstructionCues>).some((cue) => cueIn(sentence, cue))) continue;
    const terms = contentTerms(sentence.replace(/`\w+`/g, (m) => m.slice(1, -1).replace(/_/g, " ")));
    if (terms.length > 0 && !terms.some((t) => vocabulary.has(t) || TASK_WORDS.has(t))) plan.noise.push(sentence);
  }
  return plan;
}
