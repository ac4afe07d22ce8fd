import { pyJsonDumps } from "../python/pyfmt.js";
import type { SimField, SimValue } from "./sim-prompt.js";

export const NOT_SUPPLIED = "Not supplied for this particular example.";
export const INCOMPLETE_PREFIX = "This is an example of the task, though some input or output fields are not supplied.";

/**
 * `[[ ## name ## ]]` sections of a message, first occurrence winning (as ChatAdapter parses). With `names`, only
 * those headers start a section, so a value that itself holds `[[ ## x ## ]]` headers (an agent's formatted
 * trajectory) stays whole.
 */
export function readSections(text: string, names?: readonly string[]): Map<string, string> {
  const sections = new Map<string, string>();
  let current: string | null = null;
  let lines: string[] = [];
  const flush = () => {
    if (current !== null && !sections.has(current)) sections.set(current, lines.join("\n").trim());
  };
  for (const line of text.split("\n")) {
    const header = /^\[\[ ## (\w+) ## \]\]/.exec(line.trim());
    if (header && (!names || names.includes(header[1] as string))) {
      flush();
      current = header[1] as string;
      lines = [line.trim().slice(header[0].length)];
    } else if (current !== null) lines.push(line);
  }
  flush();
  return sections;
}

/** The final user message without its closing "Respond with …" paragraph. */
export function stripRespondLine(text: string): { body: string; respondLine: string } {
  const at = text.lastIndexOf("Respond with ");
  if (at >= 0 && (at === 0 || text.slice(0, at).endsWith("\n\n"))) {
    return { body: text.slice(0, at).trimEnd(), respondLine: text.slice(at) };
  }
  return { body: text, respondLine: "" };
}

/** Parses a JSON object reply (a JSONAdapter demo); `null` if it is not one. */
export function readJsonObject(text: string): Record<string, unknown> | null {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start < 0 || end < start) return null;
  try {
    const value: unknown = JSON.parse(text.slice(start, end + 1));
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A value shown as text in a Chat prompt, decoded according to its field's kind. */
export function valueFromText(text: string, field: SimField | undefined): SimValue {
  const kind = field?.kind ?? "str";
  if (kind === "bool") {
    const lower = text.trim().toLowerCase();
    if (lower === "true" || lower === "false") return { text, value: lower === "true" };
  } else if (kind === "int" || kind === "float") {
    const n = Number(text.trim().replace(/_/g, ""));
    if (text.trim() !== "" && Number.isFinite(n)) return { text, value: n };
  } else if (kind === "json" || /^[[{]/.test(text.trim())) {
    try {
      return { text, value: JSON.parse(text) as unknown };
    } catch {
      // Not JSON: keep the text.
    }
  }
  return { text, value: text };
}

/** A value found in a JSON reply, with the text a Chat prompt would have shown for it. */
export function valueFromJson(value: unknown): SimValue {
  if (typeof value === "string") return { text: value, value };
  if (typeof value === "boolean") return { text: value ? "True" : "False", value };
  if (typeof value === "number") return { text: String(value), value };
  return { text: pyJsonDumps(value, { ensureAscii: false }), value };
}

/** True when a demo value stands for a missing field. */
export function isNotSupplied(text: string): boolean {
  return text.trim() === NOT_SUPPLIED;
}
