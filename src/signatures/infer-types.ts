import type { StandardSchemaV1 } from "./standard-schema.js";

/** Type-level parsing of Python annotations and string signatures, so calls are typed from the signature. */

type WS = " " | "\n" | "\t" | "\r";
export type Trim<S extends string> = S extends `${WS}${infer R}` ? Trim<R> : S extends `${infer R}${WS}` ? Trim<R> : S;

/** Splits `S` on `Sep` at bracket depth 0 (`"a, b: dict[str, int]"` → `["a", " b: dict[str, int]"]`). */
export type SplitTop<
  S extends string,
  Sep extends string,
  Depth extends unknown[] = [],
  Cur extends string = "",
  Acc extends string[] = [],
> = S extends `${infer C}${infer Rest}`
  ? C extends "[" | "("
    ? SplitTop<Rest, Sep, [...Depth, 0], `${Cur}${C}`, Acc>
    : C extends "]" | ")"
      ? SplitTop<Rest, Sep, Depth extends [unknown, ...infer D] ? D : [], `${Cur}${C}`, Acc>
      : C extends Sep
        ? Depth extends []
          ? SplitTop<Rest, Sep, Depth, "", [...Acc, Cur]>
          : SplitTop<Rest, Sep, Depth, `${Cur}${C}`, Acc>
        : SplitTop<Rest, Sep, Depth, `${Cur}${C}`, Acc>
  : [...Acc, Cur];

type LiteralOf<S extends string> = S extends `'${infer V}'`
  ? V
  : S extends `"${infer V}"`
    ? V
    : S extends "True"
      ? true
      : S extends "False"
        ? false
        : S extends "None"
          ? null
          : S extends `${infer N extends number}`
            ? N
            : never;

type UnionOf<Parts extends string[]> = Parts extends [infer H extends string, ...infer R extends string[]]
  ? PyType<Trim<H>> | UnionOf<R>
  : never;

type LiteralsOf<Parts extends string[]> = Parts extends [infer H extends string, ...infer R extends string[]]
  ? LiteralOf<Trim<H>> | LiteralsOf<R>
  : never;

type Second<Parts extends string[]> = Parts extends [string, infer V extends string, ...string[]] ? V : "Any";

type Base<T extends string> = T extends "str"
  ? string
  : T extends "int" | "float"
    ? number
    : T extends "bool"
      ? boolean
      : T extends "None" | "NoneType"
        ? null
        : T extends `${"list" | "List" | "Sequence" | "set" | "Set"}[${infer X}]`
          ? PyType<Trim<X>>[]
          : T extends "list" | "List"
            ? unknown[]
            : T extends `${"dict" | "Dict" | "Mapping"}[${infer KV}]`
              ? Record<string, PyType<Trim<Second<SplitTop<KV, ",">>>>>
              : T extends "dict" | "Dict"
                ? Record<string, unknown>
                : T extends `Optional[${infer X}]`
                  ? PyType<Trim<X>> | null
                  : T extends `Union[${infer U}]`
                    ? UnionOf<SplitTop<U, ",">>
                    : T extends `Literal[${infer L}]`
                      ? LiteralsOf<SplitTop<L, ",">>
                      : unknown;

/**
 * The TypeScript type of a Python annotation string: `"list[str]"` → `string[]`, `"int | None"` → `number | null`,
 * `"Literal['a', 'b']"` → `"a" | "b"`. Unknown names (models) give `unknown`.
 */
export type PyType<T extends string> =
  SplitTop<T, "|"> extends [string, string, ...string[]] ? UnionOf<SplitTop<T, "|">> : Base<Trim<T>>;

type FieldName<F extends string> = Trim<F> extends `${infer N}:${string}` ? Trim<N> : Trim<F>;
type FieldType<F extends string> = Trim<F> extends `${string}:${infer T}` ? PyType<Trim<T>> : string;

/** The fields of one side of a string signature: `"a, b: int"` → `{ a: string; b: number }`. */
export type FieldsOf<S extends string> = {
  [F in SplitTop<S, ",">[number] as FieldName<F> extends "" ? never : FieldName<F>]: FieldType<F>;
};

/** Inputs and outputs of a string signature `"inputs -> outputs"`. */
export type ParseSignature<S extends string> = S extends `${infer I}->${infer O}`
  ? { inputs: FieldsOf<I>; outputs: FieldsOf<O> }
  : { inputs: Record<string, unknown>; outputs: Record<string, unknown> };

/** A field in the object form of a signature: a type string, a Standard Schema, or an object with `type`. */
export type FieldSpecType<F> = F extends string
  ? PyType<F>
  : F extends StandardSchemaV1<unknown, infer Out>
    ? Out
    : F extends { readonly type: infer T }
      ? T extends string
        ? PyType<T>
        : T extends StandardSchemaV1<unknown, infer Out>
          ? Out
          : unknown
      : string;

/** `{ question: { desc: "…" }, k: "int" }` → `{ question: string; k: number }`. */
export type FieldsFromSpec<R> = { -readonly [K in keyof R]: FieldSpecType<R[K]> };
