import { ValueError } from "../../errors/value-error.js";
import { pyStr } from "../../python/pyfmt.js";
import { isPySpace, pyStrip } from "../../python/py-str.js";
import type { ReflectiveRecord } from "./gepa-adapter.js";

/** gepa 0.1.4's reflection prompt; `<curr_param>` is the current instruction, `<side_info>` the examples with feedback. */
export const DEFAULT_REFLECTION_PROMPT_TEMPLATE = `I provided an assistant with the following instructions to perform a task for me:
\`\`\`
<curr_param>
\`\`\`

The following are examples of different task inputs provided to the assistant along with the assistant's response for each of them, and some feedback on how the assistant's response could be better:
\`\`\`
<side_info>
\`\`\`

Your task is to write a new instruction for the assistant.

Read the inputs carefully and identify the input format and infer detailed task description about the task I wish to solve with the assistant.

Read all the assistant responses and the corresponding feedback. Identify all niche and domain specific factual information about the task and include it in the instruction, as a lot of it may not be available to the assistant in the future. The assistant may have utilized a generalizable strategy to solve the task, if so, include that in the instruction as well.

Provide the new instructions within \`\`\` blocks.`;

const isPlainRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/** A value as gepa renders it: records as `###` headings, lists as `### Item n`, anything else as stripped text. */
export function renderReflectiveValue(value: unknown, level = 3, renderLeaf: (value: unknown) => string = defaultLeaf): string {
  const heading = "#".repeat(level);
  if (value instanceof Map || isPlainRecord(value)) {
    const entries = value instanceof Map ? [...value] : Object.entries(value);
    let text = "";
    for (const [key, item] of entries) text += `${heading} ${pyStr(key)}\n${renderReflectiveValue(item, Math.min(level + 1, 6), renderLeaf)}`;
    return entries.length === 0 ? `${text}\n` : text;
  }
  if (Array.isArray(value)) {
    let text = "";
    value.forEach((item, i) => (text += `${heading} Item ${i + 1}\n${renderReflectiveValue(item, Math.min(level + 1, 6), renderLeaf)}`));
    return value.length === 0 ? `${text}\n` : text;
  }
  return renderLeaf(value);
}

function defaultLeaf(value: unknown): string {
  return `${pyStrip(pyStr(value))}\n\n`;
}

/** One reflective record as gepa's markdown: `# Example n`, then `## key` and the rendered value per field. */
export function formatReflectiveExample(record: ReflectiveRecord, number: number, renderLeaf?: (value: unknown) => string): string {
  let text = `# Example ${number}\n`;
  for (const [key, value] of Object.entries(record)) text += `## ${key}\n${renderReflectiveValue(value, 3, renderLeaf)}`;
  return text;
}

/** The reflective records as gepa's markdown, examples separated by a blank line. */
export function formatReflectiveExamples(records: readonly ReflectiveRecord[], renderLeaf?: (value: unknown) => string): string {
  return records.map((record, i) => formatReflectiveExample(record, i + 1, renderLeaf)).join("\n\n");
}

/** Checks a custom template has both placeholders (gepa's `validate_prompt_template`). */
export function validatePromptTemplate(template: string | null | undefined): void {
  if (template === null || template === undefined) return;
  const missing = ["<curr_param>", "<side_info>"].filter((placeholder) => !template.includes(placeholder));
  if (missing.length) throw new ValueError(`Missing placeholder(s) in prompt template: ${missing.join(", ")}`);
}

/** The reflection prompt for one component (gepa's `InstructionProposalSignature.prompt_renderer`, text records). */
export function renderReflectionPrompt(currentInstruction: string, records: readonly ReflectiveRecord[], template?: string | null): string {
  const chosen = template ?? DEFAULT_REFLECTION_PROMPT_TEMPLATE;
  validatePromptTemplate(chosen);
  // Python's str.replace replaces every occurrence, the second pass included.
  return chosen.split("<curr_param>").join(currentInstruction).split("<side_info>").join(formatReflectiveExamples(records));
}

const FENCE = "```";

/** The new instruction in a reflection reply: the text between the first and last ``` fences, without a language tag. */
export function extractInstruction(reply: string): string {
  const start = reply.indexOf(FENCE) + 3;
  const end = reply.lastIndexOf(FENCE);
  if (start >= end) {
    const stripped = pyStrip(reply);
    if (stripped.startsWith(FENCE)) {
      const tag = leadingNonSpace(reply, 3);
      const afterTag = reply[tag] === "\n" ? tag + 1 : tag;
      return reply.startsWith(FENCE) ? pyStrip(reply.slice(afterTag)) : stripped;
    }
    if (stripped.endsWith(FENCE)) return pyStrip(stripped.slice(0, -3));
    return stripped;
  }
  let content = reply.slice(start, end);
  const tagEnd = leadingNonSpace(content, 0);
  if (content[tagEnd] === "\n") content = content.slice(tagEnd + 1);
  return pyStrip(content);
}

/** The index after the run of non-whitespace characters starting at `from` (Python's `\S*`). */
function leadingNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isPySpace(text[i] as string)) i++;
  return i;
}
