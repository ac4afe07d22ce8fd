import { pyStr } from "../../python/pyfmt.js";

const IDENTIFIER = /^[\p{XID_Start}_][\p{XID_Continue}]*$/u;

/** Python's `xml.sax.saxutils.quoteattr`. */
function quoteAttr(value: string): string {
  let data = value.replaceAll("&", "&amp;").replaceAll(">", "&gt;").replaceAll("<", "&lt;");
  data = data.replaceAll("\n", "&#10;").replaceAll("\r", "&#13;").replaceAll("\t", "&#9;");
  if (data.includes('"')) {
    return data.includes("'") ? `"${data.replaceAll('"', "&quot;")}"` : `'${data}'`;
  }
  return `"${data}"`;
}

/** DSPy's `XMLAdapter._value_to_xml`: lists as `<item>`s, dicts as child tags (or `<entry key=…>`), scalars escaped. */
export function valueToXml(value: unknown, tag: string, key?: string): string {
  const attrs = key !== undefined ? ` key=${quoteAttr(key)}` : "";
  if (Array.isArray(value)) {
    const children = value.map((item) => valueToXml(item, "item")).join("");
    return children ? `<${tag}${attrs}>${children}</${tag}>` : `<${tag}${attrs} />`;
  }
  if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const children = Object.entries(value as Record<string, unknown>).map(([name, child]) => {
      const candidate = name.slice(0, 1) + name.slice(1).replaceAll("-", "_").replaceAll(".", "_");
      return IDENTIFIER.test(candidate) ? valueToXml(child, name) : valueToXml(child, "entry", name);
    });
    return `<${tag}${attrs}>${children.join("")}</${tag}>`;
  }
  if (value === null || value === undefined) return `<${tag}${attrs} />`;
  return `<${tag}${attrs}>${pyStr(value).replaceAll("&", "&amp;").replaceAll("<", "&lt;")}</${tag}>`;
}
