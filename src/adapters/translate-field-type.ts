import type { Field } from "../signatures/field.js";
import { jsonSchemaOf, sortTypeFirst } from "../signatures/json-schema.js";
import { pyJsonDumps, pyStr } from "../python/pyfmt.js";

function note(field: Field): string {
  const type = field.type;
  if (field.io === "input" || type.kind === "str") return "";
  switch (type.kind) {
    case "bool":
      return "must be True or False";
    case "int": case "float":
      return `must be a single ${type.kind} value`;
    case "enum":
      return `must be one of: ${type.members.map((m) => pyStr(m.value)).join("; ")}`;
    case "literal":
      return `must exactly match (no extra characters) one of: ${type.values.map((v) => pyStr(v)).join("; ")}`;
    case "custom":
      if (type.name === "Reasoning" || type.name === "Code") return "";
      break;
  }
  return `must adhere to the JSON schema: ${pyJsonDumps(sortTypeFirst(jsonSchemaOf(type)), { ensureAscii: false })}`;
}

/**
 * DSPy's `translate_field_type`: the `{name}` placeholder of the structure block, followed for outputs by
 * 8 spaces and `# note: the value you produce …` (type, enum/literal choices, or the JSON schema).
 */
export function translateFieldType(field: Field): string {
  const text = note(field);
  return `{${field.name}}${text ? `        # note: the value you produce ${text}` : ""}`;
}
