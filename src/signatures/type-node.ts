/**
 * A field's type, modelled on the Python annotations DSPy understands. Adapters render prompts and parse
 * replies from it; `jsonSchemaOf` gives pydantic's JSON schema for it.
 */
export type TypeNode =
  | { readonly kind: "str" | "int" | "float" | "bool" | "bytes" | "any" | "none" }
  | { readonly kind: "list" | "set" | "frozenset"; readonly item: TypeNode | null }
  | { readonly kind: "dict"; readonly key: TypeNode | null; readonly value: TypeNode | null }
  /** `tuple[int, str]`; `tuple[int, ...]` has `variadic: true` and one item; bare `tuple` has `items: null`. */
  | { readonly kind: "tuple"; readonly items: readonly TypeNode[] | null; readonly variadic: boolean }
  /** `typing.Union` / `Optional` (named `Union[...]`) or a PEP 604 `A | B` (named `UnionType[...]`). */
  | { readonly kind: "union"; readonly options: readonly TypeNode[]; readonly form: "typing" | "pep604" }
  | { readonly kind: "literal"; readonly values: readonly LiteralValue[] }
  | { readonly kind: "enum"; readonly name: string; readonly members: readonly EnumMember[] }
  | ModelType
  /** DSPy's own types: History, Reasoning, Tool, ToolCalls, Code, Image, Audio, File, Document, Citations. */
  | { readonly kind: "custom"; readonly name: CustomTypeName; readonly language?: string };

export type LiteralValue = string | number | boolean | null;

export type CustomTypeName =
  | "History"
  | "Reasoning"
  | "Tool"
  | "ToolCalls"
  | "Code"
  | "Image"
  | "Audio"
  | "File"
  | "Document"
  | "Citations";

export interface EnumMember {
  readonly name: string;
  readonly value: string | number;
}

/** Pydantic-style field constraints, in the order they were given. */
export interface Constraints {
  readonly gt?: number;
  readonly ge?: number;
  readonly lt?: number;
  readonly le?: number;
  readonly min_length?: number;
  readonly max_length?: number;
  readonly multiple_of?: number;
}

/** A field of a named object type (a pydantic `BaseModel` in Python). */
export interface ModelField {
  readonly name: string;
  readonly type: TypeNode;
  readonly description?: string;
  /** Present when the field has a default (the field is then not required). */
  readonly default?: { readonly value: unknown };
  readonly alias?: string;
  readonly constraints?: Constraints;
}

/** A named object type with ordered fields (pydantic's `BaseModel`). */
export interface ModelType {
  readonly kind: "model";
  readonly name: string;
  readonly fields: readonly ModelField[];
  /** The docstring; becomes the JSON schema's `description`. */
  readonly description?: string;
}

export const STR: TypeNode = Object.freeze({ kind: "str" });
export const NONE: TypeNode = Object.freeze({ kind: "none" });

/** Whether `None` is an acceptable value (`Optional[T]`, `T | None`, `None`, `Any`-free). */
export function allowsNone(type: TypeNode): boolean {
  if (type.kind === "none") return true;
  if (type.kind === "union") return type.options.some(allowsNone);
  return false;
}

/** Builds a union the way Python's typing does: flattened, de-duplicated, a single option collapses. */
export function makeUnion(options: readonly TypeNode[], form: "typing" | "pep604"): TypeNode {
  const flat: TypeNode[] = [];
  for (const option of options) {
    const parts = option.kind === "union" ? option.options : [option];
    for (const part of parts) if (!flat.some((seen) => typeEquals(seen, part))) flat.push(part);
  }
  if (flat.length === 1) return flat[0] as TypeNode;
  return { kind: "union", options: flat, form };
}

/** Structural equality of two types. */
export function typeEquals(a: TypeNode, b: TypeNode): boolean {
  // Defaults inside model fields may hold bigints, which JSON.stringify rejects.
  const key = (t: TypeNode) => JSON.stringify(t, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
  return key(a) === key(b);
}
