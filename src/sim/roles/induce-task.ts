import { countKeywords, keywordRules, type KeywordTable } from "../induce-keywords.js";
import { induceTextOps } from "../induce-text-ops.js";
import { passageTitle, sourcePassage, splitPassages } from "../passages.js";
import { shapePattern } from "../read-instructions.js";
import { describeTextForm, type TextOp } from "../text-ops.js";
import { FULL_LEXICON, wordTokens, type Lexicon } from "../text-tokens.js";
import type { ShownExample } from "./read-examples.js";

/** What a set of shown examples reveals about the task (docs/sim.md, "Induction"). */
export interface TaskFindings {
  inputs: string[];
  outputs: string[];
  size: number;
  /** Label-like outputs: the words seen with each value in the question inputs. */
  labels: Array<{ output: string; input: string; table: KeywordTable }>;
  /** Outputs drawn from one titled passage of a multi-passage input: the words seen with each title. */
  sources: Array<{ output: string; input: string; table: KeywordTable }>;
  /** Outputs that a sequence of text operations makes from an input. */
  forms: Array<{ output: string; source: string; ops: TextOp[] }>;
  /** Outputs that are one span of a fixed shape copied from the inputs. */
  shapes: Array<{ output: string; example: string }>;
  /** Mean length in words of each input. */
  lengths: Record<string, number>;
}

function words(text: string): number {
  return wordTokens(text).length;
}

function isMultiPassage(values: readonly string[]): boolean {
  return values.length > 0 && values.filter((v) => splitPassages(v).length >= 2).length >= values.length / 2;
}

function isLabelLike(values: readonly string[]): boolean {
  if (values.length < 2 || values.some((v) => v.trim() === "" || words(v) > 3)) return false;
  const distinct = new Set(values.map((v) => v.trim().toLowerCase())).size;
  return distinct <= Math.max(1, Math.floor(values.length * 0.7));
}

/** Which inputs hold the question (not background passages shared by the examples). */
function questionInputs(examples: readonly ShownExample[], inputs: readonly string[]): string[] {
  const varying = inputs.filter((name) => {
    const values = examples.map((e) => e.inputs[name] ?? "");
    return !isMultiPassage(values) && new Set(values).size > 1;
  });
  return varying.length > 0 ? varying : inputs.filter((name) => !isMultiPassage(examples.map((e) => e.inputs[name] ?? "")));
}

/** Reads what the examples show: label keywords, source passages, text forms, shapes, input lengths. */
export function induceTask(examples: readonly ShownExample[], lexicon: Lexicon = FULL_LEXICON): TaskFindings {
  const inputs = [...new Set(examples.flatMap((e) => Object.keys(e.inputs)))];
  const outputs = [...new Set(examples.flatMap((e) => Object.keys(e.outputs)))];
  const findings: TaskFindings = { inputs, outputs, size: examples.length, labels: [], sources: [], forms: [], shapes: [], lengths: {} };
  for (const name of inputs) {
    const values = examples.map((e) => e.inputs[name]).filter((v): v is string => v !== undefined);
    findings.lengths[name] = values.length ? Math.round(values.reduce((n, v) => n + words(v), 0) / values.length) : 0;
  }
  const questions = questionInputs(examples, inputs);
  const question = questions.length === 1 ? (questions[0] as string) : "input";
  const questionOf = (e: ShownExample) => questions.map((name) => e.inputs[name] ?? "").join("\n");
  for (const output of outputs) {
    const shown = examples.filter((e) => e.outputs[output] !== undefined && e.outputs[output]!.trim() !== "");
    const values = shown.map((e) => e.outputs[output]!.trim());
    if (values.length === 0) continue;
    if (isLabelLike(values)) {
      findings.labels.push({ output, input: question, table: countKeywords(shown.map((e) => ({ text: questionOf(e), value: e.outputs[output]!.trim() })), lexicon) });
      continue;
    }
    for (const source of questions) {
      const pairs = shown.filter((e) => e.inputs[source] !== undefined).map((e) => ({ input: e.inputs[source]!, output: e.outputs[output]! }));
      if (pairs.length < 2) continue;
      const ops = induceTextOps(pairs);
      if (ops) {
        findings.forms.push({ output, source, ops });
        break;
      }
    }
    const shapes = new Set(values.map((v) => shapePattern(v).source));
    const copied = shown.every((e) => Object.values(e.inputs).some((text) => text.includes(e.outputs[output]!.trim())));
    if (values.length >= 2 && shapes.size === 1 && values.every((v) => !/\s/.test(v) && /\d/.test(v)) && copied) {
      findings.shapes.push({ output, example: values[0] as string });
    }
    const context = inputs.find((name) => !questions.includes(name) && isMultiPassage(shown.map((e) => e.inputs[name] ?? "")));
    if (context) {
      const titled = shown
        .map((e) => {
          const passage = sourcePassage(e.inputs[context] ?? "", e.outputs[output]!, lexicon);
          const title = passage ? passageTitle(passage)?.title : undefined;
          return title ? { text: questionOf(e), value: title } : null;
        })
        .filter((x): x is { text: string; value: string } => x !== null);
      if (titled.length >= 2) findings.sources.push({ output, input: question, table: countKeywords(titled, lexicon) });
    }
  }
  return findings;
}

