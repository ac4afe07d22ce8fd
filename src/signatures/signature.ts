import { SignatureError } from "../errors/signature-error.js";
import { ValueError } from "../errors/value-error.js";
import { pyStrRepr } from "../python/pyfmt.js";
import { cleandoc } from "./python-cleandoc.js";
import { makeField, toFieldSpec, type Field, type FieldInput, type FieldSpec } from "./field.js";
import type { FieldsFromSpec, ParseSignature } from "./infer-types.js";
import { parseSignature } from "./parse-signature.js";
import type { TypeRegistry } from "./parse-type.js";

type Fields = Record<string, unknown>;

/** The object form of a signature (DSPy's class-based signature). */
export interface SignatureSpec<In extends Record<string, FieldInput> = Record<string, FieldInput>, Out extends Record<string, FieldInput> = Record<string, FieldInput>> {
  /** The class name in DSPy; defaults to `StringSignature`. */
  name?: string;
  /** The docstring; defaults to ``Given the fields `a`, produce the fields `b`.`` */
  instructions?: string;
  inputs: In;
  outputs: Out;
  /** Named models and enums that type strings may refer to. */
  types?: TypeRegistry;
}

/** The state DSPy saves for a signature: instructions and each field's prefix and description, in order. */
export interface SignatureState {
  instructions: string;
  fields: Array<{ prefix: string; description: string }>;
}

function defaultInstructions(inputs: readonly Field[], outputs: readonly Field[]): string {
  const names = (fields: readonly Field[]) => fields.map((f) => `\`${f.name}\``).join(", ");
  return `Given the fields ${names(inputs)}, produce the fields ${names(outputs)}.`;
}

function fieldExtrasEqual(a: Field, b: Field): boolean {
  return (
    a.io === b.io &&
    a.desc === b.desc &&
    a.prefix === b.prefix &&
    a.typeUndefined === b.typeUndefined &&
    a.constraints === b.constraints
  );
}

/**
 * A declarative task interface: named input and output fields with types and descriptions, plus instructions.
 * Immutable — every edit returns a new signature. `I` and `O` are the TypeScript types of inputs and outputs.
 *
 * @example
 * const qa = signature("question, context: list[str] -> answer");
 * qa.inputFields.context.type // { kind: "list", item: { kind: "str" } }
 */
export class Signature<I extends Fields = Fields, O extends Fields = Fields> {
  declare readonly __types?: { inputs: I; outputs: O };
  readonly name: string;
  readonly instructions: string;
  readonly inputFields: Readonly<Record<keyof I & string, Field>>;
  readonly outputFields: Readonly<Record<keyof O & string, Field>>;
  /** Inputs then outputs. */
  readonly fields: Readonly<Record<string, Field>>;

  /** Prefer `signature(...)`; this builds from already-made fields. */
  constructor(
    inputs: readonly Field[],
    outputs: readonly Field[],
    instructions?: string,
    name = "StringSignature",
    /** Keep empty instructions empty (DSPy's `load_state` sets the docstring as it is). */
    options: { keepEmptyInstructions?: boolean } = {},
  ) {
    const seen = new Set<string>();
    for (const field of [...inputs, ...outputs]) {
      if (seen.has(field.name)) throw new SignatureError(`Field \`${field.name}\` is declared twice in signature ${name}.`);
      seen.add(field.name);
    }
    const underscored = [...inputs, ...outputs].find((f) => f.name.startsWith("_"));
    if (underscored) {
      // Pydantic's NameError (DSPy builds signatures as pydantic models), with its suggested name.
      const suggested = underscored.name.replace(/^_+/, "") || "my_field";
      throw new SignatureError(
        `Fields must not use names with leading underscores; e.g., use ${pyStrRepr(suggested)} instead of ${pyStrRepr(underscored.name)}.`,
      );
    }
    this.name = name;
    // Like pydantic's create_model, an empty docstring counts as none: DSPy then uses the default instructions.
    const given = options.keepEmptyInstructions ? instructions : instructions || undefined;
    this.instructions = cleandoc(given ?? defaultInstructions(inputs, outputs));
    this.inputFields = Object.freeze(Object.fromEntries(inputs.map((f) => [f.name, f]))) as Record<keyof I & string, Field>;
    this.outputFields = Object.freeze(Object.fromEntries(outputs.map((f) => [f.name, f]))) as Record<keyof O & string, Field>;
    this.fields = Object.freeze({ ...this.inputFields, ...this.outputFields });
    Object.freeze(this);
  }

  /** `"question, context -> answer"`: the field names (DSPy's `signature.signature`). */
  get signatureString(): string {
    return `${Object.keys(this.inputFields).join(", ")} -> ${Object.keys(this.outputFields).join(", ")}`;
  }

  private get inputList(): Field[] {
    return Object.values(this.inputFields);
  }

  private get outputList(): Field[] {
    return Object.values(this.outputFields);
  }

  /** The same fields with new instructions. */
  withInstructions(instructions: string): Signature<I, O> {
    return new Signature<I, O>(this.inputList, this.outputList, instructions, this.name);
  }

  /** The same fields with `instructions` appended after a blank line. */
  appendInstructions(instructions: string): Signature<I, O> {
    return this.withInstructions(`${this.instructions}\n\n${instructions}`);
  }

