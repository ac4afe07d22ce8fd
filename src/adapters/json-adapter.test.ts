import { describe, expect, it } from "vitest";
import { AdapterParseError } from "../errors/adapter-parse-error.js";
import { ValidationError } from "../errors/validation-error.js";
import { signature } from "../signatures/signature.js";
import type { TypeNode } from "../signatures/type-node.js";
import { PyFloat } from "../python/py-float.js";
import { pyJsonDumps } from "../python/pyfmt.js";
import { runAdapterConformance, stubLM } from "./adapter.case.js";
import { JSONAdapter } from "./json-adapter.js";

runAdapterConformance("JSONAdapter", () => new JSONAdapter(), { fallsBackToJSON: false });

// Literal expectations: docs/dspy-3.3-reference.md §2b and DSPy 3.3.1's tests/adapters/test_json_adapter.py.
describe("JSONAdapter format (reference §2b)", () => {
  const sig = signature("question -> answer, confidence: float");

  it("renders the structure block and the output requirements", () => {
    const adapter = new JSONAdapter();
    expect(adapter.formatFieldStructure(sig)).toBe(
      "All interactions will be structured in the following way, with the appropriate values filled in.\n\n" +
        "Inputs will have the following structure:\n\n[[ ## question ## ]]\n{question}\n\n" +
        "Outputs will be a JSON object with the following fields.\n\n" +
        '{\n  "answer": "{answer}",\n  "confidence": "{confidence}        # note: the value you produce must be a single float value"\n}',
    );
    expect(adapter.userMessageOutputRequirements(sig)).toBe(
      "Respond with a JSON object in the following order of fields: `answer`, then `confidence` (must be formatted as a valid Python float).",
    );
  });

  it("writes demo outputs as indented JSON, keeping the 'Not supplied' trailing space", () => {
    const messages = new JSONAdapter().format(sig, [{ question: "Q1", answer: "A1", confidence: new PyFloat(1) }, { question: "Q2", answer: "A2" }], { question: "Q" });
    expect(messages[2]!.content).toBe('{\n  "answer": "A2",\n  "confidence": "Not supplied for this particular example. "\n}');
    expect(messages[4]!.content).toBe('{\n  "answer": "A1",\n  "confidence": 1.0\n}');
  });
});

