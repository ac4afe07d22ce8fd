import { PythonRandom } from "../../python/python-random.js";

/**
 * Seeded hostile LM replies for the parse fuzz test: a well-formed reply for a signature, then mutated — truncated,
 * nested deep, entity-laden, keyed with Object member names, unicode, huge and non-finite numbers, field markers and
 * XML tags inside values, stray quotes and brackets, random splices. Deterministic for a seed.
 */

export type AdapterName = "chat" | "json" | "xml";

/** Output field types the replies are written for (DSPy annotation syntax). */
export const OUTPUT_TYPES = [
  "str", "int", "float", "bool", "list[int]", "list[str]", "dict[str, Any]", "dict[str, int]", "Any",
  "Literal['yes', 'no']", "Optional[float]", "float | None | bool", "tuple[int, str]",
] as const;

export const MUTATIONS = [
  "none", "truncate", "nest", "entities", "proto-keys", "unicode", "huge-number", "non-finite", "field-markers",
  "xml-tags", "quotes", "brackets", "splice", "repeat", "empty", "backslashes", "comments", "fences",
] as const;
export type Mutation = (typeof MUTATIONS)[number];

export interface HostileReply {
  adapter: AdapterName;
  /** `q -> a: <type>, b: <type>` */
  signature: string;
  completion: string;
  mutation: Mutation;
}

const PROTO_KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "prototype", "__defineGetter__", "isPrototypeOf"];
const UNICODE = ["🙂", "東京", "é", "e\u0301", "\u200b", "\u2028", "\ud83d", "\ude42", "\u0000", "\ufeff", "שלום", "𝔸"];
const NUMBERS = ["1e309", "-1e309", "NaN", "Infinity", "-Infinity", "nan", "inf", "1" + "0".repeat(400), "0x1F", "1_000", "-0.0", "9".repeat(40)];

function valueText(random: PythonRandom, type: string): string {
  const pick = <T>(items: readonly T[]): T => items[random.randbelow(items.length) as number] as T;
  switch (type) {
    case "int": return pick(["1", "-7", "42", " 3 ", "1.0", "12345678901234567890"]);
    case "float": case "Optional[float]": return pick(["0.5", "1", "-2.5e3", "1e-07", "None", "null"]);
    case "bool": return pick(["true", "False", "yes", "1"]);
    case "list[int]": return pick(["[1, 2, 3]", "[]", "[1, 'a']", "(1, 2)"]);
    case "list[str]": return pick(['["a", "b"]', "['x']", "[]"]);
    case "dict[str, Any]": case "dict[str, int]": case "Any": return pick(['{"k": 1, "n": {"m": [1, 2]}}', "{'a': True}", "{}", '{"__proto__": {"x": 1}}']);
    case "Literal['yes', 'no']": return pick(["yes", "no", "'yes'", "maybe"]);
    case "float | None | bool": return pick(["true", "0.5", "None", "x"]);
    case "tuple[int, str]": return pick(["[1, 'a']", "(2, 'b')", "[1]"]);
    default: return pick(["Paris", "a longer answer\nwith two lines", "", "[[ ## b ## ]] inside", "<b>bold</b>"]);
  }
}