  /**
   * Inserts a field into the inputs or the outputs (by the spec's `io`) at `index`; negative indices count from the end
   * (`-1` appends).
   */
  insert(index: number, name: string, field: FieldSpec & { io: "input" | "output" }, type?: FieldSpec["type"]): Signature {
    const io = field.io;
    const list = io === "input" ? this.inputList : this.outputList;
    let at = index;
    if (at < 0) at += list.length + 1;
    if (at < 0 || at > list.length) {
      throw new ValueError(
        `Invalid index to insert: ${at}, index must be in the range of [${list.length - 1}, ${list.length}] for ${io} fields, but received: ${at}.`,
      );
    }
    const made = makeField(name, io, { ...toFieldSpec(field), ...(type !== undefined ? { type } : {}) });
    const next = [...list];
    next.splice(at, 0, made);
    return io === "input"
      ? new Signature(next, this.outputList, this.instructions, this.name)
      : new Signature(this.inputList, next, this.instructions, this.name);
  }

  /** Inserts a field first among the inputs or outputs. */
  prepend(name: string, field: FieldSpec & { io: "input" | "output" }, type?: FieldSpec["type"]): Signature {
    return this.insert(0, name, field, type);
  }

  /** Inserts a field last among the inputs or outputs. */
  append(name: string, field: FieldSpec & { io: "input" | "output" }, type?: FieldSpec["type"]): Signature {
    return this.insert(-1, name, field, type);
  }

  /** The signature without the named field (unchanged when there is none). */
  delete(name: string): Signature {
    const keep = (f: Field) => f.name !== name;
    return new Signature(this.inputList.filter(keep), this.outputList.filter(keep), this.instructions, this.name);
  }

  /** A copy with one field's description, prefix, type … updated. */
  withUpdatedFields(name: string, updates: Partial<Omit<Field, "name" | "io">>): Signature<I, O> {
    if (!(name in this.fields)) throw new SignatureError(`Signature ${this.name} has no field \`${name}\`.`);
    const update = (f: Field): Field => (f.name === name ? Object.freeze({ ...f, ...updates }) : f);
    return new Signature<I, O>(this.inputList.map(update), this.outputList.map(update), this.instructions, this.name);
  }

  /** DSPy's equality: same instructions, same field names, and the same description/prefix/markers per field. */
  equals(other: unknown): boolean {
    if (!(other instanceof Signature)) return false;
    if (this.instructions !== other.instructions) return false;
    const names = new Set([...Object.keys(this.fields), ...Object.keys(other.fields)]);
    for (const name of names) {
      const a = this.fields[name];
      const b = other.fields[name];
      if (!a || !b || !fieldExtrasEqual(a, b)) return false;
    }
    return true;
  }

  /** The state DSPy saves: `{ instructions, fields: [{ prefix, description }] }`. */
  dumpState(): SignatureState {
    return {
      instructions: this.instructions,
      fields: Object.values(this.fields).map((f) => ({ prefix: f.prefix, description: f.desc })),
    };
  }

  /** A copy with instructions and, matching fields by position, prefixes and descriptions from a saved state. */
  loadState(state: SignatureState): Signature<I, O> {
    const saved = state.fields ?? [];
    let i = 0;
    const apply = (f: Field): Field => {
      const s = saved[i++];
      return s ? Object.freeze({ ...f, prefix: s.prefix, desc: s.description }) : f;
    };
    const inputs = this.inputList.map(apply);
    const outputs = this.outputList.map(apply);
    return new Signature<I, O>(inputs, outputs, state.instructions, this.name, { keepEmptyInstructions: true });
  }

  toString(): string {
    return `${this.name}(${this.signatureString})`;
  }
}

/**
 * Creates a signature from DSPy's string grammar or from an object (the equivalent of a class-based signature).
 * Input and output types are inferred for calls.
 *
 * @example
 * const classify = signature("ticket_text -> urgency: Literal['low', 'high']");
 * const Resolve = signature({
 *   name: "GenerateResolution",
 *   instructions: "Generate a support resolution using retrieved policy documents.",
 *   inputs: { policy_context: { desc: "Retrieved policy passages" }, ticket_text: { desc: "The customer's message" } },
 *   outputs: { resolution: { desc: "Concise resolution with policy citation" } },
 * });
 */
export function signature<S extends string>(
  spec: S,
  instructions?: string,
  options?: { types?: TypeRegistry; name?: string },
): Signature<ParseSignature<S>["inputs"], ParseSignature<S>["outputs"]>;
export function signature<const In extends Record<string, FieldInput>, const Out extends Record<string, FieldInput>>(
  spec: SignatureSpec<In, Out>,
): Signature<FieldsFromSpec<In>, FieldsFromSpec<Out>>;
export function signature(
  spec: string | SignatureSpec,
  instructions?: string,
  options: { types?: TypeRegistry; name?: string } = {},
): Signature {
  if (typeof spec === "string") {
    const { inputs, outputs } = parseSignature(spec, options.types);
    return new Signature(inputs, outputs, instructions, options.name);
  }
  const make = (io: "input" | "output", fields: Record<string, FieldInput>) =>
    Object.entries(fields).map(([name, input]) => makeField(name, io, input, spec.types ? { types: spec.types } : {}));
  const inputs = make("input", spec.inputs);
  const outputs = make("output", spec.outputs);
  const overlap = inputs.filter((f) => outputs.some((o) => o.name === f.name)).map((f) => f.name).sort();
  if (overlap.length) {
    throw new SignatureError(`Input and output fields must have distinct names, but found duplicates: '${overlap.join(", ")}'.`);
  }
  return new Signature(inputs, outputs, spec.instructions, spec.name);
}

/** A signature from a string or an existing signature (DSPy's `ensure_signature`). */
export function ensureSignature<I extends Fields, O extends Fields>(value: string | Signature<I, O>): Signature<I, O> {
  return (typeof value === "string" ? signature(value) : value) as Signature<I, O>;
}
