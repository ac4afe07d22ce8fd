import type { Field } from "../signatures/field.js";
import { PyFloat } from "../python/py-float.js";
import { pyJsonDumps, pyStr } from "../python/pyfmt.js";
import { serializeForJson } from "./serialize-for-json.js";

/** DSPy's `_format_blob`: `«text»`, or a `«««` block when the text has a newline or guillemets. */
function formatBlob(blob: string): string {
  if (!blob.includes("\n") && !blob.includes("«") && !blob.includes("»")) return `«${blob}»`;
  return `«««\n    ${blob.replaceAll("\n", "\n    ")}\n»»»`;
}

/** DSPy's `_format_input_list_field_value`: `N/A`, one blob, or `[1] «a»\n[2] «b»`. */
function formatListForText(items: readonly unknown[]): string {
  if (items.length === 0) return "N/A";
  if (items.length === 1) return formatBlob(pyStr(items[0]));
  return items.map((item, i) => `[${i + 1}] ${formatBlob(pyStr(item))}`).join("\n");
}

/**
 * DSPy's `format_field_value`: a list given to a `str` field becomes a numbered list of blobs; otherwise
 * dicts and lists are Python `json.dumps` (non-ASCII kept) and scalars Python `str()` (`True`, `None`, `1.0`).
 */
export function formatFieldValue(field: Pick<Field, "type">, value: unknown): string {
  if (Array.isArray(value) && field.type.kind === "str") return formatListForText(value);
  const jsonable = serializeForJson(value);
  if (Array.isArray(jsonable) || (typeof jsonable === "object" && jsonable !== null && !(jsonable instanceof PyFloat))) {
    return pyJsonDumps(jsonable, { ensureAscii: false });
  }
  return pyStr(jsonable);
}
