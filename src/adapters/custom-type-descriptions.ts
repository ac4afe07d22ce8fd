import type { TypeNode } from "../signatures/type-node.js";
import { Code } from "./types/code.js";
import { ToolCalls } from "./types/tool-calls.js";

type CustomNode = Extract<TypeNode, { kind: "custom" }>;

/** DSPy's `Type.extract_custom_type_from_annotation`: every `dspy.Type` inside generic arguments, in order. */
export function extractCustomTypes(type: TypeNode): CustomNode[] {
  switch (type.kind) {
    case "custom":
      return type.name === "History" ? [] : [type];
    case "list": case "set": case "frozenset":
      return type.item ? extractCustomTypes(type.item) : [];
    case "dict":
      return [...(type.key ? extractCustomTypes(type.key) : []), ...(type.value ? extractCustomTypes(type.value) : [])];
    case "tuple":
      return (type.items ?? []).flatMap(extractCustomTypes);
    case "union":
      return type.options.flatMap(extractCustomTypes);
    default:
      return [];
  }
}

/** The `description()` of a DSPy custom type (empty for types without one, such as `Image`). */
export function customTypeDescription(type: CustomNode): string {
  switch (type.name) {
    case "Code":
      return Code.description(type.language ?? "python");
    case "ToolCalls":
      return ToolCalls.description();
    case "Citations":
      return "Citations with quoted text and source references. Include the exact text being cited and information about its source.";
    case "Document":
      return "A document containing text content that can be referenced and cited. Include the full text content and optionally a title for proper referencing.";
    default:
      return "";
  }
}
