import { pythonLiteralEval } from "../../python/python-literal.js";

/** An example as a role prompt shows it: input values and output values by field name (all as text). */
export interface ShownExample {
  inputs: Record<string, string>;
  outputs: Record<string, string>;
}

function asText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && !Array.isArray(value) && !(value instanceof Map) && !(value instanceof Set)) {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  if (Array.isArray(value)) return JSON.stringify(value);
  return String(value);
}

/** Index just past the bracket closing the one at `open` (quote-aware), or -1. */
function closing(text: string, open: number): number {
  const pairs: Record<string, string> = { "{": "}", "[": "]", "(": ")" };
  const stack: string[] = [];
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (pairs[ch]) stack.push(pairs[ch] as string);
    else if (ch === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}

/**
 * Examples written as Python reprs, as DSPy's dataset descriptor shows a batch of the trainset:
 * `[Example({'q': '…', 'a': '…'}) (input_keys={'q'}), …]`. Keys not in `input_keys` are outputs.
 */
export function readExampleReprs(text: string): ShownExample[] {
  const examples: ShownExample[] = [];
  let at = text.indexOf("Example({");
  while (at >= 0) {
    const dictStart = at + "Example(".length;
    const dictEnd = closing(text, dictStart);
    if (dictEnd < 0) break;
    let record: Record<string, unknown> = {};
    try {
      const value = pythonLiteralEval(text.slice(dictStart, dictEnd));
      if (value && typeof value === "object" && !(value instanceof Map)) record = value as Record<string, unknown>;
    } catch {
      record = {};
    }
    let inputKeys: string[] = [];
    const keys = /^\)\s*\(input_keys=(\{|set\(\))/.exec(text.slice(dictEnd));
    let next = dictEnd;
    if (keys) {
      const setStart = dictEnd + keys.index + keys[0].length - keys[1]!.length;
      const setEnd = keys[1] === "{" ? closing(text, setStart) : setStart + "set()".length;
      try {
        const value = keys[1] === "{" ? pythonLiteralEval(text.slice(setStart, setEnd)) : new Set();
        inputKeys = value instanceof Set ? [...value].map(String) : [];
      } catch {
        inputKeys = [];
      }
      next = setEnd;
    }
    const example: ShownExample = { inputs: {}, outputs: {} };
    for (const [key, value] of Object.entries(record)) {
      if (key.startsWith("dspy_")) continue;
      (inputKeys.includes(key) ? example.inputs : example.outputs)[key] = asText(value);
    }
    if (Object.keys(record).length > 0) examples.push(example);
    at = text.indexOf("Example({", next);
  }
  return examples;
}

/** `snake_case` name of a DSPy field prefix such as `Guide Context:` → `guide_context`. */
function nameOfPrefix(prefix: string): string {
  return prefix.replace(/:$/, "").trim().toLowerCase().replace(/[^\w]+/g, "_").replace(/^_|_$/g, "");
}

/** The field names an instruction like "Given the fields `a`, `b`, produce the fields `c`." declares. */
export function fieldsOfInstruction(instruction: string): { inputs: string[]; outputs: string[] } | null {
  const match = /given the fields?\s+(.+?),?\s+produce the fields?\s+(.+?)(?:\.|$)/is.exec(instruction);
  if (!match) return null;
  const names = (text: string) => [...text.matchAll(/`(\w+)`/g)].map((m) => m[1] as string);
  return { inputs: names(match[1] as string), outputs: names(match[2] as string) };
}

/** Field names from a module description such as `Predict(a, b) -> c, d`. */
export function fieldsOfModule(module: string): { inputs: string[]; outputs: string[] } | null {
  const match = /\(([^()]*)\)\s*->\s*([\w, ]+)/.exec(module);
  if (!match) return null;
  const split = (text: string) => text.split(",").map((s) => s.trim()).filter(Boolean);
  return { inputs: split(match[1] as string), outputs: split(match[2] as string) };
}

/**
 * Examples written as `Prefix: value` lines, one blank line between examples (MIPROv2's `task_demos`). Lines that do
 * not start a known field continue the previous value. `fields` says which names are inputs; without it, the last
 * field of each example is its output.
 */
export function readFieldLines(text: string, fields?: { inputs: string[]; outputs: string[] } | null): ShownExample[] {
  const examples: ShownExample[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const entries: Array<[string, string]> = [];
    for (const line of block.split("\n")) {
      const head = /^([A-Z][\w ]{0,40}?):(?:\s(.*))?$/.exec(line);
      if (head) entries.push([nameOfPrefix(head[1] as string), (head[2] ?? "").trim()]);
      else if (entries.length > 0) entries[entries.length - 1]![1] = `${entries[entries.length - 1]![1]}\n${line}`.trim();
    }
    const named = entries.filter(([name]) => !/^reasoning$|^rationale$/.test(name));
    if (named.length < 2) continue;
    const example: ShownExample = { inputs: {}, outputs: {} };
    named.forEach(([name, value], i) => {
      const isOutput = fields ? fields.outputs.includes(name) || (!fields.inputs.includes(name) && i === named.length - 1) : i === named.length - 1;
      (isOutput ? example.outputs : example.inputs)[name] = value;
    });
    examples.push(example);
  }
  return examples;
}

/** One record of GEPA's reflective dataset: `Inputs`, `Generated Outputs`, `Feedback` (as markdown sections). */
export interface FeedbackRecord {
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  feedback: string;
}

/** The `# Example N` sections of GEPA's reflection prompt, with their `##` parts and `###` fields. */
export function readFeedbackRecords(text: string): FeedbackRecord[] {
  const records: FeedbackRecord[] = [];
  for (const section of text.split(/^# Example \d+\s*$/m).slice(1)) {
    const record: FeedbackRecord = { inputs: {}, outputs: {}, feedback: "" };
    for (const part of section.split(/^## /m).slice(1)) {
      const newline = part.indexOf("\n");
      const title = (newline < 0 ? part : part.slice(0, newline)).trim().toLowerCase();
      const body = newline < 0 ? "" : part.slice(newline + 1).replace(/\n```[\s\S]*$/, "");
      if (title === "feedback") {
        record.feedback = body.trim();
        continue;
      }
      const target = title.startsWith("input") ? record.inputs : title.includes("output") ? record.outputs : null;
      if (!target) continue;
      const fields = body.split(/^### /m);
      if (fields.length === 1) target[title] = body.trim();
      for (const field of fields.slice(1)) {
        const nl = field.indexOf("\n");
        const name = (nl < 0 ? field : field.slice(0, nl)).trim();
        target[name] = (nl < 0 ? "" : field.slice(nl + 1)).replace(/^#{4,} .*$/gm, "").trim();
      }
    }
    records.push(record);
  }
  return records;
}

/** COPRO's attempts: `Instruction #k: …`, `Prefix #k: …`, `Resulting Score #k: …` items, in any list rendering. */
export function readAttempts(text: string): Array<{ instruction: string; prefix: string; score: number }> {
  const attempts = new Map<string, { instruction: string; prefix: string; score: number }>();
  const get = (k: string) => {
    let attempt = attempts.get(k);
    if (!attempt) attempts.set(k, (attempt = { instruction: "", prefix: "", score: Number.NaN }));
    return attempt;
  };
  const pattern = /(Instruction|Prefix|Resulting Score) #(\d+): ([\s\S]*?)(?=»|\n\[\d+\] «|(?:Instruction|Prefix|Resulting Score) #\d+:|"\s*,\s*"|"\s*\]|$)/g;
  for (const m of text.matchAll(pattern)) {
    const attempt = get(m[2] as string);
    const value = (m[3] as string).trim().replace(/",?$/, "").trim();
    if (m[1] === "Instruction") attempt.instruction = value;
    else if (m[1] === "Prefix") attempt.prefix = value;
    else attempt.score = Number(value);
  }
  return [...attempts.values()].filter((a) => a.instruction);
}

/** MIPROv2's instruction history: `instruction | Score: s` entries separated by blank lines. */
export function readScoredInstructions(text: string): Array<{ instruction: string; score: number }> {
  const found: Array<{ instruction: string; score: number }> = [];
  for (const m of text.matchAll(/([\s\S]*?) \| Score: (-?[\d.]+(?:e-?\d+)?)\s*(?:\n\n|$)/g)) {
    const instruction = (m[1] as string).trim();
    if (instruction) found.push({ instruction, score: Number(m[2]) });
  }
  return found;
}
