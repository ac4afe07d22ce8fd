import type { Field } from "../signatures/field.js";
import type { Signature } from "../signatures/signature.js";
import { typeName } from "../signatures/type-name.js";
import { pyStrip } from "../python/py-str.js";
import type { UserMessageOptions, ValueRecord } from "./adapter-types.js";
import { formatFieldValue } from "./format-field-value.js";
import { MISSING, readKeyOrMissing } from "./record-access.js";

/** `[[ ## name ## ]]\nvalue` sections joined by blank lines (ChatAdapter's `format_field_with_value`). */
export function formatFieldSections(entries: ReadonlyArray<readonly [Field, unknown]>): string {
  return pyStrip(entries.map(([field, value]) => `[[ ## ${field.name} ## ]]\n${formatFieldValue(field, value)}`).join("\n\n"));
}

/** The `(must be formatted as a valid Python …)` hint of the "Respond with…" line; none for `str`. */
export function outputTypeHint(field: Field): string {
  if (field.type.kind === "custom" && field.type.name === "ToolCalls") {
    return ' (must be a JSON object like {"tool_calls": [{"name": "...", "args": {...}}]})';
  }
  return field.type.kind === "str" ? "" : ` (must be formatted as a valid Python ${typeName(field.type)})`;
}

/**
 * ChatAdapter's `format_user_message_content`: prefix, one section per input present (signature order),
 * the output requirements for the main request, suffix; joined by blank lines and stripped.
 */
export function chatUserMessageContent(
  signature: Signature,
  inputs: ValueRecord,
  options: UserMessageOptions,
  requirements: (signature: Signature) => string,
): string {
  const parts = [options.prefix ?? ""];
  for (const field of Object.values(signature.inputFields)) {
    const value = readKeyOrMissing(inputs, field.name);
    if (value !== MISSING) parts.push(`[[ ## ${field.name} ## ]]\n${formatFieldValue(field, value)}`);
  }
  if (options.mainRequest) parts.push(requirements(signature));
  parts.push(options.suffix ?? "");
  return pyStrip(parts.join("\n\n"));
}

/** The `[Field, value]` pairs of the output fields, absent ones replaced by `missing`. */
export function outputEntries(signature: Signature, outputs: ValueRecord, missing: string | undefined): Array<[Field, unknown]> {
  return Object.values(signature.outputFields).map((field) => {
    const value = readKeyOrMissing(outputs, field.name);
    return [field, value === MISSING ? (missing ?? null) : value];
  });
}
