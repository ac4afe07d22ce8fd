import type { JsonSchema } from "../../signatures/json-schema.js";
import { pyStrip } from "../../python/py-str.js";
import { checkRecursionDepth } from "../../python/recursion-limit.js";
import { setOwnProperty } from "../../python/set-own-property.js";
import type { XmlElement } from "./xml-parser.js";

function isObject(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function groupName(child: XmlElement): string {
  return child.tag === "entry" ? (child.attrib.get("key") ?? child.tag) : child.tag;
}

/**
 * DSPy's `_group_children`: children by tag (`<entry key=…>` by its key), in first-seen order. When all share one
 * name (a list of `<item>`s), their group is the element's own array of children, not a copy.
 */
export function groupChildren(element: XmlElement): Map<string, readonly XmlElement[]> {
  const children = element.children;
  if (children.length > 0) {
    const first = groupName(children[0] as XmlElement);
    if (children.every((child) => groupName(child) === first)) return new Map([[first, children]]);
  }
  const groups = new Map<string, XmlElement[]>();
  for (const child of children) {
    const name = groupName(child);
    const list = groups.get(name);
    if (list) list.push(child);
    else groups.set(name, [child]);
  }
  return groups;
}

function escapeText(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

function escapeAttribute(text: string): string {
  return escapeText(text).replaceAll('"', "&quot;").replaceAll("\r", "&#13;").replaceAll("\n", "&#10;").replaceAll("\t", "&#09;");
}

/** Python's `ET.tostring(element, encoding="unicode")` (including the element's tail). */
export function elementToString(element: XmlElement, depth = 0): string {
  checkRecursionDepth(depth + 1, " while calling a Python object");
  const attrs = [...element.attrib].map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join("");
  const inner = element.text || element.children.length
    ? `>${escapeText(element.text ?? "")}${element.children.map((child) => elementToString(child, depth + 1)).join("")}</${element.tag}>`
    : " />";
  return `<${element.tag}${attrs}${inner}${escapeText(element.tail ?? "")}`;
}

/**
 * DSPy's `XMLAdapter._elements_to_value`: reads elements back into JSON-like values guided by the JSON schema
 * (arrays from `<item>`s or repeated tags, objects from child tags, text elsewhere; `None` for empty optionals).
 */
export function elementsToValue(elements: readonly XmlElement[], schemaIn: JsonSchema, defs: JsonSchema, depth = 0): unknown {
  checkRecursionDepth(depth + 1, " in comparison");
  let schema = schemaIn;
  const refName = typeof schema.$ref === "string" ? (schema.$ref.split("/").pop() as string) : "";
  if (isObject(defs[refName])) schema = defs[refName] as JsonSchema;
  const first = elements[0] as XmlElement;
  if (Array.isArray(schema.anyOf) && schema.anyOf.length) {
    let choices = schema.anyOf as JsonSchema[];
    const nullable = choices.some((c) => Object.keys(c).length === 1 && c.type === "null");
    if (nullable && first.children.length === 0 && !pyStrip(first.text ?? "")) return null;
    choices = choices.filter((c) => c.type !== "null");
    schema = choices[0] ?? {};
    if (first.children.length) schema = choices.find((c) => c.type !== "string") ?? schema;
  }
  if (schema.type === "array") {
    let items = elements;
    if (items.length === 1 && first.children.length === 0) {
      const text = pyStrip(first.text ?? "");
      if (!text || text.startsWith("[")) return text ? text : [];
    }
    if (items.length === 1) {
      const grouped = groupChildren(first).get("item");
      if (grouped && grouped.length) items = grouped;
    }
    const itemSchema = isObject(schema.items) ? schema.items : {};
    return items.map((element) => elementsToValue([element], itemSchema, defs, depth + 1));
  }
  if (schema.type === "string" && first.children.length) {
    return (first.text ?? "") + first.children.map((child) => elementToString(child, depth + 1)).join("");
  }
  const children = groupChildren(first);
  if (children.size === 0) {
    if (schema.type === "object" && !pyStrip(first.text ?? "")) return {};
    const values = elements.map((element) => pyStrip(element.text ?? ""));
    return values.length === 1 ? values[0] : values;
  }
  const properties = isObject(schema.properties) ? schema.properties : {};
  const childSchema = isObject(schema.additionalProperties) ? schema.additionalProperties : {};
  const out: Record<string, unknown> = {};
  for (const [name, items] of children) {
    setOwnProperty(out, name, elementsToValue(items, Object.hasOwn(properties, name) && isObject(properties[name]) ? (properties[name] as JsonSchema) : childSchema, defs, depth + 1));
  }
  return out;
}
