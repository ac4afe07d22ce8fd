import type { SimField } from "./sim-prompt.js";

/** Whether a system message lays fields out as XMLAdapter does (`<name>\n{name}\n</name>`). */
export function usesXmlLayout(system: string): boolean {
  return /(^|\n)<(\w+)>\n\{\2\}/.test(system);
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}

/** `<name>…</name>` sections of a message for the given field names (first occurrence wins), as raw inner text. */
export function readXmlSections(text: string, names: readonly string[]): Map<string, string> {
  const sections = new Map<string, string>();
  for (const name of names) {
    const match = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>|<${name}\\s*/>`).exec(text);
    if (match) sections.set(name, match[1] ?? "");
  }
  return sections;
}

interface XmlNode {
  tag: string;
  key?: string;
  children: XmlNode[];
  text: string;
}

/** Parses the small XML subset XMLAdapter writes (nested elements, text, `key` attributes, self-closing tags). */
function parseNodes(text: string): XmlNode[] {
  const root: XmlNode = { tag: "", children: [], text: "" };
  const stack = [root];
  const pattern = /<(\/?)(\w+)((?:\s+\w+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  for (const m of text.matchAll(pattern)) {
    const top = stack[stack.length - 1] as XmlNode;
    if (m[5] !== undefined) {
      top.text += unescapeXml(m[5]);
    } else if (m[1]) {
      if (stack.length > 1) stack.pop();
    } else {
      const key = /key="([^"]*)"/.exec(m[3] ?? "")?.[1];
      const node: XmlNode = { tag: m[2] as string, children: [], text: "", ...(key !== undefined ? { key } : {}) };
      top.children.push(node);
      if (!m[4]) stack.push(node);
    }
  }
  return root.children;
}

function nodeValue(node: XmlNode): unknown {
  if (node.children.length === 0) return node.text.trim();
  if (node.children.every((c) => c.tag === "item")) return node.children.map(nodeValue);
  const out: Record<string, unknown> = {};
  for (const child of node.children) out[child.tag === "entry" && child.key !== undefined ? child.key : child.tag] = nodeValue(child);
  return out;
}

/** The value of one XML section: nested elements become lists/objects, plain text is unescaped. */
export function xmlSectionValue(inner: string, field: SimField | undefined): { text: string; nested: unknown } {
  const trimmed = inner.replace(/^\n/, "").replace(/\n$/, "");
  if (field?.kind === "json" && /^\s*</.test(trimmed)) {
    const nodes = parseNodes(trimmed);
    const nested = nodes.length > 0 && nodes.every((n) => n.tag === "item") ? nodes.map(nodeValue) : nodeValue({ tag: "", children: nodes, text: "" });
    return { text: trimmed, nested };
  }
  return { text: unescapeXml(trimmed), nested: undefined };
}

const NUMERIC_NAME = /score|confidence|probabilit|rating|amount|price|cost|total|count|number|quantity|rank|weight|percent|age$|year/i;
const BOOLEAN_NAME = /^(is|has|should|can|needs?)_|flag|enabled/i;

/** The type a leaf's name suggests, since XMLAdapter's structure gives none. */
function leafType(tag: string): string {
  return NUMERIC_NAME.test(tag) ? "number" : BOOLEAN_NAME.test(tag) ? "boolean" : "string";
}

/**
 * A schema sketch from XMLAdapter's nested structure (`<card><headline>...</headline></card>`): item → array,
 * tags → object, leaves typed by their names (score, count, … → number; is_…, has_… → boolean).
 */
export function xmlStructureSchema(system: string, name: string): Record<string, unknown> | undefined {
  const line = system.split("\n").find((l) => l.startsWith(`<${name}><`));
  if (!line) return undefined;
  const toSchema = (node: XmlNode): Record<string, unknown> => {
    if (node.children.length === 0) return { type: leafType(node.tag) };
    if (node.children.length === 1 && node.children[0]!.tag === "item") return { type: "array", items: toSchema(node.children[0]!) };
    return { type: "object", properties: Object.fromEntries(node.children.map((c) => [c.tag, toSchema(c)])) };
  };
  const [root] = parseNodes(line);
  return root ? toSchema(root) : undefined;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
}

/** A nested value as XMLAdapter writes it: lists as `<item>`s, objects as child tags (odd keys as `<entry key=…>`). */
export function valueToXml(value: unknown, tag: string, scalar: (v: unknown) => string, key?: string): string {
  const attrs = key === undefined ? "" : ` key="${key.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;")}"`;
  if (Array.isArray(value)) {
    const children = value.map((item) => valueToXml(item, "item", scalar)).join("");
    return children ? `<${tag}${attrs}>${children}</${tag}>` : `<${tag}${attrs} />`;
  }
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const children = Object.entries(value as Record<string, unknown>).map(([k, v]) =>
      /^[A-Za-z_]\w*$/.test(k) ? valueToXml(v, k, scalar) : valueToXml(v, "entry", scalar, k),
    );
    return `<${tag}${attrs}>${children.join("")}</${tag}>`;
  }
  return value === null || value === undefined ? `<${tag}${attrs} />` : `<${tag}${attrs}>${escapeXml(scalar(value))}</${tag}>`;
}
