import { describe, expect, it } from "vitest";
import { PyFloat } from "../python/py-float.js";
import { pyJsonDumps } from "../python/pyfmt.js";
import { jsonSchemaOf, sortTypeFirst } from "./json-schema.js";
import { parseType } from "./parse-type.js";
import type { ModelType, TypeNode } from "./type-node.js";

const color: TypeNode = { kind: "enum", name: "Color", members: [{ name: "RED", value: "red" }, { name: "BLUE", value: "blue" }] };
const pair: ModelType = {
  kind: "model",
  name: "Pair",
  fields: [
    { name: "x", type: { kind: "int" } },
    { name: "y_val", type: { kind: "float" }, default: { value: 1.5 } },
  ],
};
const types = { Color: color, Pair: pair };
const meta: ModelType = {
  kind: "model",
  name: "Meta",
  description: "A model docstring.",
  fields: [
    { name: "userQuery", type: { kind: "str" }, description: "desc here" },
    { name: "doc_id", type: parseType("Optional[Pair]", { types }), default: { value: null } },
    { name: "color", type: color },
    { name: "u", type: parseType("Union[Pair, int]", { types }) },
    { name: "u2", type: parseType("Union[Pair, int]", { types }), description: "dd" },
    { name: "lit", type: parseType("Literal['a','b']"), default: { value: "a" } },
    { name: "e2", type: color, default: { value: "RED" } },
    { name: "text2number_x", type: { kind: "int" }, default: { value: 0 } },
    { name: "lim", type: { kind: "int" }, constraints: { ge: 0, le: 100 } },
    { name: "s", type: { kind: "str" }, constraints: { min_length: 2 } },
    { name: "aliased", alias: "aliasF", type: { kind: "int" }, default: { value: 3 } },
  ],
};
const all = { ...types, Meta: meta };
const raw = (annotation: string) => pyJsonDumps(jsonSchemaOf(parseType(annotation, { types: all })));
const dspyNote = (annotation: string) =>
  pyJsonDumps(sortTypeFirst(jsonSchemaOf(parseType(annotation, { types: all }))), { ensureAscii: false });