function fieldRef(name: string): string {
  return name === "input" ? "the input" : `the \`${name}\``;
}

function list(words: readonly string[]): string {
  const quotedWords = words.map((w) => `"${w}"`);
  return quotedWords.length === 1 ? quotedWords[0]! : `${quotedWords.slice(0, -1).join(", ")} or ${quotedWords[quotedWords.length - 1]}`;
}

/** A keyword rule sentence (read back by the simulator's rule reader). */
export function keywordSentence(input: string, words: readonly string[], output: string, value: string): string {
  return `If ${fieldRef(input)} mentions ${list(words)}, set \`${output}\` to "${value}".`;
}

/** A source rule sentence (read back by the simulator's rule reader). */
export function sourceSentence(input: string, words: readonly string[], title: string): string {
  return `If ${fieldRef(input)} mentions ${list(words)}, use the passage titled "${title}".`;
}

/** A shape sentence (read back by the simulator's instruction reader). */
export function shapeSentence(output: string, example: string): string {
  return `Answer \`${output}\` with the part of the input shaped like "${example}".`;
}

/** Observation lines: structure, value counts and the words seen with each value, forms, shapes. */
export function observationLines(findings: TaskFindings): string[] {
  const lines: string[] = [];
  const names = (xs: readonly string[]) => xs.map((x) => `\`${x}\``).join(", ");
  lines.push(`The examples map ${names(findings.inputs)} to ${names(findings.outputs)} (${findings.size} shown).`);
  for (const { output, input, table } of findings.labels) {
    lines.push(`\`${output}\` takes ${table.values.length} values: ${table.values.map((v) => `"${v.value}" (${v.examples})`).join(", ")}.`);
    for (const v of table.values) {
      if (v.pure.length === 0) continue;
      lines.push(`Examples whose \`${output}\` is "${v.value}" (${v.examples} of ${findings.size}) mention in \`${input}\`: ${v.pure.slice(0, 10).map((w) => `"${w.shown}" ×${w.count}`).join(", ")}.`);
    }
  }
  for (const { output, input, table } of findings.sources) {
    for (const v of table.values) {
      if (v.pure.length === 0) continue;
      lines.push(
        `Examples whose \`${output}\` comes from the passage titled "${v.value}" (${v.examples} of ${findings.size}) mention in \`${input}\`: ${v.pure.slice(0, 10).map((w) => `"${w.shown}" ×${w.count}`).join(", ")}.`,
      );
    }
  }
  for (const form of findings.forms) lines.push(describeTextForm(form.ops, form.source, form.output));
  for (const shape of findings.shapes) lines.push(shapeSentence(shape.output, shape.example));
  const lengths = Object.entries(findings.lengths).map(([name, n]) => `\`${name}\` about ${n} words`);
  if (lengths.length > 0) lines.push(`Input lengths: ${lengths.join(", ")}.`);
  return lines;
}

/** Instruction sentences the findings support: keyword and source rules (words seen `minCount`+ times), forms, shapes. */
export function ruleSentences(findings: TaskFindings, minCount = 2, maxWords = 12): string[] {
  const sentences: string[] = [];
  for (const { output, input, table } of findings.labels) {
    for (const rule of keywordRules(table, minCount, maxWords)) sentences.push(keywordSentence(input, rule.words.map((w) => w.shown), output, rule.value));
  }
  for (const { input, table } of findings.sources) {
    for (const rule of keywordRules(table, minCount, maxWords)) sentences.push(sourceSentence(input, rule.words.map((w) => w.shown), rule.value));
  }
  for (const form of findings.forms) sentences.push(describeTextForm(form.ops, form.source, form.output));
  for (const shape of findings.shapes) sentences.push(shapeSentence(shape.output, shape.example));
  return sentences;
}
