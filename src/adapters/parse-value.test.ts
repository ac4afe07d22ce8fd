import { describe, expect, it } from "vitest";
import { parseType } from "../signatures/parse-type.js";
import type { TypeNode } from "../signatures/type-node.js";
import { PyFloat } from "../python/py-float.js";
import { parseValue } from "./parse-value.js";
import { Code } from "./types/code.js";

// Expected values: DSPy 3.3.1 `dspy.adapters.utils.parse_value` (CPython 3.11, pydantic 2.13).
describe("parseValue", () => {
  const color: TypeNode = { kind: "enum", name: "Color", members: [{ name: "RED", value: "red" }, { name: "BLUE", value: "blue" }] };
  const t = (annotation: string) => parseType(annotation);

  it("matches enums by value, then by name", () => {
    expect(parseValue("RED", color)).toBe("red");
    expect(parseValue("blue", color)).toBe("blue");
    expect(() => parseValue("purple", color)).toThrow("purple is not a valid name or value for the enum Color");
  });

  it("normalises Literal answers (quotes, Literal[...] and str[...] wrappers)", () => {
    expect(parseValue("'yes'", t("Literal['yes', 'no']"))).toBe("yes");
    expect(parseValue("str[no]", t("Literal['yes', 'no']"))).toBe("no");
    expect(() => parseValue("maybe", t("Literal['yes', 'no']"))).toThrow("'maybe' is not one of ('yes', 'no')");
  });

  it("keeps text as is for str and Optional[str]-like unions", () => {
    expect(parseValue("None", t("Optional[str]"))).toBe("None");
    expect(parseValue("42", t("Union[str, int, None]"))).toBe("42");
    expect(parseValue(42, { kind: "str" })).toBe("42");
  });

  it("decodes JSON and Python literals before validating", () => {
    expect(parseValue("[1, 2]", t("list[int]"))).toEqual([1, 2]);
    expect(parseValue("{'a': True}", t("dict[str, bool]"))).toEqual({ a: true });
    expect(parseValue("3", t("float"))).toEqual(new PyFloat(3));
  });

  it("lets DSPy types validate from the original text", () => {
    expect(parseValue("```python\nprint(1)\n```", { kind: "custom", name: "Code" })).toEqual(new Code("print(1)"));
    expect(parseValue("text", { kind: "custom", name: "Reasoning" })).toBe("text");
  });
});
