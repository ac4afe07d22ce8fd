import { describe, expect, it } from "vitest";
import { SignatureError } from "../errors/signature-error.js";
import { PyFloat } from "../python/py-float.js";
import { makeField } from "./field.js";
import { Signature } from "./signature.js";

/** pydantic's SchemaError texts, as the real DSPy 3.3.1 raised them when the signature was created (oracle captures). */
const head = (field: string) =>
  `Error building "model" validator:\n  SchemaError: Error building "model-fields" validator:\n  SchemaError: Field "${field}":\n  `;

describe("constraints pydantic cannot build a validator for", () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ["int", { lt: 0.5 }, `SchemaError: Error building "int" validator:\n  ValueError: 'lt' must be coercible to an integer`],
    ["int", { ge: 0.5, lt: 0.5 }, `SchemaError: Error building "int" validator:\n  ValueError: 'lt' must be coercible to an integer`],
    ["int", { gt: 0.5, le: 0.5 }, `SchemaError: Error building "int" validator:\n  ValueError: 'le' must be coercible to an integer`],
    ["int", { gt: 0.5, multiple_of: 0.5 }, `SchemaError: Error building "int" validator:\n  ValueError: 'multiple_of' must be coercible to an integer`],
    ["int", { ge: new PyFloat(1e20) }, `SchemaError: Error building "int" validator:\n  ValueError: 'ge' must be coercible to an integer`],
    ["Optional[int]", { le: 0.5 }, `SchemaError: Error building "nullable" validator:\n  SchemaError: Error building "int" validator:\n  ValueError: 'le' must be coercible to an integer`],
    ["str", { max_length: new PyFloat(1) }, `SchemaError: Error building "str" validator:\n  TypeError: 'float' object cannot be interpreted as an integer`],
    ["str", { max_length: 0.5, min_length: -1 }, `SchemaError: Error building "str" validator:\n  OverflowError: can't convert negative int to unsigned`],
    ["list[int]", { min_length: 1.5 }, `SchemaError: Error building "list" validator:\n  TypeError: 'float' object cannot be interpreted as an integer`],
    ["dict[str, int]", { min_length: -1 }, `SchemaError: Error building "dict" validator:\n  OverflowError: can't convert negative int to unsigned`],
    ["tuple[int, str]", { max_length: 0.5 }, `SchemaError: Error building "tuple" validator:\n  TypeError: 'float' object cannot be interpreted as an integer`],
  ];
  it.each(cases)("%s with %o", (type, constraints, tail) => {
    expect(() => makeField("answer", "output", { type, constraints })).toThrow(new SignatureError(head("answer") + tail));
  });

  it("keeps the constraints pydantic accepts or ignores", () => {
    for (const [type, constraints] of [
      ["int", { ge: new PyFloat(1), le: 10 ** 20 }], ["float", { ge: 0.5, multiple_of: 0 }], ["str", { ge: 1 }], ["bool", { ge: 0.5 }],
      ["Union[int, str]", { ge: 0.5 }], ["int", { min_length: 0.5 }], ["list[int]", { ge: 1, max_length: true }], ["Any", { ge: 0.5 }],
    ] as const) {
      expect(() => makeField("answer", "output", { type, constraints: constraints as never })).not.toThrow();
    }
  });

  it("names the first offending field of a signature", () => {
    expect(() => new Signature([makeField("q", "input", { type: "int", constraints: { ge: 1 } })], [makeField("a", "output", { type: "int", constraints: { lt: 2.5 } })])).toThrow(
      /Field "a":/,
    );
  });
});
