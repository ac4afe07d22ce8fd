import { SignatureError } from "../errors/signature-error.js";
import { pythonStringLiteralValue } from "./python-string-literal.js";
import { makeUnion, type CustomTypeName, type LiteralValue, type TypeNode } from "./type-node.js";

/** Named types a signature may refer to (models, enums, aliases), by the name used in annotations. */
export type TypeRegistry = Readonly<Record<string, TypeNode>>;

export interface ParseTypeOptions {
  /** Extra named types, e.g. models declared in the signature. */
  types?: TypeRegistry;
  /**
   * How `A | B` is typed: `"pep604"` as in a class-based signature annotation (`UnionType[...]`), `"typing"` as DSPy's
   * string-signature parser does (it turns `|` into `typing.Union`).
   */
  pipeUnion?: "pep604" | "typing";
}

const CUSTOM: readonly CustomTypeName[] = [
  "History", "Reasoning", "Tool", "ToolCalls", "Code", "Image", "Audio", "File", "Document", "Citations",
];

const SIMPLE: Readonly<Record<string, TypeNode>> = {
  str: { kind: "str" },
  int: { kind: "int" },
  float: { kind: "float" },
  bool: { kind: "bool" },
  bytes: { kind: "bytes" },
  Any: { kind: "any" },
  None: { kind: "none" },
  NoneType: { kind: "none" },
};

type Token = { t: "name" | "str" | "num" | "op"; v: string; pos: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i)) as RegExpExecArray;
      tokens.push({ t: "name", v: m[0], pos: i });
      i += m[0].length;
    } else if (/[0-9]/.test(ch) || (ch === "-" && /[0-9]/.test(text[i + 1] ?? ""))) {
      const m = /^-?[0-9][0-9_]*(\.[0-9_]*)?/.exec(text.slice(i)) as RegExpExecArray;
      tokens.push({ t: "num", v: m[0], pos: i });
      i += m[0].length;
    } else if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== ch) j += text[j] === "\\" ? 2 : 1;
      if (j >= text.length) throw new SignatureError(`Unterminated string in type annotation: ${text}`);
      tokens.push({ t: "str", v: text.slice(i, j + 1), pos: i });
      i = j + 1;
    } else if (text.startsWith("...", i)) {
      tokens.push({ t: "op", v: "...", pos: i });
      i += 3;
    } else if ("[],|.()".includes(ch)) {
      tokens.push({ t: "op", v: ch, pos: i });
      i++;
    } else {
      throw new SignatureError(`Unexpected character ${JSON.stringify(ch)} in type annotation: ${text}`);
    }
  }
  return tokens;
}

/** An argument inside `X[...]`: a type, or a literal constant for `Literal[...]`. */
type Arg = { type: TypeNode } | { constant: LiteralValue } | { ellipsis: true };

