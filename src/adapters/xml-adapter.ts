import { AdapterParseError } from "../errors/adapter-parse-error.js";
import { ValidationError } from "../errors/validation-error.js";
import type { Field } from "../signatures/field.js";
import type { JsonSchema } from "../signatures/json-schema.js";
import type { Signature } from "../signatures/signature.js";
import type { TypeNode } from "../signatures/type-node.js";
import { pyStr } from "../python/pyfmt.js";
import { pyStrip } from "../python/py-str.js";
import type { UserMessageOptions, ValueRecord } from "./adapter-types.js";
import { applyOutputDefaults, hasAllOutputs } from "./apply-output-defaults.js";
import { ChatAdapter } from "./chat-adapter.js";
import { outputEntries } from "./chat-format.js";
import { decodeToolArguments } from "./decode-tool-arguments.js";
import { errorText } from "./error-text.js";
import { formatFieldValue } from "./format-field-value.js";
import { parseValue } from "./parse-value.js";
import { hasKey, readKey } from "./record-access.js";
import { serializeForJson } from "./serialize-for-json.js";
import { translateFieldType } from "./translate-field-type.js";
import { validateValue } from "./validation/validate-value.js";
import { elementsToValue, groupChildren } from "./xml/elements-to-value.js";
import { fieldInfoRepr } from "./xml/field-info-repr.js";
import { parseXml } from "./xml/xml-parser.js";
import { usesNestedXml, xmlJsonSchema, xmlSchema } from "./xml/xml-schema.js";
import { valueToXml } from "./xml/value-to-xml.js";

/** Whether a model inside `type` has a field with an alias (then validating by name differs from by alias). */
function hasAliasedField(type: TypeNode, seen: Set<TypeNode> = new Set()): boolean {
  if (seen.has(type)) return false;
  seen.add(type);
  switch (type.kind) {
    case "list": case "set": case "frozenset": return type.item !== null && hasAliasedField(type.item, seen);
    case "dict": return [type.key, type.value].some((t) => t !== null && hasAliasedField(t, seen));
    case "tuple": return (type.items ?? []).some((t) => hasAliasedField(t, seen));
    case "union": return type.options.some((t) => hasAliasedField(t, seen));
    case "model": return type.fields.some((f) => f.alias !== undefined || hasAliasedField(f.type, seen));
    default: return false;
  }
}

function isPlainObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Fields as XML tags (`<answer>…</answer>`); nested models and lists of outputs as nested tags. Falls back to
 * `JSONAdapter` like `ChatAdapter`.
 *
 * @example
 * new XMLAdapter().parse(signature("q -> answer"), "<answer>Paris</answer>") // { answer: "Paris" }
 */
export class XMLAdapter extends ChatAdapter {
  override readonly name: string = "XMLAdapter";

  override formatFieldWithValue(entries: ReadonlyArray<readonly [Field, unknown]>): string {
    const parts = entries.map(([field, value]) => {
      const isOutput = field.io === "output";
      const serialized = serializeForJson(value);
      if (isOutput && usesNestedXml(field.type) && (Array.isArray(serialized) || isPlainObject(serialized))) {
        return valueToXml(serialized, field.name);
      }
      let formatted = formatFieldValue(field, value);
      if (isOutput && field.type.kind === "str") formatted = formatted.replaceAll("&", "&amp;").replaceAll("<", "&lt;");
      return `<${field.name}>\n${formatted}\n</${field.name}>`;
    });
    return pyStrip(parts.join("\n\n"));
  }

  override formatFieldStructure(signature: Signature): string {
    const format = (field: Field) =>
      field.io === "output" && usesNestedXml(field.type)
        ? xmlSchema(field.name, field.type)
        : this.formatFieldWithValue([[field, translateFieldType(field)]]);
    const groups = [Object.values(signature.inputFields), Object.values(signature.outputFields)].map((fields) => fields.map(format).join("\n\n"));
    return ["All interactions will be structured in the following way, with the appropriate values filled in.", ...groups].join("\n\n");
  }

  override formatUserMessageContent(signature: Signature, inputs: ValueRecord, options: UserMessageOptions = {}): string {
    const entries = Object.values(signature.inputFields)
      .filter((field) => hasKey(inputs, field.name))
      .map((field) => [field, readKey(inputs, field.name)] as const);
    const parts = [options.prefix ?? "", this.formatFieldWithValue(entries)];
    if (options.mainRequest) parts.push(this.userMessageOutputRequirements(signature));
    parts.push(options.suffix ?? "");
    return pyStrip(parts.join("\n\n"));
  }

  override formatAssistantMessageContent(signature: Signature, outputs: ValueRecord, options: { missingFieldMessage?: string } = {}): string {
    return this.formatFieldWithValue(outputEntries(signature, outputs, options.missingFieldMessage));
  }

  /** ``Respond with the corresponding output fields wrapped in XML tags `<a>`, then `<b>`.`` (+ nested structure). */
  override userMessageOutputRequirements(signature: Signature): string {
    const outputs = Object.values(signature.outputFields);
    const fields = outputs.map((f) => `\`<${f.name}>\``).join(", then ");
    const schemas = outputs.filter((f) => usesNestedXml(f.type)).map((f) => xmlSchema(f.name, f.type));
    return `Respond with the corresponding output fields wrapped in XML tags ${fields}.${schemas.length ? ` Use this nested XML structure: ${schemas.join(" ")}` : ""}`;
  }

  override parse(signature: Signature, completion: string): Record<string, unknown> {
    const expectedFields = Object.keys(signature.outputFields);
    const parsed = parseXml(`<dspy_root>${completion}</dspy_root>`);
    if (!parsed.ok) {
      throw new AdapterParseError({ adapterName: "XMLAdapter", expectedFields, lmResponse: completion, message: `Failed to parse XML: ${parsed.message}` });
    }
    const elements = groupChildren(parsed.root);
    const fields: Record<string, unknown> = {};
    for (const field of Object.values(signature.outputFields)) {
      const found = elements.get(field.name);
      if (!found) continue;
      const schema = xmlJsonSchema(field.type);
      const defs = isObject(schema.$defs) ? schema.$defs : {};
      const candidates = [schema, ...(Array.isArray(schema.anyOf) ? (schema.anyOf as JsonSchema[]) : [])];
      let value: unknown = null;
      let lastError: unknown = null;
      let done = false;
      for (const candidate of candidates) {
        try {
          value = elementsToValue(found, candidate, defs);
          try {
            fields[field.name] = parseValue(value, field.type);
          } catch (error) {
            if (!(error instanceof ValidationError)) throw error;
            // parseValue validated a non-string value as it is: by name again gives the same error unless a model has aliases.
            if (typeof value !== "string" && !hasAliasedField(field.type)) throw error;
            fields[field.name] = validateValue(field.type, value, { byName: true, decodeArguments: decodeToolArguments });
          }
          done = true;
          break;
        } catch (error) {
          lastError = error;
        }
      }
      if (!done) {
        const [failedValue, error] = [value, lastError];
        throw new AdapterParseError({
          adapterName: "XMLAdapter",
          expectedFields,
          lmResponse: completion,
          message: () => `Failed to parse field ${fieldInfoRepr(field)} with value ${pyStr(failedValue)}: ${errorText(error)}`,
          cause: error,
        });
      }
    }
    const completed = applyOutputDefaults(signature, fields);
    if (!hasAllOutputs(signature, completed)) {
      throw new AdapterParseError({ adapterName: "XMLAdapter", expectedFields, lmResponse: completion, parsedResult: completed });
    }
    return completed;
  }
}
