// Hostile reply bodies for bench/parse-sweep.bench.ts: the known adversarial shapes, and a seeded generator of new
// ones (runs of one short unit over an alphabet of JSON / Python / XML / DSPy-marker tokens, in a few contexts; runs of
// 2- and 3-unit combinations; non-periodic random mixes).
import { PythonRandom } from "../../src/python/python-random.js";

/** The body of a reply at a given size (in UTF-16 code units, roughly). */
export type Shape = (size: number) => string;

/** `prefix` then `unit` repeated up to `size` characters. */
export function repeat(prefix: string, unit: string, size: number): string {
  return prefix + unit.repeat(Math.max(1, Math.ceil((size - prefix.length) / unit.length)));
}

/** The shapes found slow before (issue 7 item 3); the default run times these. */
export const KNOWN_SHAPES: Record<string, Shape> = {
  "deep {": (n) => repeat("", "{", n),
  "{ x  repeated": (n) => repeat("", "{ x ", n),
  "unterminated string": (n) => repeat('{"d": "', "lorem ipsum ", n),
  "deep [": (n) => repeat("", "[", n),
  'deep {"a":': (n) => repeat("", '{"a": ', n),
  "deep (": (n) => repeat("", "(", n),
  '{" runs': (n) => repeat("", '{"', n),
  '[" runs': (n) => repeat("", '["', n),
  "backslash escapes": (n) => repeat('{"d": "', '\\n\\"', n),
  "unclosed container after comma": (n) => repeat("", ",{1", n),
  "bare key rescans": (n) => repeat("", '{e]"', n),
  "python literal unary chain": (n) => repeat("", "-", n) + "1",
  "field markers": (n) => repeat("", "[[ ## d ## ]]\n", n),
  "long whitespace": (n) => `{"d": 1${" ".repeat(n)}`,
  // A list value followed by more `[...]` where a key should be: json_repair joins each to the list (found by --discover).
  "split list continuations": (n) => repeat('{"d": {"a": ', "[[ ## d ## ]]", n),
  "split table rows": (n) => repeat('{"d": [[1, 2]] ', "[3, 4] ", n),
  "xml attributes": (n) => {
    let attrs = "";
    for (let i = 0; attrs.length < n; i++) attrs += ` a${i}="${i}"`;
    return `<x${attrs}>1</x>`;
  },
  "xml deep tags": (n) => repeat("", "<a>", n),
  "xml entities": (n) => repeat("", "&amp;", n),
  // Valid but huge: a Python literal of one element per few characters (literal_eval, after json_repair gives up,
  // or json_repair itself), and a well-formed XML tree of many elements.
  "valid tuple 1,": (n) => repeat("", "1,", n),
  "valid list [1,": (n) => `${repeat("[", "1,", n - 2)}1]`,
  "valid dict {1:1,": (n) => `${repeat("{", "1:1,", n - 4)}1:1}`,
  "valid set {1,": (n) => `${repeat("{", "1,", n - 2)}1}`,
  "valid tuple 'a',": (n) => repeat("", "'a',", n),
  "valid tuple (1,1),": (n) => repeat("", "(1,1),", n),
  "valid tuple -1.5e3,": (n) => repeat("", "-1.5e3,", n),
  "valid tuple 'a\\n\\x41',": (n) => repeat("", "'a\\n\\x41',", n),
  "valid tuple 1+2j,": (n) => repeat("", "1+2j,", n),
  "xml valid tree <a/>": (n) => repeat("", "<a/>", n),
};

/** Short units a hostile reply is made of. */
export const ALPHABET: readonly string[] = [
  '"', "'", "“", "”", "\\", "\\u", "\\u12", '\\"', "/*", "*/", "//", "#", ":", ",", "{", "}", "[", "]", "(", ")",
  '{"a":[', "'a':", '"a":', "true", "nul", "None", "NaN", "1e", "9", "0x", "-", "+", ".", "_", "j", "...",
  "<a ", "<a>", "</a>", "<a/>", "<!--", "-->", "<![CDATA[", "<?", "&#x", "&", ";", "=", "[[ ## ", " ## ]]", "[[ ## d ## ]]",
  "```", "```json\n", "<d>", "</d>", '"d":', "\n", "\r", "\t", " ", "\u00a0", "é", "😀", "\ud800", "\udc00", "\u0000",
  "x", "f'", "b'",
];

/** Contexts a run of one unit is placed in: bare, inside a JSON string, a JSON list, a JSON object, a Python string. */
const CONTEXTS: ReadonlyArray<readonly [string, string]> = [
  ["", ""],
  ['{"d": "', 'in "…'],
  ['{"d": [', "in [ …"],
  ['{"d": {"a": ', "in {a: …"],
  ["{'d': '", "in '…"],
];

/** A short printable name for a unit. */
export function unitName(unit: string): string {
  const shown = JSON.stringify(unit).slice(1, -1);
  return shown.length > 24 ? `${shown.slice(0, 21)}...` : shown;
}

/** Repeats a random sequence of units (a non-periodic reply) up to the size; the same seed gives the same text. */
function mix(seed: number, units: readonly string[]): Shape {
  return (size) => {
    const rng = new PythonRandom(seed);
    const parts: string[] = [];
    let length = 0;
    while (length < size) {
      const unit = units[Number(rng.randbelow(units.length))]!;
      parts.push(unit);
      length += unit.length;
    }
    return parts.join("");
  };
}

/**
 * The discovery sweep: every unit of the alphabet as a run in each context, `pairs` 2-unit and `triples` 3-unit
 * combinations and `mixes` random mixes, all chosen by a `PythonRandom(seed)`.
 */
export function discoveryShapes(options: { seed?: number; pairs?: number; triples?: number; mixes?: number } = {}): Record<string, Shape> {
  const rng = new PythonRandom(options.seed ?? 7);
  const pick = () => ALPHABET[Number(rng.randbelow(ALPHABET.length))]!;
  const shapes: Record<string, Shape> = {};
  for (const [prefix, label] of CONTEXTS) {
    for (const unit of ALPHABET) shapes[`${label ? `${label} ` : ""}run ${unitName(unit)}`] = (n) => repeat(prefix, unit, n);
  }
  for (const [count, width] of [[options.pairs ?? 80, 2], [options.triples ?? 80, 3]] as const) {
    for (let i = 0; i < count; i++) {
      const unit = Array.from({ length: width }, pick).join("");
      shapes[`run ${unitName(unit)}`] = (n) => repeat("", unit, n);
    }
  }
  for (let i = 0; i < (options.mixes ?? 20); i++) {
    const seed = Number(rng.randbelow(1_000_000));
    const units = Array.from({ length: 2 + Number(rng.randbelow(6)) }, pick);
    shapes[`mix#${seed} ${units.map(unitName).join(" ")}`.slice(0, 48)] = mix(seed, units);
  }
  return shapes;
}
