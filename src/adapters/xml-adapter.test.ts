import { describe, expect, it } from "vitest";
import { AdapterParseError } from "../errors/adapter-parse-error.js";
import { signature } from "../signatures/signature.js";
import type { ModelType, TypeNode } from "../signatures/type-node.js";
import { runAdapterConformance } from "./adapter.case.js";
import { XMLAdapter } from "./xml-adapter.js";

runAdapterConformance("XMLAdapter", () => new XMLAdapter(), { fallsBackToJSON: true });

const model = (name: string, fields: ModelType["fields"]): ModelType => ({ kind: "model", name, fields });
const str: TypeNode = { kind: "str" };

// Literal expectations: DSPy 3.3.1's tests/adapters/test_xml_adapter.py and the oracle's XML cases.
describe("XMLAdapter", () => {
  it("formats and parses a basic field", () => {
    const sig = signature("question -> answer");
    const adapter = new XMLAdapter();
    expect(adapter.formatFieldWithValue([[sig.outputFields.answer, "Paris"]])).toBe("<answer>\nParis\n</answer>");
    expect(adapter.parse(sig, "<answer>Paris</answer>")).toEqual({ answer: "Paris" });
    expect(adapter.parse(signature("question -> answer, explanation"), "\n<answer>Paris</answer>\n<explanation>The capital of France is Paris.</explanation>\n")).toEqual({
      answer: "Paris",
      explanation: "The capital of France is Paris.",
    });
  });

  it("casts types and reports missing fields and type errors", () => {
    const adapter = new XMLAdapter();
    expect(adapter.parse(signature("-> number: int, flag: bool"), "\n<number>42</number>\n<flag>true</flag>\n")).toEqual({ number: 42, flag: true });
    expect(() => adapter.parse(signature("question -> answer, explanation"), "<answer>Paris</answer>")).toThrow(/explanation/);
    expect(() => adapter.parse(signature("-> number: int"), "<number>not_a_number</number>")).toThrow(
      "Failed to parse field annotation=int required=True json_schema_extra={'__dspy_field_type': 'output', 'prefix': 'Number:', 'desc': '${number}'} with value not_a_number: " +
        "1 validation error for int\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='not_a_number', input_type=str]\n" +
        "    For further information visit https://errors.pydantic.dev/2.13/v/int_parsing\n\nAdapter XMLAdapter failed to parse the LM response. ",
    );
  });

  it("reads repeated dict elements, entry keys and empty lists", () => {
    const sig = signature("-> counts: dict[str, list[int]]");
    const adapter = new XMLAdapter();
    expect(adapter.parse(sig, "<counts><first>3</first><first>4</first><second>5</second></counts>")).toEqual({ counts: { first: [3, 4], second: [5] } });
    const counts = { "postal code": [3, 4], 'quoted "key" & more': [5], "line\nbreak": [6], "-status": [7], ".status": [8] };
    const formatted = adapter.formatFieldWithValue([[sig.outputFields.counts, counts]]);
    expect(formatted).toContain('<entry key="postal code"><item>3</item><item>4</item></entry>');
    expect(adapter.parse(sig, formatted)).toEqual({ counts });
    expect(adapter.parse(sig, "<counts />")).toEqual({ counts: {} });
    const items = signature("-> items: list[str]");
    expect(adapter.formatFieldWithValue([[items.outputFields.items, []]])).toBe("<items />");
    expect(adapter.parse(items, "<items />")).toEqual({ items: [] });
  });

  it("formats nested models and lists as nested tags and parses them back (or from JSON text)", () => {
    const address = model("Address", [{ name: "city", type: str }]);
    const inner = model("InnerModel", [{ name: "value", type: { kind: "int" } }, { name: "label", type: str }, { name: "address", type: address }]);
    const sig = signature({ inputs: { question: "str" }, outputs: { result: { type: inner } } });
    const adapter = new XMLAdapter();
    const result = { value: 5, label: "foo", address: { city: "London" } };
    const xml = adapter.formatFieldWithValue([[sig.outputFields.result, result]]);
    expect(xml).toBe("<result><value>5</value><label>foo</label><address><city>London</city></address></result>");
    expect(adapter.parse(sig, xml)).toEqual({ result });
    expect(adapter.parse(sig, '<result>{"value": 5, "label": "foo", "address": {"city": "London"}}</result>')).toEqual({ result });
    expect(adapter.userMessageOutputRequirements(sig)).toBe(
      "Respond with the corresponding output fields wrapped in XML tags `<result>`. Use this nested XML structure: <result><value>...</value><label>...</label><address><city>...</city></address></result>",
    );

    const item = model("Item", [{ name: "name", type: str }, { name: "score", type: { kind: "float" } }]);
    const list = signature({ inputs: {}, outputs: { items: { type: { kind: "list", item } } } });
    const items = [{ name: "a", score: 1.1 }, { name: "b", score: 2.2 }];
    const listXml = adapter.formatFieldWithValue([[list.outputFields.items, items]]);
    expect(listXml).toBe("<items><item><name>a</name><score>1.1</score></item><item><name>b</name><score>2.2</score></item></items>");
    expect(adapter.parse(list, listXml)).toEqual({ items });
    expect(adapter.parse(list, `<items>${JSON.stringify(items)}</items>`)).toEqual({ items });
  });

  it("uses field names (not aliases) as tags", () => {
    const address = model("Address", [
      { name: "postal_code", alias: "postal code", type: str },
      { name: "country_code", alias: "country-code", type: str },
    ]);
    const sig = signature({ inputs: {}, outputs: { address: { type: address } } });
    const adapter = new XMLAdapter();
    const xml = adapter.formatAssistantMessageContent(sig, { address: { postal_code: "94305", country_code: "US" } });
    expect(xml).toBe("<address><postal_code>94305</postal_code><country_code>US</country_code></address>");
    expect(adapter.formatFieldStructure(sig)).toContain("<address><postal_code>...</postal_code><country_code>...</country_code></address>");
    expect(adapter.parse(sig, xml)).toEqual({ address: { postal_code: "94305", country_code: "US" } });
  });

  it("reads nullable and structured union fields", () => {
    const profile = model("Profile", [{ name: "name", type: str }]);
    const first = model("First", [{ name: "count", type: { kind: "int" } }]);
    const second = model("Second", [{ name: "labels", type: { kind: "list", item: str } }]);
    const sig = signature(
      {
        inputs: {},
        outputs: { text: "str | None", profile: "Profile | None", model: "First | Second" },
        types: { Profile: profile, First: first, Second: second },
      },
    );
    const completion = "<text /><profile /><model><labels>one</labels><labels>two</labels></model>";
    expect(new XMLAdapter().parse(sig, completion)).toEqual({ text: null, profile: null, model: { labels: ["one", "two"] } });
  });

  it("escapes closing tags in str outputs and rejects malformed XML with expat's message", () => {
    const sig = signature("-> code");
    const adapter = new XMLAdapter();
    const value = "print('</code> & done')";
    const formatted = adapter.formatAssistantMessageContent(sig, { code: value });
    expect(formatted).toContain("&lt;/code> &amp; done");
    expect(adapter.parse(sig, formatted)).toEqual({ code: value });
    expect(() => adapter.parse(sig, "<code>print('</code>')</code>")).toThrow(
      new AdapterParseError({
        adapterName: "XMLAdapter",
        expectedFields: ["code"],
        lmResponse: "<code>print('</code>')</code>",
        message: "Failed to parse XML: mismatched tag: line 1, column 35",
      }),
    );
    expect(() => adapter.parse(sig, "<code>a < b</code>")).toThrow("Failed to parse XML: not well-formed (invalid token): line 1, column 20");
  });
});