function wellFormed(adapter: AdapterName, fields: Array<[string, string]>, random: PythonRandom): string {
  const values = fields.map(([name, type]) => [name, valueText(random, type)] as const);
  if (adapter === "chat") return `${values.map(([n, v]) => `[[ ## ${n} ## ]]\n${v}`).join("\n\n")}\n\n[[ ## completed ## ]]`;
  if (adapter === "xml") return values.map(([n, v]) => `<${n}>${v.replaceAll("&", "&amp;").replaceAll("<", "&lt;")}</${n}>`).join("\n");
  const body = values.map(([n, v]) => `"${n}": ${/^[[{("'\d-]|^(true|false|null|None)$/i.test(v.trim()) ? v : JSON.stringify(v)}`);
  return `{${body.join(", ")}}`;
}

function mutate(text: string, mutation: Mutation, random: PythonRandom): string {
  const pick = <T>(items: readonly T[]): T => items[random.randbelow(items.length) as number] as T;
  const at = () => random.randbelow(text.length + 1) as number;
  const insert = (piece: string) => {
    const i = at();
    return text.slice(0, i) + piece + text.slice(i);
  };
  // Mostly moderate nesting; one time in five deeper than Python's recursion limit.
  const depth = () => (random.random() < 0.2 ? 1000 + (random.randbelow(500) as number) : 1 + (random.randbelow(300) as number));
  switch (mutation) {
    case "none": return text;
    case "truncate": return text.slice(0, at());
    case "nest": return insert(pick(["{", "[", "(", '{"a": ', "<a>", "[{"]).repeat(depth()));
    case "entities": return insert(pick(["&constructor;", "&__proto__;", "&toString;", "&amp;", "&#x1F642;", "&#0;", "&lt;", "&bogus;", "&"]));
    case "proto-keys": {
      const key = pick(PROTO_KEYS);
      return insert(pick([`"${key}": {"isAdmin": true}, `, `'${key}': 1, `, `<${key}>1</${key}>`, `{"${key}": 1}`, `[[ ## ${key} ## ]]\n1\n`]));
    }
    case "unicode": return insert(pick(UNICODE).repeat(1 + (random.randbelow(5) as number)));
    case "huge-number": return insert(pick(NUMBERS));
    case "non-finite": return insert(pick(["NaN", "Infinity", "-Infinity", "inf", "nan", "1e999"]));
    case "field-markers": return insert(pick(["[[ ## a ## ]]", "[[ ## completed ## ]]", "\n[[ ## b ## ]]\n", "[[ ## unknown ## ]]", "[[ ## a ## ]] [[ ## a ## ]]"]));
    case "xml-tags": return insert(pick(["<a>", "</a>", "<b x='1'>", "<!-- c -->", "<![CDATA[x]]>", "<?pi x?>", "<a/>", "</dspy_root>"]));
    case "quotes": return insert(pick(['"', "'", "\u201c", "\u201d", "\u201e", '\\"', '""', "'''"]).repeat(1 + (random.randbelow(4) as number)));
    case "brackets": return insert(pick(["{", "}", "[", "]", "(", ")", "{}", "]}", ":", ","]).repeat(1 + (random.randbelow(4) as number)));
    case "splice": {
      const from = at();
      return text.slice(0, from) + text.slice(from + (random.randbelow(10) as number));
    }
    case "repeat": return text.repeat(2 + (random.randbelow(3) as number));
    case "empty": return pick(["", " ", "\n", "{}", "[]", "null", "<a></a>"]);
    case "backslashes": return insert("\\".repeat(1 + (random.randbelow(6) as number)) + pick(['"', "n", "u12", "x", ""]));
    case "comments": return insert(pick(["// c\n", "# c\n", "/* c", "*/", "/* c */"]));
    case "fences": return insert(pick(["```json\n", "```", "```json", "`"]));
  }
}

/** `count` hostile replies for `adapter`, from `seed`. */
export function hostileReplies(adapter: AdapterName, count: number, seed: number): HostileReply[] {
  const random = new PythonRandom(seed);
  const replies: HostileReply[] = [];
  for (let k = 0; k < count; k++) {
    const fields: Array<[string, string]> = [["a", OUTPUT_TYPES[random.randbelow(OUTPUT_TYPES.length) as number] as string]];
    if (random.random() < 0.5) fields.push(["b", OUTPUT_TYPES[random.randbelow(OUTPUT_TYPES.length) as number] as string]);
    const mutation = MUTATIONS[k % MUTATIONS.length] as Mutation;
    let completion = mutate(wellFormed(adapter, fields, random), mutation, random);
    if (random.random() < 0.2) completion = mutate(completion, MUTATIONS[random.randbelow(MUTATIONS.length) as number] as Mutation, random);
    replies.push({ adapter, signature: `q -> ${fields.map(([n, t]) => `${n}: ${t}`).join(", ")}`, completion, mutation });
  }
  return replies;
}