class TypeParser {
  private i = 0;
  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
    private readonly options: ParseTypeOptions,
  ) {}

  parse(): TypeNode {
    const type = this.expectType(this.union());
    if (this.i < this.tokens.length) this.fail(`unexpected ${JSON.stringify(this.tokens[this.i]!.v)}`);
    return type;
  }

  private fail(why: string): never {
    throw new SignatureError(`Invalid type annotation ${JSON.stringify(this.text)}: ${why}.`);
  }

  private peek(v: string): boolean {
    const token = this.tokens[this.i];
    return token !== undefined && token.t === "op" && token.v === v;
  }

  private take(v: string): void {
    if (!this.peek(v)) this.fail(`expected ${JSON.stringify(v)}`);
    this.i++;
  }

  private expectType(arg: Arg): TypeNode {
    if ("type" in arg) return arg.type;
    if ("ellipsis" in arg) this.fail("`...` is only allowed in tuple[T, ...]");
    if (arg.constant === null) return { kind: "none" };
    return this.fail(`${JSON.stringify(arg.constant)} is not a type`);
  }

  private union(): Arg {
    const first = this.atom();
    if (!this.peek("|")) return first;
    // Python folds `a | b | c` left to right; `|` with a typing special form (Literal, Optional, Union) on either
    // side gives `typing.Union`, otherwise `types.UnionType`.
    const isTypingForm = (t: TypeNode) => t.kind === "literal" || (t.kind === "union" && t.form === "typing");
    let acc = this.expectType(first);
    while (this.peek("|")) {
      this.i++;
      const next = this.expectType(this.atom());
      const form = this.options.pipeUnion === "typing" || isTypingForm(acc) || isTypingForm(next) ? "typing" : "pep604";
      acc = makeUnion([acc, next], form);
    }
    return { type: acc };
  }

  private atom(): Arg {
    const token = this.tokens[this.i++];
    if (!token) return this.fail("unexpected end");
    if (token.t === "str") return { constant: pythonStringLiteralValue(token.v) };
    if (token.t === "num") {
      if (token.v.includes(".")) this.fail("float literals are not allowed in Literal[...]");
      return { constant: Number(token.v.replace(/_/g, "")) };
    }
    if (token.t === "op" && token.v === "...") return { ellipsis: true };
    if (token.t !== "name") return this.fail(`unexpected ${JSON.stringify(token.v)}`);
    let name = token.v;
    while (this.peek(".")) {
      this.i++;
      const next = this.tokens[this.i++];
      if (!next || next.t !== "name") this.fail("expected a name after `.`");
      name = next!.v; // `dspy.Image`, `typing.Optional`: the last component names the type
    }
    if (name === "True" || name === "False") return { constant: name === "True" };
    if (!this.peek("[")) return { type: this.named(name) };
    this.i++;
    const args: Arg[] = [];
    if (!this.peek("]")) {
      args.push(this.union());
      while (this.peek(",")) {
        this.i++;
        if (this.peek("]")) break;
        args.push(this.union());
      }
    }
    this.take("]");
    return { type: this.generic(name, args) };
  }

  private named(name: string): TypeNode {
    const registered = this.options.types?.[name];
    if (registered) return registered;
    const simple = SIMPLE[name];
    if (simple) return simple;
    switch (name) {
      case "list": case "List": case "Sequence":
        return { kind: "list", item: null };
      case "set": case "Set":
        return { kind: "set", item: null };
      case "frozenset": case "FrozenSet":
        return { kind: "frozenset", item: null };
      case "dict": case "Dict": case "Mapping":
        return { kind: "dict", key: null, value: null };
      case "tuple": case "Tuple":
        return { kind: "tuple", items: null, variadic: false };
    }
    if ((CUSTOM as readonly string[]).includes(name)) return { kind: "custom", name: name as CustomTypeName };
    throw new SignatureError(`Unknown name: ${name}. Declare custom types in the signature's \`types\` option.`);
  }

  private generic(name: string, args: Arg[]): TypeNode {
    const types = () => args.map((arg) => this.expectType(arg));
    switch (name) {
      case "list": case "List": case "Sequence": case "set": case "Set": case "frozenset": case "FrozenSet": {
        const [item, extra] = types();
        if (!item || extra) this.fail(`${name}[...] takes exactly one type`);
        const kind = name.toLowerCase().startsWith("frozen") ? "frozenset" : name.toLowerCase() === "set" ? "set" : "list";
        return { kind, item: item! };
      }
      case "dict": case "Dict": case "Mapping": {
        const [key, value, extra] = types();
        if (!key || !value || extra) this.fail(`${name}[...] takes a key and a value type`);
        return { kind: "dict", key: key!, value: value! };
      }
      case "tuple": case "Tuple": {
        const last = args[args.length - 1];
        if (last && "ellipsis" in last) {
          if (args.length !== 2) this.fail("tuple[T, ...] takes one type before `...`");
          return { kind: "tuple", items: [this.expectType(args[0]!)], variadic: true };
        }
        return { kind: "tuple", items: types(), variadic: false };
      }
      case "Optional": {
        const [inner, extra] = types();
        if (!inner || extra) this.fail("Optional must have exactly one type argument");
        return makeUnion([inner!, { kind: "none" }], "typing");
      }
      case "Union":
        return makeUnion(types(), "typing");
      case "Literal": {
        const values: LiteralValue[] = [];
        for (const arg of args) {
          if ("constant" in arg) {
            if (!values.some((v) => v === arg.constant)) values.push(arg.constant);
          } else if ("type" in arg && arg.type.kind === "none") values.push(null);
          else this.fail("Literal[...] takes constants only");
        }
        return { kind: "literal", values };
      }
      case "Code": {
        const [arg] = args;
        if (!arg || !("constant" in arg) || typeof arg.constant !== "string") this.fail('Code takes a language, e.g. Code["python"]');
        return { kind: "custom", name: "Code", language: (arg as { constant: string }).constant };
      }
    }
    return this.fail(`${name}[...] is not a generic type tsdspy understands`);
  }
}

/**
 * Parses a Python type annotation (`list[str]`, `dict[str, int]`, `Optional[int]`, `int | None`,
 * `Literal['a', 1]`, `tuple[int, ...]`, `Any`, or a registered model/enum name) into a `TypeNode`.
 *
 * @example
 * parseType("dict[str, list[int]]") // { kind: "dict", key: { kind: "str" }, value: { kind: "list", item: { kind: "int" } } }
 */
export function parseType(annotation: string, options: ParseTypeOptions = {}): TypeNode {
  return new TypeParser(annotation, tokenize(annotation), options).parse();
}
