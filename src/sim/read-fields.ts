import type { SimField, SimFieldKind } from "./sim-prompt.js";

const INPUTS_HEADER = "Your input fields are:";
const OUTPUTS_HEADER = "Your output fields are:";
const STRUCTURE_HEADER = "All interactions will be structured in the following way";
const OBJECTIVE = "In adhering to this structure, your objective is: ";
const NOTE = "# note: the value you produce ";

/** The field lists, types and instructions that DSPy's Chat/JSON system message spells out. */
export interface SystemFields {
  inputs: SimField[];
  outputs: SimField[];
  instructions: string;
}

/** Reads DSPy's system message; `null` when it does not have DSPy's field description. */
export function readSystemFields(system: string): SystemFields | null {
  const inStart = system.indexOf(INPUTS_HEADER);
  const outStart = system.indexOf(OUTPUTS_HEADER);
  if (inStart < 0 || outStart < inStart) return null;
  const structStart = system.indexOf(STRUCTURE_HEADER, outStart);
  const objStart = system.indexOf(OBJECTIVE, outStart);
  const outEnd = [structStart, objStart, system.length].filter((i) => i >= 0).reduce((a, b) => Math.min(a, b));
  const inputs = readFieldList(system.slice(inStart + INPUTS_HEADER.length, outStart));
  const outputs = readFieldList(system.slice(outStart + OUTPUTS_HEADER.length, outEnd));
  const notes = readNotes(system);
  for (const field of outputs) applyNote(field, notes.get(field.name));
  return { inputs, outputs, instructions: objStart < 0 ? "" : readInstructions(system.slice(objStart + OBJECTIVE.length)) };
}

function readFieldList(block: string): SimField[] {
  const fields: SimField[] = [];
  for (const line of block.split("\n")) {
    const head = /^\d+\. `(\w+)` \(/.exec(line);
    const typeEnd = head ? closingParen(line, head[0].length) : -1;
    if (head && typeEnd > 0 && line[typeEnd + 1] === ":") {
      const description = line.slice(typeEnd + 2).trim();
      fields.push(plainField(head[1] as string, line.slice(head[0].length, typeEnd), description));
    } else if (fields.length > 0 && line.trim()) {
      const last = fields[fields.length - 1] as SimField;
      last.description = `${last.description}\n${line.trim()}`.trim();
    }
  }
  return fields;
}

/** Index of the `)` closing a type name that starts at `from`, skipping brackets and quoted strings. */
function closingParen(line: string, from: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = from; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "[" || ch === "(") depth++;
    else if (ch === "]") depth--;
    else if (ch === ")") {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function plainField(name: string, typeName: string, description: string): SimField {
  const field: SimField = { name, typeName, description, kind: "str" };
  const literal = parseLiteralType(typeName);
  if (literal) {
    field.kind = "label";
    field.choices = literal;
  } else if (typeName === "bool") field.kind = "bool";
  else if (typeName === "int") field.kind = "int";
  else if (typeName === "float") field.kind = "float";
  else if (/^(list|dict|tuple|set)\[/.test(typeName)) field.kind = "json";
  return field;
}

/** The values of `Literal['a', "b's", 1]`, as the strings a reply would contain; `null` if not a Literal. */
export function parseLiteralType(typeName: string): string[] | null {
  const match = /^Literal\[(.*)\]$/s.exec(typeName);
  if (!match) return null;
  const body = match[1] as string;
  const values: string[] = [];
  let i = 0;
  while (i < body.length) {
    const ch = body[i] as string;
    if (ch === "'" || ch === '"') {
      let text = "";
      i++;
      while (i < body.length && body[i] !== ch) {
        if (body[i] === "\\" && i + 1 < body.length) i++;
        text += body[i];
        i++;
      }
      values.push(text);
      i++;
    } else if (ch === "," || ch === " ") i++;
    else {
      const end = body.indexOf(",", i);
      values.push(body.slice(i, end < 0 ? body.length : end).trim());
      i = end < 0 ? body.length : end;
    }
  }
  return values;
}

/** Type notes by output field name, from either the Chat `[[ ## x ## ]]` or the JSON `"x": "{x} # note"` layout. */
function readNotes(system: string): Map<string, string> {
  const notes = new Map<string, string>();
  for (const line of system.split("\n")) {
    const chat = /^\{(\w+)\} {8}# note: the value you produce (.*)$/.exec(line);
    if (chat) notes.set(chat[1] as string, chat[2] as string);
    const json = /^\s*"(\w+)": ("\{\w+\}.*")(,?)$/.exec(line);
    if (json) {
      const decoded = decodeJsonString(json[2] as string);
      const at = decoded?.indexOf(NOTE) ?? -1;
      if (decoded && at >= 0) notes.set(json[1] as string, decoded.slice(at + NOTE.length));
    }
  }
  return notes;
}

function decodeJsonString(text: string): string | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "string" ? value : null;
  } catch {
    return null;
  }
}

function applyNote(field: SimField, note: string | undefined): void {
  if (note === undefined) return;
  const exact = /^must exactly match \(no extra characters\) one of: (.*)$/.exec(note);
  const oneOf = /^must be one of: (.*)$/.exec(note);
  const schema = /^must adhere to the JSON schema: (.*)$/.exec(note);
  let kind: SimFieldKind = field.kind;
  if (exact || oneOf) {
    kind = "label";
    if (!field.choices) field.choices = ((exact ?? oneOf) as RegExpExecArray)[1]!.split("; ");
  } else if (note === "must be True or False") kind = "bool";
  else if (note === "must be a single int value") kind = "int";
  else if (note === "must be a single float value") kind = "float";
  else if (schema) {
    kind = "json";
    try {
      const parsed: unknown = JSON.parse(schema[1] as string);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) field.schema = parsed as Record<string, unknown>;
    } catch {
      // A schema we cannot read still marks the field as JSON-valued.
    }
  }
  field.kind = kind;
}

function readInstructions(text: string): string {
  return text
    .split("\n")
    .map((line) => (line.startsWith("        ") ? line.slice(8) : line))
    .join("\n")
    .trim();
}