describe("JSONAdapter response_format (reference §2b)", () => {
  const sig = signature("question -> answer, confidence: float");
  const capable = stubLM({ supportsResponseSchema: true, supportedParams: ["response_format"] });

  it("sends nothing when the LM does not accept response_format", () => {
    expect(new JSONAdapter().callPlans(sig, stubLM(), {}).map((p) => p.params)).toEqual([{}]);
  });

  it("sends json_object without schema support, for open-ended dicts, and for ToolCalls without native calls", () => {
    const jsonObject = [{ response_format: { type: "json_object" } }];
    expect(new JSONAdapter().callPlans(sig, stubLM({ supportedParams: ["response_format"] }), {}).map((p) => p.params)).toEqual(jsonObject);
    expect(new JSONAdapter().callPlans(signature("q -> m: dict[str, int]"), capable, {}).map((p) => p.params)).toEqual(jsonObject);
    const calls = signature("q -> calls: ToolCalls");
    expect(new JSONAdapter({ useNativeFunctionCalling: false }).callPlans(calls, capable, {}).map((p) => p.params)).toEqual(jsonObject);
  });

  it("sends the verified strict schema first, then json_object", () => {
    const plans = new JSONAdapter().callPlans(sig, capable, { temperature: 0 });
    expect(plans).toHaveLength(2);
    const format = plans[0]!.params.response_format as { type: string; json_schema: { schema: unknown; name: string; strict: boolean } };
    expect(format.type).toBe("json_schema");
    expect(format.json_schema.name).toBe("DSPyProgramOutputs");
    expect(format.json_schema.strict).toBe(true);
    expect(pyJsonDumps(format.json_schema.schema, { sortKeys: true })).toBe(
      '{"additionalProperties": false, "properties": {"answer": {"title": "Answer", "type": "string"}, "confidence": {"title": "Confidence", "type": "number"}}, "required": ["answer", "confidence"], "title": "DSPyProgramOutputs", "type": "object"}',
    );
    expect(plans[1]!.params).toEqual({ temperature: 0, response_format: { type: "json_object" } });
  });

  it("makes every nested object strict, in DSPy's key order (pydantic 2.13 + enforce_required)", () => {
    const addr: TypeNode = {
      kind: "model",
      name: "Addr",
      fields: [
        { name: "city", type: { kind: "str" } },
        { name: "tags", type: { kind: "dict", key: { kind: "str" }, value: { kind: "int" } } },
        { name: "zip", type: { kind: "union", options: [{ kind: "int" }, { kind: "none" }], form: "typing" }, default: { value: null } },
      ],
    };
    const rich = signature(
      {
        inputs: { q: "str" },
        outputs: {
          reasoning: { type: { kind: "custom", name: "Reasoning" } },
          a: { type: "Addr", desc: "x" },
          b: "list[Addr]",
          c: { type: "Optional[Addr]", default: null },
          d: "Literal['x', 'y']",
          e: { type: "float", default: new PyFloat(1.5) },
          f: "dict",
        },
        types: { Addr: addr },
      },
    );
    const [plan] = new JSONAdapter().callPlans(rich, capable, {});
    const schema = (plan!.params.response_format as { json_schema: { schema: unknown } }).json_schema.schema;
    // Python: json.dumps(_get_structured_outputs_response_format(S).model_json_schema())
    expect(pyJsonDumps(schema)).toBe(
      '{"$defs": {"Addr": {"properties": {"city": {"title": "City", "type": "string"}, "tags": {"additionalProperties": false, "title": "Tags", "type": "object", "properties": {}, "required": []}, "zip": {"anyOf": [{"type": "integer"}, {"type": "null"}], "default": null, "title": "Zip"}}, "required": ["city", "tags", "zip"], "title": "Addr", "type": "object", "additionalProperties": false}, "Reasoning": {"description": "Reasoning type in DSPy.\\n\\nThis type is useful when you want the DSPy output to include the reasoning of the LM. We build this type so that\\nDSPy can support the reasoning model and non-reasoning model with the same code.\\n\\nThis is a str-like type, you can convert a string directly to a Reasoning object, and from DSPy adapters\'\\nperspective, `Reasoning` is treated as a string.", "properties": {"content": {"title": "Content", "type": "string"}}, "required": ["content"], "title": "Reasoning", "type": "object", "additionalProperties": false}}, "additionalProperties": false, "properties": {"reasoning": {"$ref": "#/$defs/Reasoning"}, "a": {"$ref": "#/$defs/Addr"}, "b": {"items": {"$ref": "#/$defs/Addr"}, "title": "B", "type": "array"}, "c": {"anyOf": [{"$ref": "#/$defs/Addr"}, {"type": "null"}], "default": null}, "d": {"enum": ["x", "y"], "title": "D", "type": "string"}, "e": {"default": 1.5, "title": "E", "type": "number"}, "f": {"additionalProperties": false, "title": "F", "type": "object", "properties": {}, "required": []}}, "required": ["reasoning", "a", "b", "c", "d", "e", "f"], "title": "DSPyProgramOutputs", "type": "object"}',
    );
  });
});

describe("JSONAdapter parse", () => {
  const sig = signature("question -> answer");

  it("reports DSPy's exact error for a JSON object without the outputs", () => {
    expect(() => new JSONAdapter().parse(sig, "{'answer1': 'Paris'}")).toThrow(
      new AdapterParseError({ adapterName: "JSONAdapter", expectedFields: ["answer"], lmResponse: "{'answer1': 'Paris'}", parsedResult: {} }),
    );
    try {
      new JSONAdapter().parse(sig, "{'answer1': 'Paris'}");
    } catch (error) {
      expect((error as Error).message).toBe(
        "Adapter JSONAdapter failed to parse the LM response. \n\nLM Response: {'answer1': 'Paris'} \n\nExpected to find output fields in the LM response: [answer] \n\nActual output fields parsed from the LM response: [] \n\n",
      );
    }
  });

  it("reads Python literals, fenced JSON with prose, and drops extra keys", () => {
    expect(new JSONAdapter().parse(sig, "{'answer': 'Paris'}")).toEqual({ answer: "Paris" });
    expect(new JSONAdapter().parse(signature("q -> a, n: int"), 'Sure!\n```json\n{"a": "x", "n": "3", "extra": 1}\n```\nBye')).toEqual({ a: "x", n: 3 });
  });

  it("rejects replies that are not JSON objects", () => {
    expect(() => new JSONAdapter().parse(sig, "[1, 2]")).toThrow("LM response cannot be serialized to a JSON object.");
  });

  it("lets pydantic's ValidationError through, as DSPy does", () => {
    expect(() => new JSONAdapter().parse(signature("q -> n: int"), '{"n": [1]}')).toThrow(ValidationError);
  });
});
