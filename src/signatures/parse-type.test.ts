import { describe, expect, it } from "vitest";
import { SignatureError } from "../errors/signature-error.js";
import { parseType } from "./parse-type.js";
import { typeName } from "./type-name.js";

const name = (annotation: string, pipeUnion: "pep604" | "typing" = "pep604") => typeName(parseType(annotation, { pipeUnion }));

describe("parseType + typeName", () => {
  it("names types the way DSPy writes them in prompts", () => {
    expect(name("str")).toBe("str");
    expect(name("list[str]")).toBe("list[str]");
    expect(name("List[int]")).toBe("list[int]");
    expect(name("dict[str, list[float]]")).toBe("dict[str, list[float]]");
    expect(name("Optional[int]")).toBe("Union[int, NoneType]");
    expect(name("int | None")).toBe("UnionType[int, NoneType]");
    expect(name("int | None", "typing")).toBe("Union[int, NoneType]");
    expect(name("Union[str, int, None]")).toBe("Union[str, int, NoneType]");
    expect(name("list[Optional[str]]")).toBe("list[Union[str, NoneType]]");
    expect(name("tuple[int, ...]")).toBe("tuple[int, Ellipsis]");
    expect(name("tuple[int, str]")).toBe("tuple[int, str]");
    expect(name("Any")).toBe("Any");
    expect(name("Literal['yes', 'no']")).toBe("Literal['yes', 'no']");
    expect(name(`Literal[1, 'bar']`)).toBe("Literal[1, 'bar']");
    expect(name(`Literal["she's here", 'okay']`)).toBe(`Literal["she's here", 'okay']`);
    expect(name(`Literal['say "hi"', "it's"]`)).toBe(`Literal['say "hi"', "it's"]`);
    expect(name("Literal[True, None]")).toBe("Literal[True, None]");
    expect(name("dspy.Reasoning")).toBe("str");
    expect(name('Code["python"]')).toBe("Code_python");
  });

  it("types `|` as Python does: typing.Union when a side is a typing special form (CPython 3.11)", () => {
    expect(name("Literal['a'] | None")).toBe("Union[Literal['a'], NoneType]");
    expect(name("Optional[int] | str")).toBe("Union[int, NoneType, str]");
    expect(name("Union[int, None] | str")).toBe("Union[int, NoneType, str]");
    expect(name("None | int")).toBe("UnionType[NoneType, int]");
    expect(name("int | str | None")).toBe("UnionType[int, str, NoneType]");
    expect(name("Any | None")).toBe("UnionType[Any, NoneType]");
    expect(name("dict[str, float] | None")).toBe("UnionType[dict[str, float], NoneType]");
  });

  it("flattens and de-duplicates unions like typing does", () => {
    expect(name("Optional[Optional[int]]")).toBe("Union[int, NoneType]");
    expect(name("Union[int]")).toBe("int");
  });

  it("resolves registered names and rejects unknown ones", () => {
    const person = { kind: "model", name: "Person", fields: [] } as const;
    expect(typeName(parseType("list[Person]", { types: { Person: person } }))).toBe("list[Person]");
    expect(() => parseType("Frob")).toThrow(SignatureError);
    expect(() => parseType("list[")).toThrow(SignatureError);
  });
});
