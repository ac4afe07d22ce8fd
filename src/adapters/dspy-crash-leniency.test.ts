import { describe, expect, it } from "vitest";
import { AdapterParseError } from "../errors/adapter-parse-error.js";
import { ValueError } from "../errors/value-error.js";
import { signature } from "../signatures/signature.js";
import type { TypeNode } from "../signatures/type-node.js";
import { ChatAdapter } from "./chat-adapter.js";
import { JSONAdapter } from "./json-adapter.js";
import { XMLAdapter } from "./xml-adapter.js";

/**
 * Inputs on which DSPy 3.3.1 itself crashes (checked with the oracle) and tsdspy is lenient on purpose: the cases
 * docs/compat.md lists under "Where DSPy crashes and tsdspy does not" (issue 7, item 15).
 */
describe("where DSPy crashes, tsdspy keeps its documented lenient behaviour", () => {
  it("a str input given a list of non-strings is formatted as a numbered list of str() values (DSPy: TypeError)", () => {
    const sig = signature("q: str -> a");
    for (const adapter of [new ChatAdapter(), new JSONAdapter()]) {
      const user = String(adapter.format(sig, [], { q: [1, 2.5, true] as unknown as string }).at(-1)!.content);
      expect(user, adapter.constructor.name).toContain("[[ ## q ## ]]\n[1] «1»\n[2] «2.5»\n[3] «True»\n");
    }
  });

  it("an enum output given a list or dict in a JSON reply raises the enum's ValueError (DSPy: TypeError: unhashable type)", () => {
    const color: TypeNode = { kind: "enum", name: "Color", members: [{ name: "RED", value: "red" }, { name: "BLUE", value: "blue" }] };
    const sig = signature("q -> c: Color", undefined, { types: { Color: color } });
    const parse = (reply: string) => () => new JSONAdapter().parse(sig, reply);
    expect(parse('{"c": ["red"]}')).toThrow(ValueError);
    expect(parse('{"c": ["red"]}')).toThrow("['red'] is not a valid name or value for the enum Color");
    expect(parse('{"c": {"a": "red"}}')).toThrow("{'a': 'red'} is not a valid name or value for the enum Color");
    expect(new JSONAdapter().parse(sig, '{"c": "RED"}')).toEqual({ c: "red" });
  });

  it("an XML reply holding a lone surrogate fails as an AdapterParseError (DSPy: UnicodeEncodeError before parsing)", () => {
    const parse = () => new XMLAdapter().parse(signature("q -> answer"), "<answer>a\ud800b</answer>");
    expect(parse).toThrow(AdapterParseError);
    expect(parse).toThrow(/^Failed to parse XML: /);
  });
});