// Expected strings: pydantic 2.13 `TypeAdapter(t).json_schema()` and DSPy 3.3.1 `_get_json_schema(t)`.
describe("jsonSchemaOf", () => {
  it("matches pydantic's raw schemas", () => {
    expect(raw("Pair")).toBe(
      '{"properties": {"x": {"title": "X", "type": "integer"}, "y_val": {"default": 1.5, "title": "Y Val", "type": "number"}}, "required": ["x"], "title": "Pair", "type": "object"}',
    );
    expect(raw("list[Pair]")).toBe(
      '{"$defs": {"Pair": {"properties": {"x": {"title": "X", "type": "integer"}, "y_val": {"default": 1.5, "title": "Y Val", "type": "number"}}, "required": ["x"], "title": "Pair", "type": "object"}}, "items": {"$ref": "#/$defs/Pair"}, "type": "array"}',
    );
    expect(raw("dict[str, int]")).toBe('{"additionalProperties": {"type": "integer"}, "type": "object"}');
    expect(raw("tuple[int, str]")).toBe('{"maxItems": 2, "minItems": 2, "prefixItems": [{"type": "integer"}, {"type": "string"}], "type": "array"}');
    expect(raw("Literal['a', 'b']")).toBe('{"enum": ["a", "b"], "type": "string"}');
    expect(raw("Meta")).toBe(
      '{"$defs": {"Color": {"enum": ["red", "blue"], "title": "Color", "type": "string"}, "Pair": {"properties": {"x": {"title": "X", "type": "integer"}, "y_val": {"default": 1.5, "title": "Y Val", "type": "number"}}, "required": ["x"], "title": "Pair", "type": "object"}}, "description": "A model docstring.", "properties": {"userQuery": {"description": "desc here", "title": "Userquery", "type": "string"}, "doc_id": {"anyOf": [{"$ref": "#/$defs/Pair"}, {"type": "null"}], "default": null}, "color": {"$ref": "#/$defs/Color"}, "u": {"anyOf": [{"$ref": "#/$defs/Pair"}, {"type": "integer"}], "title": "U"}, "u2": {"anyOf": [{"$ref": "#/$defs/Pair"}, {"type": "integer"}], "description": "dd", "title": "U2"}, "lit": {"default": "a", "enum": ["a", "b"], "title": "Lit", "type": "string"}, "e2": {"$ref": "#/$defs/Color", "default": "red"}, "text2number_x": {"default": 0, "title": "Text2Number X", "type": "integer"}, "lim": {"maximum": 100, "minimum": 0, "title": "Lim", "type": "integer"}, "s": {"minLength": 2, "title": "S", "type": "string"}, "aliasF": {"default": 3, "title": "Aliasf", "type": "integer"}}, "required": ["userQuery", "color", "u", "u2", "lim", "s"], "title": "Meta", "type": "object"}',
    );
  });

  it("matches DSPy's type-first notes", () => {
    const expected: Array<[string, string]> = [
      ["bytes", '{"type": "string", "format": "binary"}'],
      ["Any", "{}"],
      ["list", '{"type": "array", "items": {}}'],
      ["set[int]", '{"type": "array", "items": {"type": "integer"}, "uniqueItems": true}'],
      ["frozenset[str]", '{"type": "array", "items": {"type": "string"}, "uniqueItems": true}'],
      ["dict", '{"type": "object", "additionalProperties": true}'],
      ["dict[str, Any]", '{"type": "object", "additionalProperties": true}'],
      ["dict[int, str]", '{"type": "object", "additionalProperties": {"type": "string"}}'],
      ["tuple", '{"type": "array", "items": {}}'],
      ["tuple[int, ...]", '{"type": "array", "items": {"type": "integer"}}'],
      ["Optional[int]", '{"anyOf": [{"type": "integer"}, {"type": "null"}]}'],
      ["Union[int, str, None]", '{"anyOf": [{"type": "integer"}, {"type": "string"}, {"type": "null"}]}'],
      ["Literal['a']", '{"type": "string", "const": "a"}'],
      ["Literal[1, 'bar']", '{"enum": [1, "bar"]}'],
      ["Literal[1, 2]", '{"type": "integer", "enum": [1, 2]}'],
      ["Literal[True]", '{"type": "boolean", "const": true}'],
      ["Literal[None]", '{"type": "null", "const": null}'],
      ["Literal['a', None]", '{"enum": ["a", null]}'],
      ["Color", '{"type": "string", "enum": ["red", "blue"], "title": "Color"}'],
      ["Literal[\"she's\"]", '{"type": "string", "const": "she\'s"}'],
      [
        "dict[str, Pair]",
        '{"type": "object", "$defs": {"Pair": {"type": "object", "properties": {"x": {"type": "integer", "title": "X"}, "y_val": {"type": "number", "default": 1.5, "title": "Y Val"}}, "required": ["x"], "title": "Pair"}}, "additionalProperties": {"$ref": "#/$defs/Pair"}}',
      ],
      [
        "Optional[Pair]",
        '{"$defs": {"Pair": {"type": "object", "properties": {"x": {"type": "integer", "title": "X"}, "y_val": {"type": "number", "default": 1.5, "title": "Y Val"}}, "required": ["x"], "title": "Pair"}}, "anyOf": [{"$ref": "#/$defs/Pair"}, {"type": "null"}]}',
      ],
      [
        "ToolCalls",
        '{"type": "object", "$defs": {"ToolCall": {"type": "object", "properties": {"args": {"type": "object", "additionalProperties": true, "title": "Args"}, "name": {"type": "string", "title": "Name"}}, "required": ["name", "args"], "title": "ToolCall"}}, "properties": {"tool_calls": {"type": "array", "items": {"$ref": "#/$defs/ToolCall"}, "title": "Tool Calls"}}, "required": ["tool_calls"], "title": "ToolCalls"}',
      ],
    ];
    for (const [annotation, note] of expected) expect([annotation, dspyNote(annotation)]).toEqual([annotation, note]);
  });

  it("keeps integral float defaults as floats and sorts default dicts (DSPy 3.3.1 note text)", () => {
    const entity: TypeNode = {
      kind: "model",
      name: "Entity",
      fields: [
        { name: "name", type: { kind: "float" }, default: { value: new PyFloat(100) } },
        { name: "y", type: parseType("list[float]"), default: { value: [new PyFloat(1), -4.29] } },
        { name: "m", type: parseType("dict[str, int]"), default: { value: { b: 1, a: 2 } } },
      ],
    };
    expect(pyJsonDumps(sortTypeFirst(jsonSchemaOf(entity)), { ensureAscii: false })).toBe(
      '{"type": "object", "properties": {"m": {"type": "object", "additionalProperties": {"type": "integer"}, "default": {"a": 2, "b": 1}, "title": "M"}, "name": {"type": "number", "default": 100.0, "title": "Name"}, "y": {"type": "array", "default": [1.0, -4.29], "items": {"type": "number"}, "title": "Y"}}, "title": "Entity"}',
    );
  });
});

describe("unions that admit None (pydantic's nullable schema)", () => {
  it("moves null last, whatever its position in the union", () => {
    const anyOf = (annotation: string) => pyJsonDumps(jsonSchemaOf(parseType(annotation, { types })));
    expect(anyOf("float | None | bool")).toBe('{"anyOf": [{"type": "number"}, {"type": "boolean"}, {"type": "null"}]}');
    expect(anyOf("Union[None, int, str]")).toBe('{"anyOf": [{"type": "integer"}, {"type": "string"}, {"type": "null"}]}');
    expect(anyOf("Optional[int]")).toBe('{"anyOf": [{"type": "integer"}, {"type": "null"}]}');
    expect(anyOf("list[None | int]")).toBe('{"items": {"anyOf": [{"type": "integer"}, {"type": "null"}]}, "type": "array"}');
    expect(anyOf("Union[int, str]")).toBe('{"anyOf": [{"type": "integer"}, {"type": "string"}]}');
  });
});
