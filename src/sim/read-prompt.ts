import type { LMParams } from "../lm/lm-request.js";
import type { Message } from "../lm/message.js";
import { readSystemFields, type SystemFields } from "./read-fields.js";
import {
  INCOMPLETE_PREFIX,
  isNotSupplied,
  readJsonObject,
  readSections,
  stripRespondLine,
  valueFromJson,
  valueFromText,
} from "./read-sections.js";
import { readXmlSections, usesXmlLayout, xmlSectionValue, xmlStructureSchema } from "./read-xml.js";
import type { SimDemo, SimField, SimPrompt, SimReplyFormat, SimValue } from "./sim-prompt.js";

/** The text of a message; non-text parts (images, audio, files) are left out. */
export function messageText(message: Message): string {
  const { content } = message;
  if (typeof content === "string") return content;
  if (!content) return "";
  return content.map((part) => (part.type === "text" ? part.text : "")).join("");
}

/**
 * Reads a request the way a model would: the field lists, types and instructions of DSPy's system message
 * (Chat, JSON or XML layout), the demos (user/assistant pairs), and the final user message's inputs and
 * "Respond with …" line.
 */
export function readPrompt(messages: readonly Message[], params: LMParams = {}): SimPrompt {
  const system = messages.filter((m) => m.role === "system" || m.role === "developer").map(messageText).join("\n\n");
  const turns = messages.filter((m) => m.role === "user" || m.role === "assistant");
  let lastUser = turns.length - 1;
  while (lastUser >= 0 && turns[lastUser]?.role !== "user") lastUser--;
  const finalText = lastUser >= 0 ? messageText(turns[lastUser] as Message) : "";
  const { body, respondLine } = stripRespondLine(finalText);
  const fields = readSystemFields(system);
  const wantsJson = responseFormatIsJson(params);
  if (!fields) return plainPrompt(finalText, params, wantsJson);
  const xml = usesXmlLayout(system);
  if (xml) {
    for (const field of fields.outputs) {
      const schema = xmlStructureSchema(system, field.name);
      if (schema) Object.assign(field, { kind: "json", schema });
    }
  }
  const format = replyFormat(respondLine, system, wantsJson, xml);
  return {
    kind: "structured",
    inputs: fields.inputs,
    outputs: fields.outputs,
    instructions: fields.instructions,
    demos: readDemos(turns.slice(0, Math.max(0, lastUser)), fields, xml),
    query: readInputs(body, fields.inputs, xml),
    queryText: body,
    replyFormat: format,
  };
}

function responseFormatIsJson(params: LMParams): boolean {
  const format = params.response_format as { type?: unknown } | undefined;
  return format?.type === "json_object" || format?.type === "json_schema";
}

function replyFormat(respondLine: string, system: string, wantsJson: boolean, xml: boolean): SimReplyFormat {
  if (respondLine.startsWith("Respond with a JSON object")) return "json";
  if (respondLine.startsWith("Respond with the corresponding output fields wrapped in XML tags")) return "xml";
  if (respondLine.startsWith("Respond with the corresponding output fields")) return "chat";
  if (wantsJson || system.includes("Outputs will be a JSON object")) return "json";
  return xml ? "xml" : "chat";
}

function readDemos(turns: Message[], fields: SystemFields, xml: boolean): SimDemo[] {
  const demos: SimDemo[] = [];
  for (let i = 0; i + 1 < turns.length; i++) {
    const user = turns[i] as Message;
    const assistant = turns[i + 1] as Message;
    if (user.role !== "user" || assistant.role !== "assistant") continue;
    i++;
    const userText = messageText(user);
    const inputs = readInputs(userText, fields.inputs, xml);
    const outputs = readOutputs(messageText(assistant), fields.outputs, xml);
    if (Object.keys(outputs).length === 0) continue;
    demos.push({ inputs, outputs, complete: !userText.startsWith(INCOMPLETE_PREFIX) });
  }
  return demos;
}

function readInputs(text: string, inputs: SimField[], xml = false): Record<string, SimValue> {
  const sections = xml ? readXmlSections(text, inputs.map((f) => f.name)) : readSections(text, inputs.map((f) => f.name));
  const values: Record<string, SimValue> = {};
  for (const field of inputs) {
    const section = sections.get(field.name);
    if (section !== undefined) values[field.name] = valueFromText(xml ? section.replace(/^\n|\n$/g, "") : section, field);
  }
  return values;
}

function readOutputs(text: string, outputs: SimField[], xml: boolean): Record<string, SimValue> {
  const values: Record<string, SimValue> = {};
  if (xml) {
    const sections = readXmlSections(text, outputs.map((f) => f.name));
    for (const field of outputs) {
      const inner = sections.get(field.name);
      if (inner === undefined) continue;
      const { text: shown, nested } = xmlSectionValue(inner, field);
      if (isNotSupplied(shown)) continue;
      values[field.name] = nested !== undefined ? valueFromJson(nested) : valueFromText(shown, field);
    }
    return values;
  }
  const json = text.trimStart().startsWith("{") ? readJsonObject(text) : null;
  const sections = json ? null : readSections(text, [...outputs.map((f) => f.name), "completed"]);
  for (const field of outputs) {
    if (json) {
      if (!(field.name in json)) continue;
      const raw = json[field.name];
      if (typeof raw === "string" && isNotSupplied(raw)) continue;
      values[field.name] = typeof raw === "string" ? valueFromText(raw, field) : valueFromJson(raw);
    } else {
      const section = sections?.get(field.name);
      if (section === undefined || isNotSupplied(section)) continue;
      values[field.name] = valueFromText(section, field);
    }
  }
  return values;
}

/** A prompt without DSPy's structure: the final user text, and output fields only if a JSON schema names them. */
function plainPrompt(finalText: string, params: LMParams, wantsJson: boolean): SimPrompt {
  return {
    kind: "plain",
    inputs: [],
    outputs: schemaFields(params),
    instructions: "",
    demos: [],
    query: {},
    queryText: finalText,
    replyFormat: wantsJson ? "json" : "text",
  };
}

function schemaFields(params: LMParams): SimField[] {
  const format = params.response_format as { json_schema?: { schema?: Record<string, unknown> } } | undefined;
  const properties = format?.json_schema?.schema?.properties;
  if (!properties || typeof properties !== "object") return [];
  return Object.entries(properties as Record<string, Record<string, unknown>>).map(([name, schema]) => {
    const type = schema?.type;
    const kind = type === "boolean" ? "bool" : type === "integer" ? "int" : type === "number" ? "float" : type === "string" ? "str" : "json";
    const choices = Array.isArray(schema?.enum) ? (schema.enum as unknown[]).map(String) : undefined;
    return {
      name,
      typeName: String(type ?? "object"),
      description: typeof schema?.description === "string" ? schema.description : "",
      kind: choices ? "label" : kind,
      ...(choices ? { choices } : {}),
      ...(kind === "json" ? { schema } : {}),
    } satisfies SimField;
  });
}
