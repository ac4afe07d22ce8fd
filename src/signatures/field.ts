import { pyStr } from "../python/pyfmt.js";
import { checkConstraints } from "./check-constraints.js";
import { fieldFromStandardSchema } from "./from-json-schema.js";
import { inferPrefix } from "./infer-prefix.js";
import { parseType, type TypeRegistry } from "./parse-type.js";
import { isStandardSchema, type StandardSchemaV1 } from "./standard-schema.js";
import { STR, type Constraints, type TypeNode } from "./type-node.js";

/** What a signature field is given as: a type string, a Standard Schema, or a spec object. */
export type FieldInput = string | StandardSchemaV1 | FieldSpec;

/** A field's declaration (DSPy's `InputField(desc=…)` / `OutputField(…)` plus its annotation). */
export interface FieldSpec {
  /** `"list[str]"`, a Standard Schema (zod …), or a `TypeNode`. Absent means `str`. */
  type?: string | StandardSchemaV1 | TypeNode;
  desc?: string;
  /** Alias of `desc`, as pydantic's `description=`. */
  description?: string;
  /** Deprecated in DSPy (never rendered), but kept in state files. */
  prefix?: string;
  /** A default value (outputs: used when the LM omits the field; inputs: filled in when not given). */
  default?: unknown;
  constraints?: Constraints;
}

/** A field of a signature. Immutable; signatures create new fields rather than editing them. */
export interface Field {
  readonly name: string;
  readonly io: "input" | "output";
  readonly type: TypeNode;
  /** The description, or the placeholder `${name}` when none was given. */
  readonly desc: string;
  readonly prefix: string;
  /** `true`/`false` for inputs of string signatures, `true` for untyped fields, absent otherwise (DSPy's marker). */
  readonly typeUndefined?: boolean;
  readonly default?: { readonly value: unknown };
  /** Human-readable constraints, e.g. `greater than or equal to: 0, less than or equal to: 1`. */
  readonly constraints?: string;
  /** The Standard Schema the field was declared with, used to validate parsed outputs. */
  readonly schema?: StandardSchemaV1;
}

const CONSTRAINT_TEXT: Readonly<Record<keyof Constraints, string>> = {
  gt: "greater than: ",
  ge: "greater than or equal to: ",
  lt: "less than: ",
  le: "less than or equal to: ",
  min_length: "minimum length: ",
  max_length: "maximum length: ",
  multiple_of: "a multiple of the given number: ",
};

/** DSPy's rendering of pydantic constraints, in the order given. */
export function describeConstraints(constraints: Constraints): string {
  return Object.entries(constraints)
    .filter(([key, value]) => key in CONSTRAINT_TEXT && value !== undefined)
    .map(([key, value]) => `${CONSTRAINT_TEXT[key as keyof Constraints]}${pyStr(value)}`)
    .join(", ");
}

function isTypeNode(value: unknown): value is TypeNode {
  return typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string";
}

/** Normalises the three accepted forms to a spec object. */
export function toFieldSpec(input: FieldInput | undefined): FieldSpec {
  if (input === undefined) return {};
  if (typeof input === "string" || isStandardSchema(input)) return { type: input };
  return input;
}

/** Builds a field from its declaration. `typeUndefined` follows DSPy's marker rules (see `Field`). */
export function makeField(
  name: string,
  io: "input" | "output",
  input: FieldInput | undefined,
  options: { types?: TypeRegistry; pipeUnion?: "pep604" | "typing"; typeUndefined?: boolean } = {},
): Field {
  const spec = toFieldSpec(input);
  let type: TypeNode = STR;
  let schema: StandardSchemaV1 | undefined;
  let desc = spec.desc ?? spec.description;
  let def = "default" in spec ? { value: spec.default } : undefined;
  let constraints = spec.constraints;
  if (typeof spec.type === "string") {
    type = parseType(spec.type, { ...(options.types ? { types: options.types } : {}), pipeUnion: options.pipeUnion ?? "pep604" });
  } else if (isStandardSchema(spec.type)) {
    const fromSchema = fieldFromStandardSchema(spec.type, name);
    type = fromSchema.type;
    schema = spec.type;
    desc ??= fromSchema.description;
    def ??= fromSchema.default;
    constraints ??= fromSchema.constraints;
  } else if (isTypeNode(spec.type)) {
    type = spec.type;
  }
  const typeUndefined = options.typeUndefined ?? (spec.type === undefined && input !== undefined && typeof input === "object" ? true : undefined);
  const field: { -readonly [K in keyof Field]: Field[K] } = {
    name,
    io,
    type,
    desc: desc ?? `\${${name}}`,
    prefix: spec.prefix ?? `${inferPrefix(name)}:`,
  };
  if (typeUndefined !== undefined) field.typeUndefined = typeUndefined;
  if (def !== undefined) field.default = def;
  checkConstraints(name, type, constraints);
  const text = constraints ? describeConstraints(constraints) : "";
  if (text) field.constraints = text;
  if (schema) field.schema = schema;
  return Object.freeze(field);
}

/** Declares an input field for `Signature.insert/prepend/append` (DSPy's `InputField`). */
export function InputField(spec: FieldSpec = {}): FieldSpec & { io: "input" } {
  return { ...spec, io: "input" };
}

/** Declares an output field for `Signature.insert/prepend/append` (DSPy's `OutputField`). */
export function OutputField(spec: FieldSpec = {}): FieldSpec & { io: "output" } {
  return { ...spec, io: "output" };
}
