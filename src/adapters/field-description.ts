import type { Field } from "../signatures/field.js";
import { typeName } from "../signatures/type-name.js";
import { pyStrip } from "../python/py-str.js";
import { customTypeDescription, extractCustomTypes } from "./custom-type-descriptions.js";

/**
 * DSPy's `get_field_description_string`: ``1. `name` (type): desc`` per field, with custom-type descriptions
 * and constraints, joined by newlines and stripped (so every empty description but the last keeps `": "`).
 */
export function fieldDescriptionString(fields: readonly Field[]): string {
  const lines = fields.map((field, i) => {
    let desc = field.desc !== `\${${field.name}}` ? field.desc : "";
    for (const custom of extractCustomTypes(field.type)) {
      const text = customTypeDescription(custom);
      if (text.length > 0) desc += `\n    Type description of ${typeName(custom)}: ${text}`;
    }
    let line = `${i + 1}. \`${field.name}\` (${typeName(field.type)}): ${desc}`;
    if (field.constraints) line += `\nConstraints: ${field.constraints}`;
    return line;
  });
  return pyStrip(lines.join("\n"));
}

/** The system message's first part: ``Your input fields are:\n…\nYour output fields are:\n…``. */
export function formatFieldDescription(inputs: readonly Field[], outputs: readonly Field[]): string {
  return `Your input fields are:\n${fieldDescriptionString(inputs)}\nYour output fields are:\n${fieldDescriptionString(outputs)}`;
}
