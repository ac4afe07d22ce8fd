import { readFileSync } from "node:fs";

/**
 * Large LM-style replies made of the committed json_repair inputs, to measure how much work real documents need
 * (the repair parser's work limit must stay far above it): valid fragments joined loosely (unquoted and single-quoted
 * keys, comments, trailing commas, Python literals, a missing closer now and then), raw broken fragments as array
 * items, and a fenced reply in prose; each cut at a seeded random point, as a truncated reply is.
 */

const FIXTURES = ["json-repair-dspy.json", "json-repair-fuzz.json", "json-repair-handwritten.json"];

/** The inputs of every committed json_repair case. */
export function committedJsonRepairInputs(): string[] {
  return FIXTURES.flatMap((name) => {
    const fixture = JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), "utf8")) as { cases: [string, unknown][] };
    return fixture.cases.map(([input]) => input);
  });
}

/** A small seeded generator (mulberry32), so each document is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function isStrictJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function pythonLiterals(text: string): string {
  return text.replace(/\btrue\b/g, "True").replace(/\bfalse\b/g, "False").replace(/\bnull\b/g, "None");
}

/** One member of a loosely written object: a key in one of three spellings, a fragment, perhaps a comment. */
function looseMember(random: () => number, index: number, fragment: string): string {
  const r = random();
  const key = r < 0.6 ? `"key_${index}"` : r < 0.8 ? `key_${index}` : `'key_${index}'`;
  let value = fragment;
  if (random() < 0.15) value = pythonLiterals(value);
  // A trailing comma (after a string or container: json_repair reads `1e+16,}` as the start of a nested value).
  if (random() < 0.1) value = value.replace(/(["}\]])(\s*)([}\]])$/, "$1,$2$3");
  if (random() < 0.001 && /[}\]]$/.test(value)) value = value.slice(0, -1); // a closer the LM forgot
  const c = random();
  const comment = c < 0.05 ? ` // note ${index}\n` : c < 0.08 ? ` # note ${index}\n` : c < 0.1 ? ` /* note ${index} */ ` : "";
  return `${key}: ${value},${comment}`;
}

export interface BrokenDocument {
  name: string;
  text: string;
}

/** Broken documents of about `size` characters each, built from `inputs` with `seed`. */
export function brokenJsonDocuments(inputs: readonly string[], size: number, seed: number): BrokenDocument[] {
  const random = seeded(seed);
  // Valid fragments; not those with an exponent `e+` (json_repair reads `1e+16` in a repaired text as `1e` and
  // nests everything after it one level deeper, so a megabyte of them ends in a RecursionError).
  const valid = inputs.filter((input) => input.length > 1 && /^[[{]/.test(input) && !/\d[eE]\+/.test(input) && isStrictJson(input));
  const pick = (from: readonly string[]) => from[Math.floor(random() * from.length)] as string;
  const cut = (text: string) => text.slice(0, Math.floor(text.length * (0.9 + 0.1 * random())));

  let object = "{\n";
  for (let i = 0; object.length < size; i++) object += `  ${looseMember(random, i, pick(valid))}\n`;
  object += "}";

  let array = "[\n";
  while (array.length < size) array += `  ${pick(inputs)},\n`;
  array += "]";

  let fenced = "Sure! Here is the JSON you asked for:\n```json\n{\n";
  for (let i = 0; fenced.length < size; i++) fenced += `  ${looseMember(random, i, pick(valid))}\n`;
  fenced += "}\n```\nLet me know if you need anything else.";

  return [
    { name: "loose object of valid fragments", text: cut(object) },
    { name: "array of raw committed inputs", text: cut(array) },
    { name: "fenced object in prose", text: cut(fenced) },
  ];
}
