import { PyFloat } from "../python/py-float.js";
import { pyJsonDumps, pyNumberRepr } from "../python/pyfmt.js";
import { escapeXml, valueToXml } from "./read-xml.js";
import type { SimField, SimReplyFormat } from "./sim-prompt.js";

/** How a value reads inside a Chat `[[ ## field ## ]]` section: Python's `str()` for scalars, JSON for the rest. */
export function chatValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number" || value instanceof PyFloat) return pyNumberRepr(value);
  if (value === null || value === undefined) return "None";
  return pyJsonDumps(value, { ensureAscii: false });
}

/** The reply text: Chat sections ending with `[[ ## completed ## ]]`, a JSON object, XML elements, or plain text. */
export function writeReply(format: SimReplyFormat, outputs: readonly SimField[], values: Record<string, unknown>): string {
  if (format === "json") {
    const object: Record<string, unknown> = {};
    for (const field of outputs) object[field.name] = values[field.name] ?? null;
    return pyJsonDumps(object, { indent: 2, ensureAscii: false });
  }
  if (format === "xml") {
    return outputs
      .map((field) => {
        const value = values[field.name];
        if (field.kind === "json" && value !== null && typeof value === "object") return valueToXml(value, field.name, chatValue);
        const text = chatValue(value);
        return `<${field.name}>\n${field.kind === "str" ? escapeXml(text) : text}\n</${field.name}>`;
      })
      .join("\n\n");
  }
  if (format === "chat") {
    const sections = outputs.map((field) => `[[ ## ${field.name} ## ]]\n${chatValue(values[field.name])}`);
    return [...sections, "[[ ## completed ## ]]"].join("\n\n");
  }
  return outputs.map((field) => chatValue(values[field.name])).join("\n\n");
}
